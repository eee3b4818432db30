// decision_boundary() (decision_boundary.hpp): the stored experiment gives
// the data (prepare_data is deterministic for the run's seed, so the points
// are the run's own), the stored parameters give the model; the grid spans
// every point with a 10% margin.
#include "report/decision_boundary.hpp"

#include <neurite/config/experiment_file.hpp>
#include <neurite/data/dataset.hpp>
#include <neurite/run/trained_model.hpp>

#include <algorithm>
#include <cmath>

namespace neurite::report {
namespace {
constexpr int kGrid = 120;  // cells per side: smooth enough at the page's 240 px

struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
  void add(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
  void pad() {
    const double margin = std::max(1e-6, 0.1 * (hi - lo));
    lo -= margin, hi += margin;
  }
};

DecisionBoundary evaluate_grid(const TrainedModel& model, const PreparedData& data) {
  DecisionBoundary b;
  Range x, y;
  for (const Dataset* split : {&data.train, &data.validation, &data.test})
    for (Index r = 0; r < split->samples(); ++r) x.add(split->features(r, 0)), y.add(split->features(r, 1));
  x.pad(), y.pad();
  b.x_min = x.lo, b.x_max = x.hi, b.y_min = y.lo, b.y_max = y.hi;
  b.nx = b.ny = kGrid;
  Matrix grid(kGrid * kGrid, 2);
  for (int j = 0; j < kGrid; ++j)
    for (int i = 0; i < kGrid; ++i) {
      grid(j * kGrid + i, 0) = static_cast<float>(x.lo + (i + 0.5) * (x.hi - x.lo) / kGrid);
      grid(j * kGrid + i, 1) = static_cast<float>(y.lo + (j + 0.5) * (y.hi - y.lo) / kGrid);
    }
  // The predicted class by the trainer's own rule, shaded by its probability.
  const Matrix outputs = model_outputs(model, grid);
  const Matrix p = class_probabilities(model, outputs);
  b.classes = static_cast<int>(model.class_names.size());
  b.predicted = predicted_classes(model, outputs);
  b.confidence.resize(b.predicted.size());
  for (std::size_t r = 0; r < b.predicted.size(); ++r) b.confidence[r] = p(static_cast<Index>(r), b.predicted[r]);
  const bool test = data.test.samples() > 0;
  const Dataset& points = test ? data.test : data.train;
  b.points_split = test ? "test split" : "training split";
  for (Index r = 0; r < points.samples(); ++r) {
    b.points_x.push_back(points.features(r, 0));
    b.points_y.push_back(points.features(r, 1));
    b.points_label.push_back(points.labels[static_cast<std::size_t>(r)]);
  }
  return b;
}
}  // namespace

std::optional<DecisionBoundary> decision_boundary(const RunResult& run, const PluginRegistry& registry,
                                                  std::string* why_not) {
  const auto skip = [&](const std::string& reason) -> std::optional<DecisionBoundary> {
    if (why_not) *why_not = reason;
    return std::nullopt;
  };
  if (run.status != RunStatus::ok) return skip("the run did not end ok");
  if (run.regression) return skip("a regression run has no classes");
  if (run.feature_names.size() != 2) return skip("the model has " + std::to_string(run.feature_names.size()) + " inputs");
  try {
    // The stored YAML is the run's own experiment; with data.folds it expands
    // again into one run per fold, and the run's "fold" setting says which.
    const auto specs = parse_experiments(run.yaml_text, run.source_file);
    std::size_t pick = 0;
    for (const auto& s : run.settings)
      if (s.label == "fold") pick = static_cast<std::size_t>(std::stoul(s.value)) - 1;
    if (pick >= specs.size()) return skip("the stored experiment has no fold " + std::to_string(pick + 1));
    ExperimentSpec spec = specs[pick];
    spec.seed = run.seed;
    const PreparedData data = prepare_data(spec.data, spec.seed);
    return evaluate_grid(load_model(run, registry), data);
  } catch (const Error& e) {
    return skip(e.what());
  }
}
}  // namespace neurite::report
