// Whole-file I/O for archives. Writes are atomic: a temporary file in the same
// directory, fsync, then rename, so a crash never leaves a half-written file
// under the final name.
#pragma once
#include <string>

namespace neurite {
/// Replaces `path` with `bytes`, creating missing parent directories.
/// Error(data) naming the file when it cannot be written; no temporary is left.
void write_file_atomically(const std::string& path, const std::string& bytes);

/// The bytes of `path`; Error(data) naming it when it is missing, a directory
/// or unreadable.
std::string read_whole_file(const std::string& path);
}  // namespace neurite
