// Top level of one experiment (keys: schema_definition.cpp). `extends:` and
// `sweep:` are resolved before this reader sees the mapping (expand.cpp).
#include "config/schema.hpp"
#include "config/section_reader.hpp"

namespace neurite::config {
namespace {
std::vector<std::string> read_plugin_dirs(const std::string& file, const YAML::Node& node,
                                          const std::filesystem::path& base_dir) {
  std::vector<YAML::Node> items;
  if (node.IsScalar())
    items.push_back(node);
  else if (node.IsSequence())
    for (const auto& item : node) items.push_back(item);
  else
    fail_expected(file, node, key_def("plugins").expected(), "plugins");
  std::vector<std::string> dirs;
  for (std::size_t i = 0; i < items.size(); ++i) {
    dirs.push_back(resolve_path(read_string(file, items[i], "plugins." + std::to_string(i)), base_dir));
  }
  return dirs;
}
}  // namespace

ExperimentSpec read_experiment(const std::string& file, const YAML::Node& node,
                               const std::filesystem::path& base_dir) {
  const SectionReader map(file, node, "");
  ExperimentSpec spec;
  spec.source_file = file;
  spec.where = location(file, node);
  spec.name = map.text("name");
  spec.seed = map.unsigned_integer("seed");
  if (auto v = map.get("plugins")) spec.plugin_dirs = read_plugin_dirs(file, *v, base_dir);
  spec.data = read_data(file, map.require("data"), base_dir);
  spec.model = read_model(file, map.require("model"));
  spec.loss = read_component(file, map.require("loss"), "loss");
  spec.optimizer = read_component(file, map.require("optimizer"), "optimizer");
  const YAML::Node* training = map.get("training");
  spec.training = read_training(file, training ? *training : empty_mapping());
  spec.training.loss_reduction = read_loss_reduction(file, map.require("loss"));
  return spec;
}
}  // namespace neurite::config
