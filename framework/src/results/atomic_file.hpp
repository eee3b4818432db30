// Whole-file I/O for archives. Writes are atomic: a temporary file in the same
// directory, fsync, then rename, so a crash never leaves a half-written file
// under the final name.
#pragma once
#include <neurite/errors.hpp>

#include <optional>
#include <string>
#include <vector>

namespace neurite {
/// Files written together and made durable together: add() writes each to a
/// temporary beside its target, kept open; commit() flushes them all (an fsync each),
/// renames each into place and syncs each directory once. A directory sync per
/// file had been most of the cost of writing a batch's many small archives
/// (bench/README.md, F).
class AtomicFileGroup {
 public:
  AtomicFileGroup() = default;
  ~AtomicFileGroup();  // removes temporaries never committed
  AtomicFileGroup(const AtomicFileGroup&) = delete;
  AtomicFileGroup& operator=(const AtomicFileGroup&) = delete;

  /// Error(data) naming `path` when its temporary cannot be written; nothing is left behind.
  void add(const std::string& path, const std::string& bytes);
  /// For each file added, in order: nullopt once it is durable under its
  /// name, or the Error(data) that kept it out (the others still land).
  std::vector<std::optional<Error>> commit();

 private:
  struct Entry {
    std::string path, temp;
    int fd = -1;  // the temporary, open from add() until commit() flushes it
  };
  std::optional<Error> flush_one(std::size_t i);
  std::vector<Entry> entries_;
};

/// Replaces `path` with `bytes`, creating missing parent directories.
/// Error(data) naming the file when it cannot be written; no temporary is left.
void write_file_atomically(const std::string& path, const std::string& bytes);

/// The bytes of `path`; Error(data) naming it when it is missing, a directory
/// or unreadable.
std::string read_whole_file(const std::string& path);
}  // namespace neurite
