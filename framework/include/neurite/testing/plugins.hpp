// Test helpers: the built-in plugins loaded once through the real registry
// (the same path a user's experiment takes), factories that take settings as
// they would be written in YAML, and deterministic random matrices.
// Header-only; needs NEURITE_TEST_PLUGIN_DIR (set by tests/CMakeLists.txt).
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/layer.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/plugin/tensor.hpp>
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/rng.hpp>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <sstream>
#include <string>

namespace neurite::testing {
#ifdef NEURITE_TEST_PLUGIN_DIR
/// The registry with every built-in plugin library of this build, loaded on
/// first use and kept for the rest of the test executable.
inline PluginRegistry& builtin_registry() {
  static PluginRegistry registry = [] {
    PluginRegistry r;
    r.load_directory(NEURITE_TEST_PLUGIN_DIR);
    return r;
  }();
  return registry;
}
#endif

/// One `key: value` setting. The value is kept as the text a YAML file would
/// hold, so the registry parses and range-checks it exactly as in a real run:
/// {"init", "zeros"}, {"units", 3}, {"learning_rate", 0.1}, {"use_bias", false}.
struct Setting {
  std::string key, text;
  Setting(std::string k, std::string v) : key(std::move(k)), text(std::move(v)) {}
  Setting(std::string k, const char* v) : key(std::move(k)), text(v) {}
  Setting(std::string k, bool v) : key(std::move(k)), text(v ? "true" : "false") {}
  Setting(std::string k, int v) : key(std::move(k)), text(std::to_string(v)) {}
  Setting(std::string k, long long v) : key(std::move(k)), text(std::to_string(v)) {}
  Setting(std::string k, double v) : key(std::move(k)) {
    std::ostringstream os;
    os.precision(17);  // round-trips every double
    os << v;
    text = os.str();
  }
};
using Settings = std::initializer_list<Setting>;

/// The ComponentSpec an experiment file would produce for `name: {settings}`.
inline ComponentSpec component_spec(const std::string& name, Settings settings = {}) {
  ComponentSpec spec;
  spec.name = name;
  spec.where.file = "<test>";
  for (const Setting& s : settings) spec.params.push_back({s.key, s.text, spec.where});
  return spec;
}

#ifdef NEURITE_TEST_PLUGIN_DIR
inline std::shared_ptr<Activation> make_activation(const std::string& name, Settings settings = {}) {
  return builtin_registry().make_activation(component_spec(name, settings));
}
inline std::shared_ptr<Layer> make_layer(const std::string& name, Settings settings = {}) {
  return builtin_registry().make_layer(component_spec(name, settings));
}
inline std::shared_ptr<Loss> make_loss(const std::string& name, Settings settings = {}) {
  return builtin_registry().make_loss(component_spec(name, settings));
}
inline std::shared_ptr<Optimizer> make_optimizer(const std::string& name, Settings settings = {}) {
  return builtin_registry().make_optimizer(component_spec(name, settings));
}
#endif

/// A rows x cols matrix uniform in [-2, 2], the same for the same seed on
/// every platform. Values closer than `margin` to `avoid` are redrawn, which
/// keeps finite-difference probes away from kinks (relu at 0).
inline Matrix random_matrix(Index rows, Index cols, std::uint64_t seed,
                            float avoid = std::numeric_limits<float>::quiet_NaN(),
                            float margin = 0.0f) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) {
    float v;
    do v = static_cast<float>(rng.uniform(-2.0, 2.0));
    while (!std::isnan(avoid) && std::abs(v - avoid) < margin);
    m.data()[i] = v;
  }
  return m;
}
}  // namespace neurite::testing
