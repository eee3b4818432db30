// Component references: `model:` entries, `loss:` and `optimizer:`.
// Component names and parameters are open (plugins define them and the
// registry checks them later), so each `key: scalar` is kept as text with its
// location; only the shape is checked here.
//   model:
//     - dense: {units: 16}                      layer "dense"
//     - flatten:                                layer without parameters
//     - activation: tanh                        activation, no parameters
//     - activation: {name: leaky_relu, negative_slope: 0.1}
//     - dense: {units: 16, l2: 0.001}           l1/l2: penalties on the weights (trainer)
//   loss: mse | {name: huber, delta: 1.0, reduction: sum}   reduction: mean (default) | sum
//   optimizer: adam | {name: adam, learning_rate: 0.01}
#include "config/schema.hpp"
#include "config/schema_definition.hpp"
#include "config/yaml_reader.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>

namespace neurite::config {
namespace {
// Every `key: scalar` of `node` except the keys in `skip`; `path` prefixes key paths.
std::vector<ParamSetting> read_params(const std::string& file, const YAML::Node& node,
                                      const std::string& path, const std::vector<const char*>& skip) {
  std::vector<ParamSetting> params;
  for (const auto& kv : node) {
    const YAML::Node& key = kv.first;
    if (!key.IsScalar()) fail(file, key, "expected a parameter name in '" + path + "', got " + describe(key));
    const std::string& name = key.Scalar();
    if (std::any_of(skip.begin(), skip.end(), [&](const char* k) { return name == k; })) continue;
    for (const auto& seen : params)
      if (seen.key == name)
        fail(file, key,
             "duplicate parameter '" + path + "." + name + "' (first given at line " +
                 std::to_string(seen.where.line) + ")");
    const YAML::Node& value = kv.second;
    if (!value.IsScalar())
      fail_expected(file, value, "a single value (number, word or true/false)", path + "." + name);
    params.push_back(ParamSetting{name, value.Scalar(), location(file, value)});
  }
  return params;
}

// `name: x` plus parameters, or a plain name. `trainer_keys` are read by the
// trainer, not the plugin (the loss's `reduction`), and are not parameters.
ComponentSpec read_named(const std::string& file, const YAML::Node& node, const std::string& path,
                         const std::string& expected, std::initializer_list<const char*> trainer_keys = {}) {
  ComponentSpec spec;
  if (node.IsScalar()) {
    spec.name = read_string(file, node, path);
    spec.where = location(file, node);
    return spec;
  }
  if (!node.IsMap()) fail_expected(file, node, expected, path);
  std::optional<YAML::Node> name;  // a copy: iterator values are temporaries
  for (const auto& kv : node)
    if (kv.first.IsScalar() && kv.first.Scalar() == "name") name = kv.second;
  if (!name)
    fail(file, node, "missing required key '" + path + ".name' (the component's name)");
  spec.name = read_string(file, *name, path + ".name");
  spec.where = location(file, *name);
  std::vector<const char*> skip{"name"};
  skip.insert(skip.end(), trainer_keys.begin(), trainer_keys.end());
  spec.params = read_params(file, node, path, skip);
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
  entry.component.where = location(file, key);
  const std::string params_path = path + "." + key.Scalar();
  if (value.IsMap()) {
    entry.component.params = read_params(file, value, params_path, {"l1", "l2"});  // trainer keys
    // Regularisation belongs to the trainer, not to the layer plugin.
    for (const auto& kv : value) {
      const std::string& k = kv.first.Scalar();
      if (k != "l1" && k != "l2") continue;
      const KeyDef& def = key_def("model[]." + k);
      const double penalty = read_real(file, kv.second, params_path + "." + k, def.expected(),
                                       {def.lo, def.hi, def.lo_open, def.hi_open});
      (k == "l1" ? entry.l1 : entry.l2) = penalty;
    }
  } else if (!value.IsNull())
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
  if (node.IsMap() && what != "loss")
    for (const auto& kv : node)
      if (kv.first.IsScalar() && kv.first.Scalar() == "reduction")
        fail(file, kv.first, "'reduction' belongs to the loss, not to '" + what + "'");
  const std::string expected = "a " + what + " name or {name: ..., parameters}";
  if (what == "loss") return read_named(file, node, what, expected, {"reduction"});
  return read_named(file, node, what, expected);
}

LossReduction read_loss_reduction(const std::string& file, const YAML::Node& node) {
  if (!node.IsMap()) return LossReduction::mean;
  for (const auto& kv : node)
    if (kv.first.IsScalar() && kv.first.Scalar() == "reduction")
      return read_choice(file, kv.second, "loss.reduction", key_def("loss.reduction").choices) == "sum"
                 ? LossReduction::sum
                 : LossReduction::mean;
  return LossReduction::mean;
}
}  // namespace neurite::config
