// Writing and checking the archive header (archive_header.hpp).
#include "results/archive_header.hpp"

#include <neurite/errors.hpp>

#include <zlib.h>

#include <algorithm>
#include <array>

namespace neurite {
namespace {
constexpr std::array<char, 8> kMagic = {'N', 'E', 'U', 'R', 'I', 'T', 'E', '\0'};
constexpr std::size_t kVersionEnd = 12;  // magic and format version: enough to pick a layout

Error data_error(const std::string& source, const std::string& what) {
  return Error(ExitCode::data, source + ": " + what);
}

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint64_t get_le(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i)
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return value;
}

// CRC-32 (IEEE 802.3, the one of gzip and PNG), as boost::crc_32_type
// computes it; zlib's table-slicing version is about 4x faster than Boost's
// byte at a time, and every archive is checked on write and on read.
std::uint32_t crc32(std::string_view bytes) {
  return static_cast<std::uint32_t>(
      ::crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<z_size_t>(bytes.size())));
}

struct Layout {  // where the fields of one format version are
  std::size_t size, kind, encoding, length, crc;  // encoding 0: none (binary)
};
constexpr Layout kLayout1{28, 12, 0, 16, 24};
constexpr Layout kLayout2{32, 12, 16, 20, 28};

std::string kind_text(std::uint32_t kind) {
  switch (kind) {
    case static_cast<std::uint32_t>(ArchiveKind::result): return "result";
    case static_cast<std::uint32_t>(ArchiveKind::checkpoint): return "checkpoint";
    default: return {};
  }
}
}  // namespace

const char* to_string(ArchiveKind kind) {
  return kind == ArchiveKind::checkpoint ? "checkpoint" : "result";
}

std::string frame_archive(ArchiveKind kind, ArchiveEncoding encoding, std::string_view payload) {
  std::string file;
  file.reserve(kLayout2.size + payload.size());
  file.append(kMagic.data(), kMagic.size());
  put_le(file, kArchiveFormatVersion, 4);
  put_le(file, static_cast<std::uint32_t>(kind), 4);
  put_le(file, static_cast<std::uint32_t>(encoding), 4);
  put_le(file, payload.size(), 8);
  put_le(file, crc32(payload), 4);
  file += payload;
  return file;
}

ArchivePayload unframe_archive(std::string_view file, ArchiveKind expected, const std::string& source) {
  const std::string wanted = to_string(expected);
  if (file.empty()) throw data_error(source, "empty file, not a neurite " + wanted);
  const std::size_t magic_part = std::min(file.size(), kMagic.size());
  if (!std::equal(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(magic_part), kMagic.begin()))
    throw data_error(source, "not a neurite " + wanted + " file (bad magic)");
  if (file.size() < kVersionEnd)
    throw data_error(source, "truncated header (" + std::to_string(file.size()) + " bytes)");
  ArchivePayload payload;
  payload.format_version = static_cast<std::uint32_t>(get_le(file, 8, 4));
  if (payload.format_version > kArchiveFormatVersion)
    throw data_error(source, "written by a newer neurite: format " + std::to_string(payload.format_version) +
                                 ", this build reads up to " + std::to_string(kArchiveFormatVersion));
  if (payload.format_version == 0) throw data_error(source, "corrupt header: format version 0");
  const Layout& layout = payload.format_version == 1 ? kLayout1 : kLayout2;
  if (file.size() < layout.size)
    throw data_error(source, "truncated header (" + std::to_string(file.size()) + " of " +
                                 std::to_string(layout.size) + " bytes)");
  const auto kind = static_cast<std::uint32_t>(get_le(file, layout.kind, 4));
  if (kind != static_cast<std::uint32_t>(expected)) {
    const std::string name = kind_text(kind);
    if (!name.empty()) throw data_error(source, "is a " + name + " archive, not a " + wanted);
    throw data_error(source, "unknown archive kind " + std::to_string(kind) + " (known: 1 result, 2 checkpoint)");
  }
  if (layout.encoding != 0) {
    const auto encoding = static_cast<std::uint32_t>(get_le(file, layout.encoding, 4));
    if (encoding < 1 || encoding > 3)
      throw data_error(source, "unknown archive encoding " + std::to_string(encoding) +
                                   " (known: 1 binary, 2 text, 3 xml)");
    payload.encoding = static_cast<ArchiveEncoding>(encoding);
  }
  const std::uint64_t length = get_le(file, layout.length, 8);
  const auto crc = static_cast<std::uint32_t>(get_le(file, layout.crc, 4));
  const std::uint64_t present = file.size() - layout.size;
  if (length > present)
    throw data_error(source, "truncated: payload has " + std::to_string(present) + " of " +
                                 std::to_string(length) + " bytes");
  if (length < present)
    throw data_error(source, "corrupt: " + std::to_string(present - length) +
                                 " unexpected bytes after the payload");
  payload.bytes = file.substr(layout.size);
  if (crc32(payload.bytes) != crc) throw data_error(source, "corrupt: checksum mismatch");
  return payload;
}
}  // namespace neurite
