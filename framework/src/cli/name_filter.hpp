// `neurite run --filter PATTERN`: keeps the runs whose name (sweep points
// expanded: "moons-mlp[units=20,seed=2]") matches a glob pattern, fnmatch(3)
// without flags, so `*` also matches '/' and '.'; `[` opens a bracket
// expression: write `\[` for a literal one. Several patterns: any may match.
#pragma once
#include "cli/batch.hpp"

#include <string>
#include <vector>

namespace neurite::cli {
bool matches_any(const std::string& name, const std::vector<std::string>& patterns);

/// Drops the items no pattern matches. No pattern given: keeps all. Nothing
/// left while there were runs: Error(ExitCode::usage) listing the names.
void filter_batch(Batch& batch, const std::vector<std::string>& patterns);
}  // namespace neurite::cli
