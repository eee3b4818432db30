// Checking an experiment's text parameters against a component's schema and
// turning them into typed ParamValues (defaults filled in).
#include <neurite/registry/plugin_registry.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace neurite {
namespace {
std::string describe_range(const ParamSpec& p) {
  std::ostringstream os;
  const bool has_min = std::isfinite(p.min), has_max = std::isfinite(p.max);
  if (has_min && has_max) os << " in [" << p.min << ", " << p.max << "]";
  else if (has_min) os << " >= " << p.min;
  else if (has_max) os << " <= " << p.max;
  return os.str();
}

std::string describe_type(const ParamSpec& p) {
  switch (p.type) {
    case ParamType::real: return "a number" + describe_range(p);
    case ParamType::integer: return "an integer" + describe_range(p);
    case ParamType::boolean: return "true or false";
    case ParamType::text:
      return p.choices ? std::string("one of ") + p.choices : std::string("a string");
  }
  return "?";
}

std::vector<std::string> split_choices(const char* choices) {
  std::vector<std::string> out;
  std::string item;
  for (const char* c = choices; *c; ++c) {
    if (*c == '|') out.push_back(item), item.clear();
    else item += *c;
  }
  out.push_back(item);
  return out;
}

bool parse_bool(const std::string& text, bool& out) {
  if (text == "true" || text == "True" || text == "TRUE" || text == "yes" || text == "on") return out = true, true;
  if (text == "false" || text == "False" || text == "FALSE" || text == "no" || text == "off") return out = false, true;
  return false;
}

ParamValues::Value parse_setting(const ParamSpec& p, const ParamSetting& s, const std::string& owner) {
  auto fail = [&](const std::string& why) -> ParamValues::Value {
    throw Error(ExitCode::usage, s.where,
                owner + ": parameter '" + p.name + "' expects " + describe_type(p) + ", got '" + s.text + "'" + why);
  };
  const char* begin = s.text.c_str();
  char* end = nullptr;
  errno = 0;
  switch (p.type) {
    case ParamType::real: {
      const double v = std::strtod(begin, &end);
      if (s.text.empty() || *end != '\0' || errno == ERANGE || std::isnan(v)) return fail("");
      if (v < p.min || v > p.max) return fail(" (out of range)");
      return v;
    }
    case ParamType::integer: {
      const long long v = std::strtoll(begin, &end, 10);
      if (s.text.empty() || *end != '\0' || errno == ERANGE) return fail("");
      if (static_cast<double>(v) < p.min || static_cast<double>(v) > p.max) return fail(" (out of range)");
      return v;
    }
    case ParamType::boolean: {
      bool v = false;
      if (!parse_bool(s.text, v)) return fail("");
      return v;
    }
    case ParamType::text: {
      if (p.choices) {
        const auto choices = split_choices(p.choices);
        bool found = false;
        for (const auto& c : choices) found = found || c == s.text;
        if (!found) {
          const std::string hint = nearest_name(s.text, choices);
          return fail(hint.empty() ? "" : "; did you mean '" + hint + "'?");
        }
      }
      return s.text;
    }
  }
  return fail("");
}

ParamValues::Value default_value(const ParamSpec& p) {
  switch (p.type) {
    case ParamType::real: return p.default_number;
    case ParamType::integer: return static_cast<long long>(p.default_number);
    case ParamType::boolean: return p.default_number != 0.0;
    case ParamType::text: return std::string(p.default_text ? p.default_text : "");
  }
  return 0.0;
}
}  // namespace

ParamValues PluginRegistry::resolve_params(const RegisteredComponent& component,
                                           const ComponentSpec& spec) const {
  const ComponentInfo& info = *component.info;
  const std::string owner = std::string(to_string(info.kind)) + " '" + info.name + "'";
  std::vector<std::string> known;
  for (std::size_t i = 0; i < info.param_count; ++i) known.emplace_back(info.params[i].name);

  ParamValues values;
  for (const ParamSetting& setting : spec.params) {
    const ParamSpec* match = nullptr;
    for (std::size_t i = 0; i < info.param_count; ++i)
      if (setting.key == info.params[i].name) match = &info.params[i];
    if (!match) {
      std::string msg = owner + " has no parameter '" + setting.key + "'";
      const std::string hint = nearest_name(setting.key, known);
      if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      msg += known.empty() ? " (it takes no parameters)" : " (parameters: " + list + ")";
      throw Error(ExitCode::usage, setting.where, msg);
    }
    if (values.has(setting.key))
      throw Error(ExitCode::usage, setting.where, owner + ": parameter '" + setting.key + "' given twice");
    values.set(setting.key, parse_setting(*match, setting, owner));
  }
  for (std::size_t i = 0; i < info.param_count; ++i) {
    const ParamSpec& p = info.params[i];
    if (values.has(p.name)) continue;
    if (p.required)
      throw Error(ExitCode::usage, spec.where,
                  owner + " needs parameter '" + p.name + "' (" + describe_type(p) + ": " + p.doc + ")");
    values.set(p.name, default_value(p));
  }
  return values;
}
}  // namespace neurite
