// Result files: a fixed header that neurite checks itself, then a Boost binary
// archive of the RunResult (serialization.hpp).
//
//   offset  size  field
//        0     8  magic "NEURITE\0"
//        8     4  format version (kFormatVersion), little-endian
//       12     4  archive kind (kKindRunResult)
//       16     8  payload length in bytes
//       24     4  CRC-32 of the payload
//       28     -  payload: boost::archive::binary_oarchive
//
// The header is checked, and the payload length compared with the file size,
// before any byte reaches Boost: a truncated or corrupt file is a clear error,
// never a crash or an allocation the file cannot justify.
#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>

#include "results/serialization.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/basic_archive.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/crc.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace neurite {
namespace {
namespace fs = std::filesystem;

constexpr std::array<char, 8> kMagic = {'N', 'E', 'U', 'R', 'I', 'T', 'E', '\0'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint32_t kKindRunResult = 1;
constexpr std::size_t kHeaderSize = 28;
// The payload is a native binary archive of fixed-width fields; the header is
// explicitly little-endian. Reading on a big-endian machine needs a portable archive.
static_assert(std::endian::native == std::endian::little);

Error data_error(const std::string& path, const std::string& what) {
  return Error(ExitCode::data, path + ": " + what);
}

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint64_t get_le(const char* in, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i)
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return value;
}

std::uint32_t crc32(const std::string& bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

// Reads a byte range in place (Boost needs a streambuf; no copy of the payload).
class SpanBuf : public std::streambuf {
 public:
  SpanBuf(const char* begin, std::size_t size) {
    char* b = const_cast<char*>(begin);  // get area only: never written through
    setg(b, b, b + size);
  }
};

std::string encode(const RunResult& result) {
  std::stringbuf buffer(std::ios::out | std::ios::binary);
  {
    boost::archive::binary_oarchive archive(buffer);
    archive << result;
  }
  std::string payload = std::move(buffer).str();
  std::string file;
  file.reserve(kHeaderSize + payload.size());
  file.append(kMagic.data(), kMagic.size());
  put_le(file, kFormatVersion, 4);
  put_le(file, kKindRunResult, 4);
  put_le(file, payload.size(), 8);
  put_le(file, crc32(payload), 4);
  file += payload;
  return file;
}

std::string errno_text(int err) { return std::strerror(err); }

// Writes all of `bytes` to a new file and makes it durable; throws a message.
void write_new_file(const std::string& file, const std::string& bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw std::runtime_error("cannot create " + file + ": " + errno_text(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      throw std::runtime_error("cannot write " + file + ": " + errno_text(err));
    }
    done += static_cast<std::size_t>(n);
  }
  // fsync before rename: otherwise a crash can leave the new name on an empty file.
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    throw std::runtime_error("cannot flush " + file + ": " + errno_text(err));
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot close " + file + ": " + errno_text(errno));
}

void sync_directory(const fs::path& dir) {  // best effort: makes the rename durable
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string read_file_bytes(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) throw data_error(path, "no such file");
  if (ec) throw data_error(path, ec.message());
  if (status.type() == fs::file_type::directory)
    throw data_error(path, "is a directory, not a result file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw data_error(path, "cannot open: " + errno_text(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0 || !in) throw data_error(path, "cannot read");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (size > 0 && !in.read(bytes.data(), size)) throw data_error(path, "cannot read");
  return bytes;
}

// Checks the header and returns the payload's offset and length.
std::size_t check_header(const std::string& path, const std::string& bytes) {
  if (bytes.empty()) throw data_error(path, "empty file, not a neurite result");
  const std::size_t magic_part = std::min(bytes.size(), kMagic.size());
  if (!std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(magic_part),
                  kMagic.begin()))
    throw data_error(path, "not a neurite result file (bad magic)");
  if (bytes.size() < kHeaderSize)
    throw data_error(path, "truncated header (" + std::to_string(bytes.size()) + " of " +
                               std::to_string(kHeaderSize) + " bytes)");
  const auto version = static_cast<std::uint32_t>(get_le(bytes.data() + 8, 4));
  const auto kind = static_cast<std::uint32_t>(get_le(bytes.data() + 12, 4));
  const std::uint64_t length = get_le(bytes.data() + 16, 8);
  const auto crc = static_cast<std::uint32_t>(get_le(bytes.data() + 24, 4));
  if (version == 0 || version > kFormatVersion)
    throw data_error(path, "archive format version " + std::to_string(version) +
                               " is not supported (supported: 1.." +
                               std::to_string(kFormatVersion) + "); written by a newer neurite?");
  if (kind != kKindRunResult)
    throw data_error(path, "not a run result (archive kind " + std::to_string(kind) +
                               ", expected " + std::to_string(kKindRunResult) + ")");
  const std::uint64_t present = bytes.size() - kHeaderSize;
  if (length > present)
    throw data_error(path, "truncated: payload has " + std::to_string(present) + " of " +
                               std::to_string(length) + " bytes");
  if (length < present)
    throw data_error(path, "corrupt: " + std::to_string(present - length) +
                               " unexpected bytes after the payload");
  boost::crc_32_type actual;
  actual.process_bytes(bytes.data() + kHeaderSize, static_cast<std::size_t>(length));
  if (actual.checksum() != crc) throw data_error(path, "corrupt: checksum mismatch");
  return kHeaderSize;
}
}  // namespace

void write_result(const RunResult& result, const std::string& path) {
  if (path.empty()) throw Error(ExitCode::data, "empty result file name");
  const fs::path target(path);
  if (target.filename().empty()) throw data_error(path, "not a file name");
  std::string bytes;
  try {
    bytes = encode(result);
  } catch (const boost::archive::archive_exception& e) {
    throw data_error(path, std::string("cannot serialize result: ") + e.what());
  }
  const fs::path dir = target.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw data_error(path, "cannot create directory " + dir.string() + ": " + ec.message());
  }
  static std::atomic<unsigned long> counter{0};
  const std::string temp = path + ".tmp." + std::to_string(::getpid()) + "." +
                           std::to_string(counter.fetch_add(1));
  try {
    write_new_file(temp, bytes);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) throw std::runtime_error("cannot rename " + temp + ": " + ec.message());
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw data_error(path, e.what());
  }
  sync_directory(dir);
}

// Boost reads its own signature with an unbounded string length: check it first.
void check_boost_signature(const std::string& path, const std::string& bytes, std::size_t offset) {
  constexpr std::string_view signature = "serialization::archive";
  std::string expected;
  put_le(expected, signature.size(), 8);
  expected += signature;
  if (bytes.compare(offset, expected.size(), expected) != 0)
    throw data_error(path, "corrupt archive: no Boost.Serialization signature");
}

RunResult read_result(const std::string& path) {
  const std::string bytes = read_file_bytes(path);
  const std::size_t offset = check_header(path, bytes);
  check_boost_signature(path, bytes, offset);
  SpanBuf buffer(bytes.data() + offset, bytes.size() - offset);
  RunResult result;
  try {
    boost::archive::binary_iarchive archive(buffer);
    archive >> result;
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::unsupported_version)
      throw data_error(path, "archive written by a newer Boost.Serialization (this build reads "
                             "library versions up to " +
                                 std::to_string(boost::archive::BOOST_ARCHIVE_VERSION()) + ")");
    throw data_error(path, std::string("corrupt archive: ") + e.what());
  } catch (const Error& e) {  // a version or consistency check in serialization.hpp
    throw data_error(path, e.what());
  } catch (const std::bad_alloc&) {
    throw data_error(path, "corrupt archive: out of memory while loading");
  } catch (const std::exception& e) {  // e.g. length_error from a corrupt count
    throw data_error(path, std::string("corrupt archive: ") + e.what());
  }
  return result;
}

std::vector<RunResult> read_results(const std::vector<std::string>& paths) {
  std::vector<RunResult> results;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      results.push_back(read_result(path));
      continue;
    }
    std::vector<fs::path> files;
    try {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.path().extension() == ".neurite" && entry.is_regular_file())
          files.push_back(entry.path());
      }
    } catch (const fs::filesystem_error& e) {
      throw data_error(path, std::string("cannot list directory: ") + e.code().message());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) results.push_back(read_result(file.string()));
  }
  return results;
}

std::string result_file_name(const RunResult& result) {
  std::string name = result.name.empty() ? std::string("unnamed") : result.name;
  for (char& c : name) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return name + ".neurite";
}
}  // namespace neurite
