// Scores of a trained model on rows with known truth (neurite evaluate), by
// the trainer's definitions, so that a run's own training rows score exactly
// what its result stores:
//   loss      the loss's sum over the rows / (rows * terms_per_sample), the
//             trainer's evaluation loss (reduction mean; no L1/L2 penalties)
//   accuracy  share of rows whose predicted class (predicted_classes) is right
//   precision, recall, f1   macro averages from the confusion matrix
//             (macro_scores: scikit-learn's labels=None, zero_division=0)
//   rmse, r2  regression, scikit-learn's uniform average over the outputs
#pragma once
#include <neurite/data/new_data.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/run/trained_model.hpp>

#include <cstdint>
#include <vector>

namespace neurite {
struct ModelEvaluation {
  std::size_t samples = 0;
  double loss = 0.0;
  double accuracy = kNotApplicable;
  double precision = kNotApplicable, recall = kNotApplicable, f1 = kNotApplicable;
  std::vector<std::int64_t> confusion;  // classification: [true * classes + predicted]
  double rmse = kNotApplicable, r2 = kNotApplicable;
};

/// requires: data.has_truth; outputs = model_outputs(model, data.features).
ModelEvaluation evaluate_model(const TrainedModel& model, const Matrix& outputs, const NewData& data);
}  // namespace neurite
