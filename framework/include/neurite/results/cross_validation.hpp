// k-fold summaries: the runs of `data.folds: k` ("name[fold=1]" ...) grouped
// back into their experiment (and sweep point), with the mean, sample standard
// deviation, min and max of each validation score over the folds.
#pragma once
#include <neurite/results/run_result.hpp>

#include <string>
#include <vector>

namespace neurite {
struct FoldScore {
  std::string metric;  // "validation accuracy", "validation loss", "validation rmse", "validation r2"
  double mean = 0, stddev = 0, min = 0, max = 0;
};

struct CrossValidation {
  std::string group;  // the run name without the fold: "iris-mlp" or "iris-mlp[units=8]"
  int folds = 0;      // ok runs in the group
  int failed = 0;     // runs of the group that did not end ok (left out of the scores)
  std::vector<FoldScore> scores;
};

/// One entry per group of fold runs (runs with a "fold" setting), in the
/// order the groups first appear.
std::vector<CrossValidation> summarize_folds(const std::vector<RunResult>& runs);

/// "cross-validation, 5 folds: iris-mlp  validation accuracy 0.953 ± 0.021 (0.92 .. 0.98) ..."
/// one line per group; "" when there are no fold runs.
std::string format_cross_validation(const std::vector<CrossValidation>& summaries);
}  // namespace neurite
