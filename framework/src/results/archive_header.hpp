// The fixed header in front of every neurite archive (results now, training
// checkpoints later). neurite checks it itself before a byte reaches Boost:
// a file of another kind, from a newer neurite, truncated or corrupt is a
// clear Error(data) naming the file, never a crash or a giant allocation.
//
//   format 2 (current)              format 1 (read only)
//   offset size field               offset size field
//        0    8 magic "NEURITE\0"        0    8 magic
//        8    4 format version           8    4 format version (1)
//       12    4 kind                    12    4 kind
//       16    4 encoding                16    8 payload length
//       20    8 payload length          24    4 CRC-32 of the payload
//       28    4 CRC-32 of the payload   28    - payload (always binary)
//       32    - payload
// Integers are little-endian. The payload length must equal the bytes present.
#pragma once
#include <neurite/results/archive.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace neurite {
enum class ArchiveKind : std::uint32_t { result = 1, checkpoint = 2 };

/// "result", "checkpoint".
const char* to_string(ArchiveKind kind);

inline constexpr std::uint32_t kArchiveFormatVersion = 2;

/// The header for `payload`, followed by the payload.
std::string frame_archive(ArchiveKind kind, ArchiveEncoding encoding, std::string_view payload);

struct ArchivePayload {
  std::uint32_t format_version = 0;
  ArchiveEncoding encoding = ArchiveEncoding::binary;
  std::string_view bytes;  // a view into the file's bytes
};

/// Checks the header of `file` (read from `source`, named in errors).
/// ensures: the payload is complete, its checksum matches and `file` is an
///          archive of kind `expected` in a known encoding; otherwise Error(data).
ArchivePayload unframe_archive(std::string_view file, ArchiveKind expected, const std::string& source);
}  // namespace neurite
