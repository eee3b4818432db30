// evaluate_model() (model_evaluation.hpp).
#include <neurite/results/metrics.hpp>
#include <neurite/run/model_evaluation.hpp>
#include <neurite/training/regression_metrics.hpp>

#include <stdexcept>

namespace neurite {
namespace {
// The targets the trainer builds from class labels: one-hot rows, or the
// label itself for a single output column.
Matrix class_targets(const std::vector<int>& labels, Index cols) {
  Matrix t = Matrix::Zero(static_cast<Index>(labels.size()), cols);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto r = static_cast<Index>(i);
    if (cols == 1) t(r, 0) = static_cast<float>(labels[i]);
    else t(r, labels[i]) = 1.0f;
  }
  return t;
}
}  // namespace

ModelEvaluation evaluate_model(const TrainedModel& model, const Matrix& outputs, const NewData& data) {
  if (!data.has_truth) throw std::invalid_argument("evaluate_model: the data has no labels or targets");
  ModelEvaluation e;
  const Index n = outputs.rows();
  e.samples = static_cast<std::size_t>(n);
  if (n == 0) return e;
  const Matrix targets = model.regression ? data.targets : class_targets(data.labels, outputs.cols());
  const Loss& loss = *model.model.loss;
  e.loss = loss.sum(outputs, targets) / static_cast<double>(n * loss.terms_per_sample(outputs.cols()));
  if (model.regression) {
    std::vector<double> squared(static_cast<std::size_t>(outputs.cols()), 0.0), total(squared.size(), 0.0);
    add_squared_error(outputs, targets, squared);
    total_squares(targets, total);
    const RegressionScores scores = regression_scores(squared, total, n);
    e.rmse = scores.rmse;
    e.r2 = scores.r2;
    return e;
  }
  const auto classes = static_cast<std::size_t>(model.class_names.size());
  const std::vector<int> predicted = predicted_classes(model, outputs);
  e.confusion.assign(classes * classes, 0);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    const auto truth = static_cast<std::size_t>(data.labels[i]), guess = static_cast<std::size_t>(predicted[i]);
    ++e.confusion[truth * classes + guess];
    correct += truth == guess ? 1 : 0;
  }
  e.accuracy = static_cast<double>(correct) / static_cast<double>(n);
  const MacroScores macro = macro_scores(e.confusion);
  e.precision = macro.precision;
  e.recall = macro.recall;
  e.f1 = macro.f1;
  return e;
}
}  // namespace neurite
