#include <neurite/network/assemble.hpp>
#include <neurite/plugin/activation.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace neurite {
namespace {
// The output width the data needs: classification (num_classes > 0) takes k
// columns for k classes, or 1 for two; regression (num_classes == 0) takes
// exactly `target_cols`.
void check_outputs(const ExperimentSpec& spec, const Loss& loss, Index output_cols, int num_classes,
                   Index target_cols) {
  const SourceLocation& where = spec.model.back().component.where;
  if (num_classes == 0) {
    if (loss.output_kind() != OutputKind::values)
      throw Error(ExitCode::usage, spec.loss.where,
                  "loss '" + spec.loss.name + "' is for classification, but the data (source: " +
                      spec.data.source + ") has continuous targets; use a regression loss (huber, mae, mse, smooth_l1)");
    if (output_cols != target_cols)
      throw Error(ExitCode::usage, where,
                  "the model ends with " + std::to_string(output_cols) + " output column(s) but the data has " +
                      std::to_string(target_cols) + " regression target column(s); the last layer needs " +
                      std::to_string(target_cols) + " units (one per target)");
    return;
  }
  const bool fits = output_cols == num_classes || (output_cols == 1 && num_classes == 2);
  if (!fits)
    throw Error(ExitCode::usage, where,
                "the model ends with " + std::to_string(output_cols) + " output column(s) but the data has " +
                    std::to_string(num_classes) + " classes; the last layer needs " +
                    std::to_string(num_classes) + " units" +
                    (num_classes == 2 ? " (or 1 unit with sigmoid and binary_cross_entropy)" : ""));
}

AssembledModel assemble(const ExperimentSpec& spec, const PluginRegistry& registry, Index input_cols,
                        int num_classes, Index target_cols, const Rng& init_rng) {
  AssembledModel model;
  if (spec.model.empty()) throw Error(ExitCode::usage, spec.where, "the model has no layers");
  for (const ModelEntry& entry : spec.model) {
    if (entry.type == ModelEntry::Type::activation)
      model.network.add_activation(entry.component.name, registry.make_activation(entry.component));
    else
      model.network.add_layer(entry.component.name, registry.make_layer(entry.component));
    model.network.set_penalties(entry.l1, entry.l2);
  }
  model.loss = registry.make_loss(spec.loss);
  model.optimizer = registry.make_optimizer(spec.optimizer);

  Index output_cols = 0;
  try {
    output_cols = model.network.build(input_cols, init_rng);
  } catch (const Error&) {
    throw;
  } catch (const std::invalid_argument& e) {
    // A layer that cannot take its input (an image size that does not fit, a
    // kernel larger than the image): the experiment's mistake, at its entry.
    const std::size_t l = model.network.built_layers();
    const ModelEntry& entry = spec.model.at(std::min(l, spec.model.size() - 1));
    throw Error(ExitCode::usage, entry.component.where,
                "layer " + std::to_string(l) + " (" + entry.component.name + ") cannot take its input: " + e.what());
  } catch (const std::exception& e) {
    throw Error(ExitCode::plugin, spec.where, "building the network failed: " + std::string(e.what()));
  }
  check_outputs(spec, *model.loss, output_cols, num_classes, target_cols);
  return model;
}
}  // namespace

AssembledModel assemble_model(const ExperimentSpec& spec, const PluginRegistry& registry,
                              Index input_cols, int num_classes, const Rng& init_rng) {
  return assemble(spec, registry, input_cols, num_classes, 0, init_rng);
}

AssembledModel assemble_model(const ExperimentSpec& spec, const PluginRegistry& registry,
                              const Dataset& train, const Rng& init_rng) {
  return assemble(spec, registry, train.features.cols(), train.num_classes,
                  train.is_regression() ? train.targets.cols() : 0, init_rng);
}
}  // namespace neurite
