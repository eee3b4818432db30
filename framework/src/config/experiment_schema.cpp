// Top level of one experiment:
//   name: required; letters, digits, '-', '_', '.' (it names result files)
//   seed: unsigned integer, default 0
//   plugins: directory or list of directories, relative to the experiment file
//   data, model, loss, optimizer: required;  training: optional
#include "config/schema.hpp"
#include "config/yaml_reader.hpp"

#include <cctype>

namespace neurite::config {
namespace {
bool valid_name(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::vector<std::string> read_plugin_dirs(const std::string& file, const YAML::Node& node,
                                          const std::filesystem::path& base_dir) {
  std::vector<YAML::Node> items;
  if (node.IsScalar())
    items.push_back(node);
  else if (node.IsSequence())
    for (const auto& item : node) items.push_back(item);
  else
    fail_expected(file, node, "a directory or a list of directories", "plugins");
  std::vector<std::string> dirs;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::filesystem::path dir(read_string(file, items[i], "plugins." + std::to_string(i)));
    if (dir.is_relative() && !base_dir.empty()) dir = base_dir / dir;
    dirs.push_back(dir.lexically_normal().string());
  }
  return dirs;
}
}  // namespace

ExperimentSpec read_experiment(const std::string& file, const YAML::Node& node,
                               const std::filesystem::path& base_dir) {
  const MapReader map(file, node, "",
                      {"name", "seed", "plugins", "data", "model", "loss", "optimizer", "training"});
  ExperimentSpec spec;
  spec.source_file = file;
  spec.where = location(file, node.Mark());
  const YAML::Node& name = map.require("name");
  spec.name = read_string(file, name, "name");
  if (!valid_name(spec.name))
    fail_expected(file, name, "a name of letters, digits, '-', '_' and '.' (not starting with '.')",
                  "name");
  if (auto v = map.get("seed")) spec.seed = read_unsigned(file, *v, "seed");
  if (auto v = map.get("plugins")) spec.plugin_dirs = read_plugin_dirs(file, *v, base_dir);
  spec.data = read_data(file, map.require("data"), base_dir);
  spec.model = read_model(file, map.require("model"));
  spec.loss = read_component(file, map.require("loss"), "loss");
  spec.optimizer = read_component(file, map.require("optimizer"), "optimizer");
  if (auto v = map.get("training")) spec.training = read_training(file, *v);
  spec.training.loss_reduction = read_loss_reduction(file, map.require("loss"));
  return spec;
}
}  // namespace neurite::config
