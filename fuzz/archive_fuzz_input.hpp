// What the archive fuzzer does with one input, shared by the libFuzzer harness
// (archive_fuzzer.cpp) and the corpus replay test (tests/fuzz/archive_fuzzer_test.cpp).
//
// The input is a whole result or checkpoint file (the header's kind field
// chooses the decoder). It is decoded twice: as it is (the header's own
// checks), and with its header repaired (payload length and CRC-32 made to
// match), so that mutations reach Boost instead of stopping at the checksum.
// Decoding must either succeed or throw Error(data); anything else aborts.
// An archive that loads must encode again in every encoding, load back, and
// encode to the same bytes a second time.
#pragma once
#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/results/checkpoint_archive.hpp>

#include <boost/crc.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace neurite::fuzz {
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "archive fuzzer: %s\n", what.c_str());
  std::abort();
}

/// `file` with the length and CRC-32 fields of its format-1 or format-2 header
/// matching the bytes after it; nothing when there is no such header.
inline std::optional<std::string> with_repaired_header(std::string_view file) {
  if (file.size() < 12 || file.substr(0, 8) != std::string_view("NEURITE\0", 8)) return std::nullopt;
  const auto version = static_cast<unsigned char>(file[8]);
  const std::size_t size = version == 1 ? 28 : 32, length_at = version == 1 ? 16 : 20;
  if ((version != 1 && version != 2) || file.size() < size) return std::nullopt;
  std::string bytes(file);
  const std::uint64_t length = bytes.size() - size;
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data() + size, length);
  for (int i = 0; i < 8; ++i) bytes[length_at + i] = static_cast<char>(length >> (8 * i));
  for (int i = 0; i < 4; ++i) bytes[size - 4 + i] = static_cast<char>(crc.checksum() >> (8 * i));
  return bytes;
}

// Result and checkpoint archives through the same checks.
struct ResultCodec {
  using Value = RunResult;
  static std::string encode(const RunResult& r, ArchiveEncoding e) { return encode_result(r, e); }
  static RunResult decode(std::string_view bytes, const std::string& source) { return decode_result(bytes, source); }
};
struct CheckpointCodec {
  using Value = TrainingCheckpoint;
  static std::string encode(const TrainingCheckpoint& c, ArchiveEncoding e) { return encode_checkpoint(c, e); }
  static TrainingCheckpoint decode(std::string_view bytes, const std::string& source) {
    return decode_checkpoint(bytes, source);
  }
};

template <class Codec>
void check_reencoding(const typename Codec::Value& value) {
  for (auto encoding : {ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml}) {
    const std::string first = Codec::encode(value, encoding);
    typename Codec::Value again;
    try {
      again = Codec::decode(first, "re-encoded");
    } catch (const Error& e) {
      fail(std::string("a loaded archive does not load again as ") + to_string(encoding) + ": " + e.what());
    }
    if (Codec::encode(again, encoding) != first)
      fail(std::string("a loaded archive changes when written again as ") + to_string(encoding));
  }
}

/// True when `file` loaded.
template <class Codec>
bool decode_once(std::string_view file) {
  typename Codec::Value value;
  try {
    value = Codec::decode(file, "fuzz.neurite");
  } catch (const Error& e) {
    if (e.code() != ExitCode::data) fail(std::string("not a data error: ") + e.what());
    if (std::string_view(e.what()).substr(0, 14) != "fuzz.neurite: ")
      fail(std::string("error does not name the file: ") + e.what());
    return false;
  }
  check_reencoding<Codec>(value);
  return true;
}

/// The decoder the header's kind field (offset 12) asks for; results otherwise.
inline bool decode_as_its_kind(std::string_view file) {
  const bool checkpoint = file.size() > 12 && file[12] == 2;
  return checkpoint ? decode_once<CheckpointCodec>(file) : decode_once<ResultCodec>(file);
}

inline void fuzz_archive_input(std::string_view file) {
  decode_as_its_kind(file);
  if (const auto repaired = with_repaired_header(file)) decode_as_its_kind(*repaired);
}
}  // namespace neurite::fuzz
