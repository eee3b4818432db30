// Metrics of a stored run (metrics.hpp).
#include <neurite/results/metrics.hpp>

#include <cmath>
#include <iterator>
#include <string>

namespace neurite {
namespace {
constexpr MetricInfo kMetrics[] = {
    {"accuracy", true, true, "acc", MetricFormat::percent},
    {"loss", true, false, "loss", MetricFormat::real},
    {"precision", true, true, "precision", MetricFormat::percent},
    {"recall", true, true, "recall", MetricFormat::percent},
    {"f1", true, true, "F1", MetricFormat::percent},
    {"log_loss", true, false, "log loss", MetricFormat::real},
    {"rmse", true, false, "rmse", MetricFormat::real},
    {"r2", true, true, "R\u00b2", MetricFormat::r2},
    {"parameters", false, false, "params", MetricFormat::count},
    {"epochs", false, false, "epochs", MetricFormat::count},
    {"epochs_to_best", false, false, "best epoch", MetricFormat::count},
    {"wall_seconds", false, false, "time", MetricFormat::seconds},
    {"samples_per_second", false, true, "samples/s", MetricFormat::rate},
};

const SplitMetrics& split_of(const RunResult& run, Split split) {
  switch (split) {
    case Split::train: return run.train;
    case Split::validation: return run.validation;
    case Split::test: return run.test;
  }
  return run.test;
}

// Output columns of the model: the width of its last non-activation layer,
// the last "(N)" of the summary "dense(16) tanh dense(1) sigmoid".
long output_columns(const std::string& summary) {
  const auto open = summary.rfind('(');
  if (open == std::string::npos) return 0;
  try {
    return std::stol(summary.substr(open + 1));
  } catch (const std::exception&) {
    return 0;
  }
}
}  // namespace

const char* to_string(Split split) {
  switch (split) {
    case Split::train: return "train";
    case Split::validation: return "validation";
    case Split::test: return "test";
  }
  return "?";
}

MacroScores macro_scores(const std::vector<std::int64_t>& confusion) {
  constexpr double nan = kNotApplicable;
  const auto k = static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(confusion.size()))));
  if (k == 0 || k * k != confusion.size()) return {nan, nan, nan};
  double precision = 0, recall = 0, f1 = 0;
  std::size_t present = 0;
  for (std::size_t c = 0; c < k; ++c) {
    std::int64_t actual = 0, predicted = 0;
    for (std::size_t o = 0; o < k; ++o) {
      actual += confusion[c * k + o];
      predicted += confusion[o * k + c];
    }
    if (actual == 0 && predicted == 0) continue;  // neither in the labels nor the predictions
    ++present;
    const double tp = static_cast<double>(confusion[c * k + c]);
    const double p = predicted > 0 ? tp / static_cast<double>(predicted) : 0.0;
    const double r = actual > 0 ? tp / static_cast<double>(actual) : 0.0;
    precision += p;
    recall += r;
    f1 += p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  if (present == 0) return {nan, nan, nan};
  const double n = static_cast<double>(present);
  return {precision / n, recall / n, f1 / n};
}

std::span<const MetricInfo> metric_catalogue() { return kMetrics; }

const MetricInfo* find_metric(std::string_view name) {
  for (const MetricInfo& m : kMetrics)
    if (name == m.name) return &m;
  return nullptr;
}

double log_loss(const RunResult& run, const SplitMetrics& split) {
  if (split.samples == 0 || run.regression) return kNotApplicable;
  // Parameters that make the loss differ from the cross-entropy; the YAML may
  // hold several experiments, so any mention counts (never a wrong number).
  if (run.yaml_text.find("label_smoothing") != std::string::npos ||
      run.yaml_text.find("pos_weight") != std::string::npos)
    return kNotApplicable;
  if (run.loss == "softmax_cross_entropy" || run.loss == "nll") return split.loss;
  // Binary cross-entropy is a mean over output columns: the log loss only for
  // one column, P(class 1).
  if ((run.loss == "binary_cross_entropy" || run.loss == "binary_cross_entropy_with_logits") &&
      output_columns(run.model_summary) == 1)
    return split.loss;
  return kNotApplicable;
}

double epochs_to_best(const RunResult& run) {
  const auto best_by = [&](double EpochMetrics::*field) {
    double best = kNotApplicable;
    int epoch = 0;
    for (const EpochMetrics& m : run.history)
      if (std::isfinite(m.*field) && (epoch == 0 || m.*field < best)) {
        best = m.*field;
        epoch = m.epoch;
      }
    return epoch;
  };
  int epoch = best_by(&EpochMetrics::validation_loss);
  if (epoch == 0) epoch = best_by(&EpochMetrics::train_loss);
  return epoch == 0 ? kNotApplicable : epoch;
}

double metric_value(const RunResult& run, const MetricInfo& metric, Split split) {
  const std::string_view name = metric.name;
  if (!metric.per_split) {
    if (name == "parameters") return static_cast<double>(run.parameter_count);
    if (name == "epochs") return run.epochs_run;
    if (name == "epochs_to_best") return epochs_to_best(run);
    if (name == "wall_seconds") return run.wall_seconds;
    if (name == "samples_per_second")
      return run.wall_seconds > 0 && run.train.samples > 0
                 ? static_cast<double>(run.train.samples) * run.epochs_run / run.wall_seconds
                 : kNotApplicable;
    return kNotApplicable;
  }
  const SplitMetrics& s = split_of(run, split);
  if (s.samples == 0) return kNotApplicable;
  if (name == "loss") return s.loss;
  if (name == "rmse") return run.regression ? s.rmse : kNotApplicable;
  if (name == "r2") return run.regression ? s.r2 : kNotApplicable;
  if (run.regression) return kNotApplicable;
  if (name == "accuracy") return s.accuracy;
  if (name == "log_loss") return log_loss(run, s);
  const MacroScores scores = macro_scores(s.confusion);
  if (name == "precision") return scores.precision;
  if (name == "recall") return scores.recall;
  if (name == "f1") return scores.f1;
  return kNotApplicable;
}
}  // namespace neurite
