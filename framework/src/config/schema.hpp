// The closed parts of the experiment schema, one reader per section. Each
// takes the section's node, the file it came from (for file:line:column) and
// throws Error(ExitCode::usage) on the first problem.
#pragma once
#include <neurite/experiment_spec.hpp>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace neurite::config {
/// `data:`; relative CSV paths resolve against `base_dir`.
DataSpec read_data(const std::string& file, const YAML::Node& node,
                   const std::filesystem::path& base_dir);

/// `model:`: a non-empty list of one-key mappings (`dense: {...}`, `activation: tanh`).
std::vector<ModelEntry> read_model(const std::string& file, const YAML::Node& node);

/// `loss:` / `optimizer:`: a plain name or `{name: adam, key: scalar...}`.
ComponentSpec read_component(const std::string& file, const YAML::Node& node,
                             const std::string& what);

/// The `reduction:` key of a `loss:` entry (mean when absent).
LossReduction read_loss_reduction(const std::string& file, const YAML::Node& node);

/// `training:`.
TrainingSpec read_training(const std::string& file, const YAML::Node& node);

/// One experiment mapping (top level of the schema).
ExperimentSpec read_experiment(const std::string& file, const YAML::Node& node,
                               const std::filesystem::path& base_dir);

/// `path` anchored to `base_dir` when relative, normalised (data files, plugin directories).
std::string resolve_path(const std::string& path, const std::filesystem::path& base_dir);

/// The resolved values of a run parsed from a file (resolved_values.cpp): its
/// yaml_text read again, every schema key that applies, written or
/// defaulted, in the schema's order; components keep the parameters as
/// written. Computed on demand, not while planning: for a batch of many small
/// experiments it was most of the (serial) planning time. Undefined for a
/// spec built in code (no yaml_text).
YAML::Node resolved_node(const ExperimentSpec& spec);
/// resolved_node() as YAML text ("" for a spec built in code).
std::string resolved_yaml(const ExperimentSpec& spec);
}  // namespace neurite::config
