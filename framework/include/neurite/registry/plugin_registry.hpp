// Loads plugin libraries with Boost.DLL and indexes their components by kind
// and name. For each library it reads and checks the manifest (ABI version)
// before reading any component; it refuses duplicate names across libraries.
// Objects made from a component keep its library loaded (shared_ptr aliasing).
#pragma once
#include <neurite/errors.hpp>
#include <neurite/experiment_spec.hpp>
#include <neurite/plugin/component.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace neurite {
class Activation;
class Layer;
class Loss;
class Optimizer;

struct LoadedLibrary {
  std::string path;
  std::string name;     // from the manifest
  std::string version;  // from the manifest
  std::shared_ptr<boost::dll::shared_library> library;
};

struct RegisteredComponent {
  const ComponentInfo* info;
  std::shared_ptr<const LoadedLibrary> library;
};

class PluginRegistry {
 public:
  PluginRegistry();
  ~PluginRegistry();
  PluginRegistry(PluginRegistry&&) noexcept;
  PluginRegistry& operator=(PluginRegistry&&) noexcept;

  /// Loads every shared library (*.so) in `dir`, in sorted order.
  /// Error(plugin) if dir does not exist.
  void load_directory(const std::string& dir);

  /// Loads one library. Error(ExitCode::plugin) naming the file when it is not
  /// a loadable shared library, has no manifest, has another ABI version (both
  /// versions named) or defines a component name already registered (both
  /// files named). Loading the same file twice is a no-op.
  void load_library(const std::string& path);

  /// nullptr when unknown.
  const RegisteredComponent* find(Kind kind, const std::string& name) const;

  /// Error(ExitCode::plugin) at spec.where when unknown: lists the known
  /// components of that kind and suggests the nearest name.
  const RegisteredComponent& require(Kind kind, const ComponentSpec& spec) const;

  /// Checks `spec.params` against the component's schema (unknown key with a
  /// suggestion, wrong type, out of range, not one of the choices, missing
  /// required) and fills in defaults. Error(ExitCode::usage) at the setting.
  ParamValues resolve_params(const RegisteredComponent& component, const ComponentSpec& spec) const;

  /// Resolve + create. Exceptions thrown by the plugin's factory become
  /// Error(ExitCode::plugin) naming the component and its library.
  std::shared_ptr<Activation> make_activation(const ComponentSpec& spec) const;
  std::shared_ptr<Layer> make_layer(const ComponentSpec& spec) const;
  std::shared_ptr<Loss> make_loss(const ComponentSpec& spec) const;
  std::shared_ptr<Optimizer> make_optimizer(const ComponentSpec& spec) const;

  /// All components, sorted by kind then name.
  std::vector<RegisteredComponent> components() const;
  /// Loaded libraries, in load order.
  std::vector<std::shared_ptr<const LoadedLibrary>> libraries() const;

 private:
  std::vector<std::shared_ptr<const LoadedLibrary>> libraries_;
  std::map<std::pair<Kind, std::string>, RegisteredComponent> components_;
};

/// The built-in plugin directory of the running executable:
/// <dir of executable>/../lib/neurite/plugins.
std::string builtin_plugin_dir();

/// The names closest to `word` by edit distance ("did you mean").
std::string nearest_name(const std::string& word, const std::vector<std::string>& candidates);
}  // namespace neurite
