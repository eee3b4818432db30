// The schema part of an experiment's resolved values (schema.hpp): every key
// of the schema table that applies, with the value written or else its
// default, walked in the table's order. Values are read back through the same
// checked readers and written in one canonical form (1e-3 -> 0.001, yes ->
// true, relative paths anchored), so two runs that use the same settings get
// the same text. Component parameters stay as written here; the registry adds
// the plugins' defaults later (run/resolved_values.cpp).
#include "config/extends.hpp"
#include "config/schema.hpp"
#include "config/schema_definition.hpp"
#include "config/yaml_reader.hpp"
#include "data/sources.hpp"
#include "text/json.hpp"

#include <algorithm>
#include <map>
#include <limits>

namespace neurite::config {
namespace {
// A key's default as a node. YAML::Load sets up yaml-cpp's whole scanner for
// each call (about 10 us); a batch of 64 experiments parsed the same few dozen
// defaults 2,500 times while planning. Parsed once per thread, handed out as
// copies: the runs of a batch resolve their values on the batch's threads at
// once, and a cache per thread needs no lock (yaml-cpp nodes are not safe to
// share between threads without one).
YAML::Node parsed_default(const std::string& text) {
  thread_local std::map<std::string, YAML::Node> cache;
  auto [it, fresh] = cache.try_emplace(text);
  if (fresh) it->second = YAML::Load(text);
  return YAML::Clone(it->second);
}

YAML::Node scalar(const std::string& text) { return YAML::Node(text); }

YAML::Node flow(YAML::Node node) {
  node.SetStyle(YAML::EmitterStyle::Flow);
  return node;
}

// The value of `key` in mapping `map`; an undefined node when absent.
YAML::Node written(const YAML::Node& map, const std::string& key) {
  if (map.IsMap())
    for (const auto& kv : map)
      if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  return YAML::Node(YAML::NodeType::Undefined);
}

class Resolver {
 public:
  Resolver(const std::string& file, const std::filesystem::path& base_dir) : file_(file), base_dir_(base_dir) {}

  // A mapping of the schema at `path` ("" for the top level): every child key
  // that applies, in the table's order.
  YAML::Node section(const std::string& path, const YAML::Node& map) const {
    YAML::Node out(YAML::NodeType::Map);
    const std::string prefix = path.empty() ? "" : path + ".";
    for (const std::string& key : child_keys(path)) {
      const KeyDef& def = key_def(prefix + key);
      if (!def.when_key.empty() && !def.applies_with(condition(def, map))) continue;
      YAML::Node value = resolve(def, written(map, key));
      if (!value.IsDefined() && def.path == "data.classes")
        value = scalar(std::to_string(data::default_classes(condition(def, map))));
      if (value.IsDefined()) out[key] = value;
    }
    return out;
  }

 private:
  // The value of the key a conditional key depends on ("source", "name").
  std::string condition(const KeyDef& def, const YAML::Node& map) const {
    const YAML::Node v = written(map, def.when_key);
    if (v.IsDefined() && v.IsScalar()) return v.Scalar();
    const std::string parent = def.path.substr(0, def.path.rfind('.'));
    return key_def(parent + "." + def.when_key).default_text;
  }

  // `def`'s value: as written (`v` defined) or its default; undefined when
  // absent without a default (the setting is off: no time limit, no test file).
  YAML::Node resolve(const KeyDef& def, const YAML::Node& v) const {
    switch (def.kind) {
      case ValueKind::sweep: return YAML::Node(YAML::NodeType::Undefined);  // expanded into runs already
      case ValueKind::model: return model(v);
      case ValueKind::component: return component(v.IsScalar() ? named(v) : v, def.path);
      case ValueKind::name_or_section:
        return section(def.path, v.IsDefined() ? (v.IsScalar() ? named(v) : v) : named(scalar(def.default_text)));
      case ValueKind::section: {
        if (!v.IsDefined() && !def.default_text.empty()) return section(def.path, parsed_default(def.default_text));
        YAML::Node out = section(def.path, v.IsDefined() ? v : YAML::Node(YAML::NodeType::Map));
        return switched_off(def, v, out) ? off() : out;
      }
      default:
        if (v.IsDefined()) return value(def, v);
        if (def.default_text.empty()) return YAML::Node(YAML::NodeType::Undefined);
        return value(def, parsed_default(def.default_text));
    }
  }

  // A section with an `enabled` switch (training.early_stopping) is on only
  // when given and not switched off; off, its other keys are not in effect.
  static bool switched_off(const KeyDef& def, const YAML::Node& v, const YAML::Node& resolved) {
    const auto keys = child_keys(def.path);
    if (std::find(keys.begin(), keys.end(), "enabled") == keys.end()) return false;
    return !v.IsDefined() || resolved["enabled"].Scalar() == "false";
  }

  static YAML::Node off() {
    YAML::Node node(YAML::NodeType::Map);
    node["enabled"] = "false";
    return flow(node);
  }

  YAML::Node value(const KeyDef& def, const YAML::Node& v) const {
    constexpr long long kMin = std::numeric_limits<long long>::min(), kMax = std::numeric_limits<long long>::max();
    switch (def.kind) {
      case ValueKind::boolean: return scalar(read_bool(file_, v, def.path) ? "true" : "false");
      case ValueKind::unsigned_integer: return scalar(std::to_string(read_unsigned(file_, v, def.path)));
      case ValueKind::auto_or_integer:
        if (v.IsScalar() && v.Scalar() == "auto") return scalar("auto");
        [[fallthrough]];
      case ValueKind::integer:
        return scalar(std::to_string(read_integer(file_, v, def.path, def.expected(), kMin, kMax)));
      case ValueKind::real:
        return scalar(json::number(read_real(file_, v, def.path, def.expected(), {-kHuge, kHuge})));
      case ValueKind::path: return scalar(resolve_path(read_string(file_, v, def.path), base_dir_));
      case ValueKind::paths:
      case ValueKind::integer_list:
      case ValueKind::string_list: return list(def, v);
      default: return scalar(read_string(file_, v, def.path));  // string, name, choice
    }
  }

  YAML::Node list(const KeyDef& def, const YAML::Node& v) const {
    YAML::Node out(YAML::NodeType::Sequence);
    KeyDef item = def;
    item.kind = def.kind == ValueKind::integer_list ? ValueKind::integer
                : def.kind == ValueKind::paths      ? ValueKind::path
                                                    : ValueKind::string;
    if (v.IsScalar())
      out.push_back(value(item, v));
    else
      for (const auto& element : v) out.push_back(value(item, element));
    return flow(out);
  }

  // A component as {name, its parameters as written, then the keys the
  // schema gives it at `schema_path` (the loss's reduction, a layer's l1/l2)}.
  YAML::Node component(const YAML::Node& map, const std::string& schema_path = {}) const {
    YAML::Node out(YAML::NodeType::Map);
    const YAML::Node name = written(map, "name");
    if (name.IsDefined()) out["name"] = name.Scalar();
    const std::vector<std::string> schema_keys = schema_path.empty() ? std::vector<std::string>{} : child_keys(schema_path);
    for (const auto& kv : map) {
      const std::string& key = kv.first.Scalar();
      if (key != "name" && std::find(schema_keys.begin(), schema_keys.end(), key) == schema_keys.end())
        out[key] = kv.second.Scalar();
    }
    if (!schema_path.empty())
      for (const auto& kv : section(schema_path, map)) out[kv.first] = kv.second;
    return out;
  }

  YAML::Node model(const YAML::Node& list) const {
    YAML::Node out(YAML::NodeType::Sequence);
    for (const auto& entry : list) {
      const auto kv = *entry.begin();
      const std::string& kind = kv.first.Scalar();
      YAML::Node item(YAML::NodeType::Map);
      if (kind == "activation") {
        item[kind] = kv.second.IsScalar() ? YAML::Node(kv.second.Scalar()) : flow(component(kv.second));
      } else {
        const YAML::Node params = kv.second.IsMap() ? kv.second : YAML::Node(YAML::NodeType::Map);
        item[kind] = flow(component(params, "model[]"));
      }
      out.push_back(item);
    }
    return out;
  }

  static YAML::Node named(const YAML::Node& name) {
    YAML::Node map(YAML::NodeType::Map);
    map["name"] = name.Scalar();
    return map;
  }

  static constexpr double kHuge = std::numeric_limits<double>::max();
  const std::string& file_;
  std::filesystem::path base_dir_;
};
}  // namespace

YAML::Node resolved_node(const ExperimentSpec& spec) {
  if (spec.yaml_text.empty()) return YAML::Node(YAML::NodeType::Undefined);
  // yaml_text is this run alone (extends, --set and the sweep point applied)
  // with base paths anchored, so it resolves against the file's directory.
  const YAML::Node node = load_single_document(spec.yaml_text, spec.source_file);
  return Resolver(spec.source_file, std::filesystem::path(spec.source_file).parent_path()).section("", node);
}

std::string resolved_yaml(const ExperimentSpec& spec) {
  const YAML::Node node = resolved_node(spec);
  if (!node.IsDefined()) return {};
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}
}  // namespace neurite::config
