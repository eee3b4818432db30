// A trained model rebuilt from a stored result (neurite predict, evaluate,
// export): the run's experiment parsed again from RunResult::yaml_text, its
// network assembled for the stored input width and outputs, and every stored
// parameter copied in. Inference runs in evaluation mode: dropout passes its
// input through, batch_norm uses its stored running statistics.
//
// Outputs become class probabilities by a rule chosen from the loss and the
// last activation (docs/export.md, "Probabilities"):
//   exp       loss nll or kl_divergence, or a last log_softmax activation
//             under a loss that does not read logits: outputs are log-probabilities
//   sigmoid   binary_cross_entropy_with_logits (per column), or any logits loss
//             with one output column: P(class 1) = 1 / (1 + exp(-z))
//   softmax   any other logits loss (softmax_cross_entropy, multi_margin)
//   identity  a probabilities loss (binary_cross_entropy) or a values loss
//             (mse after a sigmoid or softmax): outputs clamped to [0, 1]
// One output column for two classes gives P(class 0) = 1 - P(class 1). The
// predicted class is the trainer's (count_correct): the argmax of the outputs,
// or for one column output > 0 (logits) or > 0.5, so accuracy here equals the
// trainer's accuracy on the same rows.
#pragma once
#include <neurite/data/preprocessing.hpp>
#include <neurite/experiment_spec.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/results/run_result.hpp>

#include <string>
#include <vector>

namespace neurite {
enum class ProbabilityRule { none, softmax, sigmoid, exp, identity };  // none: regression

const char* to_string(ProbabilityRule rule);

struct TrainedModel {
  std::string source;            // the result file (or the run's name), for messages
  ExperimentSpec spec;           // the run's experiment as stored
  AssembledModel model;          // network with the stored parameters
  Preprocessing preprocessing;   // fitted on the run's training split
  bool regression = false;
  std::vector<std::string> class_names;  // classification: class index -> label as written
  Index input_cols = 0, output_cols = 0;
  OutputKind output_kind = OutputKind::logits;
  ProbabilityRule rule = ProbabilityRule::none;
};

/// The run's experiment parsed from result.yaml_text (as if it were its
/// source file, so relative paths and plugins: resolve as they did), the spec
/// whose name is the run's, else the first. Error(usage) prefixed with
/// `result_file` when the stored text no longer parses.
ExperimentSpec stored_experiment(const RunResult& result, const std::string& result_file);

/// Rebuilds the run's model. The registry must hold the run's components
/// (including the experiment's plugins: directories). Errors, each naming
/// `result_file` (or the run when empty): Error(data) for a run that did not
/// finish ok, a result without stored preprocessing (older archives) or a
/// stored parameter whose layer, name or shape differs from the rebuilt
/// network's; Error(plugin | usage) when a component cannot be made.
TrainedModel load_model(const RunResult& result, const PluginRegistry& registry,
                        const std::string& result_file = "");

/// Network outputs (rows x output_cols) for preprocessed features, in
/// evaluation mode, in chunks of at most 256 rows. Error(data) naming
/// model.source when features.cols() != model.input_cols.
Matrix model_outputs(const TrainedModel& model, const Matrix& features);

/// Classification: rows x class_names.size() probabilities by model.rule.
Matrix class_probabilities(const TrainedModel& model, const Matrix& outputs);

/// Classification: the predicted class index of every row (the trainer's rule).
std::vector<int> predicted_classes(const TrainedModel& model, const Matrix& outputs);
}  // namespace neurite
