// The resolved values of a run: every setting in effect, as one YAML
// document in the experiment's own order (name, seed, data, model, loss,
// optimizer, training), defaults included. A result stores it
// (RunResult::resolved_yaml); `neurite show --resolved` and
// `neurite validate --resolved` print it.
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/registry/plugin_registry.hpp>

#include <string>

namespace neurite {
/// The schema's keys of spec.yaml_text (defaults included, keys that do not
/// apply left out; config/resolved_values.cpp) with each model entry's, the loss's and the optimizer's
/// parameters as the registry resolves them: every parameter of the plugin in
/// its declared order, the written value or the plugin's default.
/// Empty when the spec did not come from an experiment file (no yaml_text).
/// Error(plugin) for an unknown component, Error(usage) for a bad parameter,
/// as assemble_model() reports them.
std::string resolved_values(const ExperimentSpec& spec, const PluginRegistry& registry);
}  // namespace neurite
