// Checkpoint files: a TrainingCheckpoint in a neurite archive of kind
// "checkpoint" (docs/archives.md), written atomically beside the run's result
// as NAME.checkpoint, and removed once the run's result is written.
#pragma once
#include <neurite/results/archive.hpp>
#include <neurite/training/checkpoint.hpp>

#include <string>
#include <string_view>

namespace neurite {
/// Error(data) naming the file when it cannot be written.
void write_checkpoint(const TrainingCheckpoint& checkpoint, const std::string& path,
                      ArchiveEncoding encoding = ArchiveEncoding::binary);

/// Error(data) naming the file when it is missing, truncated, corrupt, not a
/// checkpoint (a result, say) or written by a newer neurite.
TrainingCheckpoint read_checkpoint(const std::string& path);
TrainingCheckpoint decode_checkpoint(std::string_view file_bytes, const std::string& source);

/// The bytes write_checkpoint would write (header and payload).
std::string encode_checkpoint(const TrainingCheckpoint& checkpoint, ArchiveEncoding encoding);

/// "NAME.checkpoint" for the run named `run_name` (result_file_name's rules).
std::string checkpoint_file_name(const std::string& run_name);
}  // namespace neurite
