// load_model() and inference in evaluation mode (trained_model.hpp).
#include <neurite/config/experiment_file.hpp>
#include <neurite/network/stored_parameters.hpp>
#include <neurite/plugin/workspace.hpp>
#include <neurite/run/trained_model.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace neurite {
namespace {
constexpr Index kChunkRows = 256;  // rows per forward pass: bounds the workspaces

Error data_error(const std::string& source, const std::string& what) {
  return Error(ExitCode::data, source + ": " + what);
}

// Output width of the experiment's network for `input_cols` features: a
// regression result does not store its target count, its network does.
Index network_output_cols(const ExperimentSpec& spec, const PluginRegistry& registry, Index input_cols,
                          std::uint64_t seed) {
  Network network;
  for (const ModelEntry& entry : spec.model) {
    if (entry.type == ModelEntry::Type::activation)
      network.add_activation(entry.component.name, registry.make_activation(entry.component));
    else
      network.add_layer(entry.component.name, registry.make_layer(entry.component));
  }
  return network.build(input_cols, Rng(seed));
}

ProbabilityRule choose_rule(const ExperimentSpec& spec, OutputKind kind, Index output_cols) {
  const std::string& loss = spec.loss.name;
  const ModelEntry& last = spec.model.back();
  const bool last_log_softmax =
      last.type == ModelEntry::Type::activation && last.component.name == "log_softmax";
  if (loss == "nll" || loss == "kl_divergence" || (last_log_softmax && kind != OutputKind::logits))
    return ProbabilityRule::exp;
  if (kind == OutputKind::logits)
    return loss == "binary_cross_entropy_with_logits" || output_cols == 1 ? ProbabilityRule::sigmoid
                                                                          : ProbabilityRule::softmax;
  return ProbabilityRule::identity;
}

}  // namespace

const char* to_string(ProbabilityRule rule) {
  switch (rule) {
    case ProbabilityRule::none: return "none";
    case ProbabilityRule::softmax: return "softmax";
    case ProbabilityRule::sigmoid: return "sigmoid";
    case ProbabilityRule::exp: return "exp";
    case ProbabilityRule::identity: return "identity";
  }
  return "?";
}

ExperimentSpec stored_experiment(const RunResult& result, const std::string& result_file) {
  const std::string source = result_file.empty() ? "run '" + result.name + "'" : result_file;
  if (result.yaml_text.empty()) throw data_error(source, "the result stores no experiment text");
  std::vector<ExperimentSpec> specs;
  try {
    specs = parse_experiments(result.yaml_text, result.source_file);
  } catch (const Error& e) {
    throw Error(e.code(), source + ": the stored experiment no longer parses: " + e.what());
  }
  for (ExperimentSpec& spec : specs)
    if (spec.name == result.name) return std::move(spec);
  return std::move(specs.front());  // a sweep point or fold: every spec has the run's model
}

TrainedModel load_model(const RunResult& result, const PluginRegistry& registry, const std::string& result_file) {
  const std::string source = result_file.empty() ? "run '" + result.name + "'" : result_file;
  if (result.status != RunStatus::ok)
    throw data_error(source, "run '" + result.name + "' did not finish (" + to_string(result.status) +
                                 (result.error.empty() ? "" : ": " + result.error) +
                                 "); its parameters are not a trained model");
  const Preprocessing& prep = result.preprocessing;
  if (prep.feature_names.empty())
    throw data_error(source, "the result stores no preprocessing (written by an older neurite?); "
                             "run the experiment again to predict with it");
  TrainedModel m;
  m.source = source;
  m.spec = stored_experiment(result, result_file);
  m.preprocessing = prep;
  m.regression = result.regression;
  m.class_names = result.class_names.empty() ? prep.class_names : result.class_names;
  if (!m.regression && m.class_names.empty()) throw data_error(source, "a classification run without class names");
  m.input_cols = static_cast<Index>(prep.feature_names.size());
  if (!prep.shift.empty() && (prep.shift.size() != prep.feature_names.size() || prep.divisor.size() != prep.shift.size()))
    throw data_error(source, "the stored scaling has " + std::to_string(prep.shift.size()) + " shifts and " +
                                 std::to_string(prep.divisor.size()) + " divisors for " +
                                 std::to_string(prep.feature_names.size()) + " features");

  const Rng init(result.seed);  // initial values are overwritten by the stored ones
  if (m.regression) {
    Dataset shape_only;
    shape_only.features.resize(0, m.input_cols);
    shape_only.targets.resize(0, network_output_cols(m.spec, registry, m.input_cols, result.seed));
    m.model = assemble_model(m.spec, registry, shape_only, init);
  } else {
    m.model = assemble_model(m.spec, registry, m.input_cols, static_cast<int>(m.class_names.size()), init);
  }
  m.output_cols = m.model.network.output_cols();
  m.output_kind = m.model.loss->output_kind();
  m.rule = m.regression ? ProbabilityRule::none : choose_rule(m.spec, m.output_kind, m.output_cols);
  load_parameters(result.parameters, m.model.network, source);
  return m;
}

Matrix model_outputs(const TrainedModel& model, const Matrix& features) {
  const Network& network = model.model.network;
  if (features.cols() != model.input_cols)
    throw data_error(model.source, "the model takes " + std::to_string(model.input_cols) + " features, got " +
                                       std::to_string(features.cols()));
  Matrix out(features.rows(), model.output_cols);
  const Index chunk = std::min<Index>(kChunkRows, std::max<Index>(1, features.rows()));
  std::vector<Workspace> workspaces(network.size());
  for (std::size_t l = 0; l < network.size(); ++l) {
    workspaces[l].set_training(false);
    workspaces[l].set_input_gradient_needed(false);
    network.layer(l).reserve(workspaces[l], chunk);
  }
  for (Index start = 0; start < features.rows(); start += chunk) {
    const Index rows = std::min(chunk, features.rows() - start);
    std::optional<ConstMatrixRef> current;
    current.emplace(features.middleRows(start, rows));
    for (std::size_t l = 0; l < network.size(); ++l) {
      ConstMatrixRef y = network.layer(l).forward(*current, workspaces[l]);
      current.emplace(y);
    }
    out.middleRows(start, rows) = *current;
  }
  return out;
}

Matrix class_probabilities(const TrainedModel& model, const Matrix& outputs) {
  const auto classes = static_cast<Index>(model.class_names.size());
  Matrix p(outputs.rows(), classes);
  if (outputs.cols() == 1 && classes == 2) {  // one column: P(class 1)
    for (Index r = 0; r < outputs.rows(); ++r) {
      const float z = outputs(r, 0);
      float p1 = z;
      if (model.rule == ProbabilityRule::sigmoid) p1 = 1.0f / (1.0f + std::exp(-z));
      else if (model.rule == ProbabilityRule::exp) p1 = std::exp(z);
      p1 = std::clamp(p1, 0.0f, 1.0f);
      p(r, 0) = 1.0f - p1;
      p(r, 1) = p1;
    }
    return p;
  }
  switch (model.rule) {
    case ProbabilityRule::softmax:
      for (Index r = 0; r < outputs.rows(); ++r) {
        const float top = outputs.row(r).maxCoeff();  // shifted: exp never overflows
        p.row(r) = (outputs.row(r).array() - top).exp().matrix();
        p.row(r) /= p.row(r).sum();
      }
      break;
    case ProbabilityRule::sigmoid: p = (1.0f + (-outputs.array()).exp()).inverse().matrix(); break;
    case ProbabilityRule::exp: p = outputs.array().exp().min(1.0f).matrix(); break;
    case ProbabilityRule::identity:
    case ProbabilityRule::none: p = outputs.array().max(0.0f).min(1.0f).matrix(); break;
  }
  return p;
}

std::vector<int> predicted_classes(const TrainedModel& model, const Matrix& outputs) {
  std::vector<int> classes(static_cast<std::size_t>(outputs.rows()));
  const float threshold = model.output_kind == OutputKind::logits ? 0.0f : 0.5f;
  for (Index r = 0; r < outputs.rows(); ++r) {
    Index best = 0;
    if (outputs.cols() == 1) best = outputs(r, 0) > threshold ? 1 : 0;
    else outputs.row(r).maxCoeff(&best);
    classes[static_cast<std::size_t>(r)] = static_cast<int>(best);
  }
  return classes;
}
}  // namespace neurite
