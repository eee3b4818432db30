// The metrics `neurite compare` reads from a stored run (archive only, never
// re-run): per-split scores, some derived from the final confusion matrix,
// and per-run figures (parameters, epochs, time).
#pragma once
#include <neurite/results/run_result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace neurite {
enum class Split { train, validation, test };

/// "train", "validation", "test".
const char* to_string(Split split);

/// Macro averages over the classes that occur in the labels or in the
/// predictions (scikit-learn's labels=None), zero_division=0:
///   precision_c = TP_c / predicted_c, recall_c = TP_c / actual_c (0 when the
///   divisor is 0), f1_c = 2 p r / (p + r) (0 when p + r = 0); each averaged
///   over those classes. confusion[true * k + predicted], k * k entries.
/// NaN fields when the matrix is empty or holds no sample.
struct MacroScores {
  double precision = 0, recall = 0, f1 = 0;
};
MacroScores macro_scores(const std::vector<std::int64_t>& confusion);

enum class MetricFormat { percent, real, r2, count, seconds, rate };

struct MetricInfo {
  const char* name;       // as typed in --metrics and --sort: "accuracy"
  bool per_split;         // read from train/validation/test
  bool higher_is_better;  // the default sort direction puts the best first
  const char* title;      // text column title ("acc"), after the split ("test acc")
  MetricFormat format;
};

/// Every metric, in the order `--help` and error messages list them.
std::span<const MetricInfo> metric_catalogue();

/// nullptr when `name` is not a metric.
const MetricInfo* find_metric(std::string_view name);

/// The metric's value for `run` (`split` is ignored by per-run metrics); NaN
/// when it does not apply (an empty split, accuracy of a regression run, ...).
double metric_value(const RunResult& run, const MetricInfo& metric, Split split);

/// The mean cross-entropy of the predicted probabilities on `split`: its
/// evaluation loss when that loss is one (softmax_cross_entropy or nll; or
/// binary_cross_entropy(_with_logits) on a single output column), without
/// label_smoothing or pos_weight in the run's YAML; NaN otherwise.
double log_loss(const RunResult& run, const SplitMetrics& split);

/// The epoch of the lowest validation loss, or of the lowest training loss
/// when no epoch has a validation loss; NaN for an empty history.
double epochs_to_best(const RunResult& run);
}  // namespace neurite
