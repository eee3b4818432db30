// Dotted key paths into an experiment's YAML ("model.0.dense.units",
// "optimizer.learning_rate"), shared by sweeps and `--set`: a segment names a
// mapping key, or an index in a list.
#pragma once
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

namespace neurite::config {
/// "model.0.dense.units" -> {"model", "0", "dense", "units"}; empty segments
/// (leading, trailing or doubled dots) are reported through `fail`.
std::vector<std::string> split_key_path(const std::string& path,
                                        const std::function<void(const std::string&)>& fail);

/// Sets `root`.`path` to `value` (the node itself, so errors about the value
/// point where it was written). Missing mapping keys are created, and the
/// schema checks them later like any key. A plain component name on the way
/// (`optimizer: sgd` under "optimizer.learning_rate") becomes {name: sgd}.
/// A list index out of range, or a path through a plain value, goes to `fail`.
void set_key_path(YAML::Node root, const std::string& path, const YAML::Node& value,
                  const std::function<void(const std::string&)>& fail);

/// The node at `path`, or an invalid node when it is absent (no creation).
YAML::Node find_key_path(const YAML::Node& root, const std::string& path);

/// A value for names and messages: the scalar as written, else flow YAML ("[8, 8]").
std::string compact_yaml(const YAML::Node& node);
}  // namespace neurite::config
