// Storing RunResults as archives: a neurite header (kind, encoding, length,
// CRC-32; docs/archives.md) around a Boost.Serialization archive in one of
// three encodings. Writes are atomic (temporary file in the same directory,
// then rename), so a crash never leaves a half-written result under the final name.
#pragma once
#include <neurite/results/run_result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace neurite {
/// How the payload is written. binary: Boost binary_oarchive, compact, for
/// this machine's byte order and type sizes; text and xml: Boost text and XML
/// archives, portable across platforms (xml is also readable).
enum class ArchiveEncoding : std::uint32_t { binary = 1, text = 2, xml = 3 };

/// "binary", "text", "xml".
const char* to_string(ArchiveEncoding encoding);

/// Error(usage) naming the known encodings unless `name` is one of them.
ArchiveEncoding parse_archive_encoding(const std::string& name);

/// Error(ExitCode::data) naming the file when it cannot be written.
void write_result(const RunResult& result, const std::string& path,
                  ArchiveEncoding encoding = ArchiveEncoding::binary);

/// Any encoding, any format version this build knows. Error(ExitCode::data)
/// naming the file when it is missing, truncated, corrupt, not a neurite
/// result or written by a newer neurite.
RunResult read_result(const std::string& path);

/// read_result on bytes already in memory; `source` names them in errors.
RunResult decode_result(std::string_view file_bytes, const std::string& source);

/// The bytes write_result would write (header and payload).
std::string encode_result(const RunResult& result, ArchiveEncoding encoding);

/// What write_result would write to `path`, with its checks (Error(data)
/// naming `path`), for a caller that writes the file itself.
std::string encode_result_file(const RunResult& result, const std::string& path, ArchiveEncoding encoding);

/// Files and directories (searched recursively for *.neurite, sorted).
std::vector<RunResult> read_results(const std::vector<std::string>& paths);

/// A file name for a run: the experiment name with unsafe characters replaced.
std::string result_file_name(const RunResult& result);
}  // namespace neurite
