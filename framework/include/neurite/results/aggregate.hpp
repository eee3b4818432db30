// Grouping runs for `neurite compare --group-by KEY...`. The keys name what
// stays apart; everything else is aggregated over. KEY is `experiment` (the
// experiment's name, without sweep point, seed or fold) or the label of a
// run setting (`units`, `seed`, `fold`, a sweep's label). So
// `--group-by experiment --group-by units` pools every run of one experiment
// and one `units` value: its seeds, folds and other sweep values.
#pragma once
#include <neurite/results/run_result.hpp>

#include <string>
#include <vector>

namespace neurite {
struct RunGroup {
  // "moons-mlp" (experiment), "moons-mlp[units=20]", or "units=20" without
  // `experiment` among the keys; a run without a setting shows "units=-".
  std::string label;
  std::vector<const RunResult*> runs;  // in the order given
};

/// One group per distinct label, in the order the labels first appear.
/// Error(ExitCode::usage) for a key that is neither `experiment` nor a
/// setting label of some run, listing the keys the runs have.
std::vector<RunGroup> group_runs(const std::vector<RunResult>& runs, const std::vector<std::string>& keys);

/// `experiment` and every setting label of the runs, sorted.
std::vector<std::string> grouping_keys(const std::vector<RunResult>& runs);
}  // namespace neurite
