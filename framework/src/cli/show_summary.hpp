// What `neurite show RESULT` prints about one stored run: who it is (run,
// experiment, settings, seed), how it ended (status, stop reason, restored
// epoch), what it trained (model, parameters, loss, optimizer, data), what it
// cost (epochs, wall and CPU seconds, threads), its final metrics per split
// and the neurite and plugin versions it was built with. Text for people,
// JSON (one object) for tools.
#pragma once
#include <neurite/results/run_result.hpp>

#include <string>

namespace neurite::cli {
/// Which texts `show` adds to the summary (--yaml, --resolved, --history).
struct ShowParts {
  bool yaml = false, resolved = false, history = false;
};

std::string summary_text(const RunResult& result, const std::string& path);

/// The summary as one JSON object, with "yaml_text", "resolved_yaml" and
/// "history" (one object per epoch) added as `parts` asks.
std::string summary_json(const RunResult& result, const std::string& path, const ShowParts& parts);
}  // namespace neurite::cli
