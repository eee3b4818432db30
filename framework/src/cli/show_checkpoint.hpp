// `neurite show` on a checkpoint (NAME.checkpoint, written while a run
// trains): which run it belongs to, how far it got, the time spent, its last
// and best epochs, and how to continue it.
#pragma once
#include <neurite/training/checkpoint.hpp>

#include "cli/show_summary.hpp"

#include <string>
#include <string_view>

namespace neurite::cli {
/// True when `file` starts with a neurite header of the checkpoint kind.
bool is_checkpoint_file(std::string_view file);

/// The summary, or with `parts` the experiment (--yaml) and the history
/// (--history). Error(data) for --resolved: a checkpoint stores none.
std::string checkpoint_text(const TrainingCheckpoint& c, const std::string& path, const ShowParts& parts);

/// The summary as one JSON object ("yaml_text" and "history" as `parts` asks).
std::string checkpoint_json(const TrainingCheckpoint& c, const std::string& path, const ShowParts& parts);
}  // namespace neurite::cli
