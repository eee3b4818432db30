// Turning an experiment's model/loss/optimizer entries into live objects made
// by the plugin registry, built for the data's shape.
#pragma once
#include <neurite/data/dataset.hpp>
#include <neurite/experiment_spec.hpp>
#include <neurite/network/network.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/rng.hpp>

#include <memory>

namespace neurite {
struct AssembledModel {
  Network network;
  std::shared_ptr<Loss> loss;
  std::shared_ptr<Optimizer> optimizer;
};

/// Creates every component, builds the network for `input_cols` features
/// (initial values from `init_rng`) and checks that its output width fits
/// `num_classes` (k columns for k classes, or 1 column for 2 classes).
/// Errors: Error(plugin | usage) at the offending YAML entry.
AssembledModel assemble_model(const ExperimentSpec& spec, const PluginRegistry& registry,
                              Index input_cols, int num_classes, const Rng& init_rng);

/// As above for the shape of `train`: a classification set as num_classes; a
/// regression set (Dataset::is_regression()) needs one output column per
/// target column and a loss with value outputs (mse, mae, huber, smooth_l1).
AssembledModel assemble_model(const ExperimentSpec& spec, const PluginRegistry& registry,
                              const Dataset& train, const Rng& init_rng);
}  // namespace neurite
