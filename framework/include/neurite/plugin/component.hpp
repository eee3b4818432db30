// What a plugin exports for each component: a plain-data descriptor (kind,
// name, one-line summary, parameter schema, factory). The registry validates
// the experiment's parameters against the schema, fills in defaults, and only
// then calls the factory, so a factory can read every declared parameter.
#pragma once
#include <cstddef>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>

namespace neurite {
class Activation;
class Layer;
class Loss;
class Optimizer;

enum class Kind { activation, layer, loss, optimizer };
enum class ParamType { real, integer, boolean, text };

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

/// One parameter of a component. Numbers use default_number/min/max (inclusive);
/// text parameters use default_text and, when set, `choices` ("a|b|c").
/// A required parameter has no default: the experiment must give it.
struct ParamSpec {
  const char* name;
  ParamType type;
  double default_number = 0.0;
  double min = -kUnbounded;
  double max = kUnbounded;
  const char* doc = "";
  const char* default_text = "";
  const char* choices = nullptr;
  bool required = false;
};

/// Resolved parameter values handed to a factory: every declared parameter is
/// present (defaults filled in) and in range.
class ParamValues {
 public:
  using Value = std::variant<double, long long, bool, std::string>;

  void set(const std::string& name, Value v) { values_[name] = std::move(v); }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  double real(const std::string& name) const {
    const Value& v = at(name);
    if (auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
    return std::get<double>(v);
  }
  long long integer(const std::string& name) const { return std::get<long long>(at(name)); }
  bool boolean(const std::string& name) const { return std::get<bool>(at(name)); }
  const std::string& text(const std::string& name) const { return std::get<std::string>(at(name)); }
  const std::map<std::string, Value>& all() const { return values_; }

 private:
  const Value& at(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::out_of_range("parameter '" + name + "' was not declared");
    return it->second;
  }
  std::map<std::string, Value> values_;  // sorted: listings and archives are stable
};

using ActivationFactory = Activation* (*)(const ParamValues&);
using LayerFactory = Layer* (*)(const ParamValues&);
using LossFactory = Loss* (*)(const ParamValues&);
using OptimizerFactory = Optimizer* (*)(const ParamValues&);

/// A factory may throw std::invalid_argument for parameter combinations the
/// schema cannot express (e.g. nesterov without momentum); the runner reports
/// it as a configuration error at the component's YAML entry. Any other
/// exception is reported as a plugin failure.
///
/// The descriptor exported (BOOST_DLL_ALIAS_SECTIONED into section "neurite")
/// for one component. Factories return a plain owning pointer; the registry
/// ties it to the library's lifetime.
struct ComponentInfo {
  Kind kind;
  const char* name;
  const char* summary;
  const ParamSpec* params;
  std::size_t param_count;
  ActivationFactory make_activation = nullptr;
  LayerFactory make_layer = nullptr;
  LossFactory make_loss = nullptr;
  OptimizerFactory make_optimizer = nullptr;

  constexpr ComponentInfo(const char* n, const char* s, const ParamSpec* p, std::size_t c, ActivationFactory f)
      : kind(Kind::activation), name(n), summary(s), params(p), param_count(c), make_activation(f) {}
  constexpr ComponentInfo(const char* n, const char* s, const ParamSpec* p, std::size_t c, LayerFactory f)
      : kind(Kind::layer), name(n), summary(s), params(p), param_count(c), make_layer(f) {}
  constexpr ComponentInfo(const char* n, const char* s, const ParamSpec* p, std::size_t c, LossFactory f)
      : kind(Kind::loss), name(n), summary(s), params(p), param_count(c), make_loss(f) {}
  constexpr ComponentInfo(const char* n, const char* s, const ParamSpec* p, std::size_t c, OptimizerFactory f)
      : kind(Kind::optimizer), name(n), summary(s), params(p), param_count(c), make_optimizer(f) {}
};

inline const char* to_string(Kind k) {
  switch (k) {
    case Kind::activation: return "activation";
    case Kind::layer: return "layer";
    case Kind::loss: return "loss";
    case Kind::optimizer: return "optimizer";
  }
  return "?";
}
}  // namespace neurite
