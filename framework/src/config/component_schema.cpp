// Component references: `model:` entries, `loss:` and `optimizer:`.
// Component names and parameters are open (plugins define them and the
// registry checks them later), so each `key: scalar` is kept as text with its
// location; only the shape is checked here.
//   model:
//     - dense: {units: 16}                      layer "dense"
//     - flatten:                                layer without parameters
//     - activation: tanh                        activation, no parameters
//     - activation: {name: leaky_relu, negative_slope: 0.1}
//   loss: mse | {name: huber, delta: 1.0}
//   optimizer: adam | {name: adam, learning_rate: 0.01}
#include "config/schema.hpp"
#include "config/yaml_reader.hpp"

#include <optional>

namespace neurite::config {
namespace {
// Every `key: scalar` of `node` except `skip`; `path` prefixes key paths.
std::vector<ParamSetting> read_params(const std::string& file, const YAML::Node& node,
                                      const std::string& path, const std::string& skip) {
  std::vector<ParamSetting> params;
  for (const auto& kv : node) {
    const YAML::Node& key = kv.first;
    if (!key.IsScalar()) fail(file, key.Mark(), "expected a parameter name in '" + path + "', got " + describe(key));
    const std::string& name = key.Scalar();
    if (name == skip) continue;
    for (const auto& seen : params)
      if (seen.key == name)
        fail(file, key.Mark(),
             "duplicate parameter '" + path + "." + name + "' (first given at line " +
                 std::to_string(seen.where.line) + ")");
    const YAML::Node& value = kv.second;
    if (!value.IsScalar())
      fail_expected(file, value, "a single value (number, word or true/false)", path + "." + name);
    params.push_back(ParamSetting{name, value.Scalar(), location(file, value.Mark())});
  }
  return params;
}

// `name: x` plus parameters, or a plain name.
ComponentSpec read_named(const std::string& file, const YAML::Node& node, const std::string& path,
                         const std::string& expected) {
  ComponentSpec spec;
  if (node.IsScalar()) {
    spec.name = read_string(file, node, path);
    spec.where = location(file, node.Mark());
    return spec;
  }
  if (!node.IsMap()) fail_expected(file, node, expected, path);
  std::optional<YAML::Node> name;  // a copy: iterator values are temporaries
  for (const auto& kv : node)
    if (kv.first.IsScalar() && kv.first.Scalar() == "name") name = kv.second;
  if (!name)
    fail(file, node.Mark(), "missing required key '" + path + ".name' (the component's name)");
  spec.name = read_string(file, *name, path + ".name");
  spec.where = location(file, name->Mark());
  spec.params = read_params(file, node, path, "name");
  return spec;
}

ModelEntry read_entry(const std::string& file, const YAML::Node& node, std::size_t index) {
  const std::string path = "model." + std::to_string(index);
  const char* expected = "a one-key mapping such as 'dense: {units: 16}' or 'activation: tanh'";
  if (!node.IsMap() || node.size() != 1) fail_expected(file, node, expected, path);
  const auto kv = *node.begin();
  const YAML::Node& key = kv.first;
  const YAML::Node& value = kv.second;
  if (!key.IsScalar() || key.Scalar().empty()) fail_expected(file, node, expected, path);
  ModelEntry entry;
  if (key.Scalar() == "activation") {
    entry.type = ModelEntry::Type::activation;
    entry.component = read_named(file, value, path + ".activation",
                                 "an activation name or {name: ..., parameters}");
    return entry;
  }
  entry.type = ModelEntry::Type::layer;
  entry.component.name = key.Scalar();
  entry.component.where = location(file, key.Mark());
  const std::string params_path = path + "." + key.Scalar();
  if (value.IsMap())
    entry.component.params = read_params(file, value, params_path, "");
  else if (!value.IsNull())
    fail_expected(file, value, "a mapping of parameters for layer '" + key.Scalar() + "'", params_path);
  return entry;
}
}  // namespace

std::vector<ModelEntry> read_model(const std::string& file, const YAML::Node& node) {
  if (!node.IsSequence() || node.size() == 0)
    fail_expected(file, node, "a non-empty list of layers", "model");
  std::vector<ModelEntry> model;
  for (std::size_t i = 0; i < node.size(); ++i) model.push_back(read_entry(file, node[i], i));
  return model;
}

ComponentSpec read_component(const std::string& file, const YAML::Node& node,
                             const std::string& what) {
  return read_named(file, node, what, "a " + what + " name or {name: ..., parameters}");
}
}  // namespace neurite::config
