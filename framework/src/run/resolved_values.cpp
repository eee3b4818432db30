// resolved_values() (resolved_values.hpp): the config stage's resolved YAML
// with every plugin parameter filled in by the registry, the same way
// assemble_model() resolves them for the run.
#include <neurite/run/resolved_values.hpp>

#include "config/schema.hpp"
#include "text/json.hpp"

#include <yaml-cpp/yaml.h>

#include <variant>

namespace neurite {
namespace {
std::string text_of(const ParamValues::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return json::number(*d);
  if (const auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return std::get<std::string>(v);
}

// `written` (a component's mapping from the config stage, or its plain name)
// rebuilt as: name (when `named`), every parameter of the plugin in declared
// order, then the keys that are not the plugin's (reduction, l1, l2).
YAML::Node with_parameters(const YAML::Node& written, Kind kind, const ComponentSpec& spec,
                           const PluginRegistry& registry, bool named) {
  const RegisteredComponent& component = registry.require(kind, spec);
  const ParamValues values = registry.resolve_params(component, spec);
  const ComponentInfo& info = *component.info;
  YAML::Node out(YAML::NodeType::Map);
  out.SetStyle(written.IsMap() ? written.Style() : YAML::EmitterStyle::Flow);
  if (named) out["name"] = spec.name;
  for (std::size_t i = 0; i < info.param_count; ++i)
    out[info.params[i].name] = text_of(values.all().at(info.params[i].name));
  if (written.IsMap())
    for (const auto& kv : written) {
      const std::string& key = kv.first.Scalar();
      if (key != "name" && !values.has(key)) out[key] = kv.second;
    }
  return out;
}
}  // namespace

std::string resolved_values(const ExperimentSpec& spec, const PluginRegistry& registry) {
  YAML::Node root = config::resolved_node(spec);
  if (!root.IsDefined()) return {};
  YAML::Node model = root["model"];
  for (std::size_t i = 0; i < spec.model.size() && i < model.size(); ++i) {
    const ModelEntry& entry = spec.model[i];
    YAML::Node item = model[i];
    const std::string key = item.begin()->first.Scalar();
    if (entry.type == ModelEntry::Type::activation) {
      YAML::Node params = with_parameters(item[key], Kind::activation, entry.component, registry, true);
      item[key] = params.size() == 1 ? YAML::Node(entry.component.name) : params;  // no parameters: the name
    } else {
      item[key] = with_parameters(item[key], Kind::layer, entry.component, registry, false);
    }
  }
  root["loss"] = with_parameters(root["loss"], Kind::loss, spec.loss, registry, true);
  root["optimizer"] = with_parameters(root["optimizer"], Kind::optimizer, spec.optimizer, registry, true);
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}
}  // namespace neurite
