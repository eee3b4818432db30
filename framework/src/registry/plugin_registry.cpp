// The plugin loader: Boost.DLL loads each library, the manifest is checked
// before any component descriptor is read, and the descriptors are found by
// listing the "neurite" section (no central list of components anywhere).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/layer.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/registry/plugin_registry.hpp>

#include <boost/dll/library_info.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <filesystem>

namespace neurite {
namespace fs = std::filesystem;

PluginRegistry::PluginRegistry() = default;
PluginRegistry::~PluginRegistry() = default;
PluginRegistry::PluginRegistry(PluginRegistry&&) noexcept = default;
PluginRegistry& PluginRegistry::operator=(PluginRegistry&&) noexcept = default;

namespace {
Error plugin_error(const std::string& path, const std::string& what) {
  return Error(ExitCode::plugin, path + ": " + what);
}

std::vector<std::string> section_symbols(const std::string& path) {
  try {
    boost::dll::library_info info(path);
    auto sections = info.sections();
    if (std::find(sections.begin(), sections.end(), "neurite") == sections.end()) return {};
    return info.symbols("neurite");
  } catch (const std::exception& e) {
    throw plugin_error(path, std::string("cannot list its components: ") + e.what());
  }
}
}  // namespace

void PluginRegistry::load_directory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(ExitCode::plugin, "plugin directory '" + dir + "' does not exist");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) load_library(file);
}

void PluginRegistry::load_library(const std::string& path_text) {
  std::error_code ec;
  const fs::path path = fs::weakly_canonical(path_text, ec);
  const std::string path_name = ec ? path_text : path.string();
  if (!fs::is_regular_file(path, ec)) throw plugin_error(path_text, "no such plugin library");
  for (const auto& lib : libraries_)
    if (lib->path == path_name) return;  // already loaded

  auto library = std::make_shared<boost::dll::shared_library>();
  try {
    library->load(path, boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw plugin_error(path_name, std::string("not a loadable shared library (") + e.what() + ")");
  }
  if (!library->has("neurite_manifest"))
    throw plugin_error(path_name,
                       "not a neurite plugin: it has no manifest symbol 'neurite_manifest' "
                       "(declare one with NEURITE_PLUGIN_MANIFEST)");
  const auto& manifest = library->get_alias<const PluginManifest>("neurite_manifest");
  if (manifest.abi_version != kPluginAbiVersion)
    throw plugin_error(path_name, "plugin ABI version " + std::to_string(manifest.abi_version) +
                                      " does not match this neurite's plugin ABI version " +
                                      std::to_string(kPluginAbiVersion) +
                                      "; rebuild the plugin against this neurite");

  auto loaded = std::make_shared<LoadedLibrary>();
  loaded->path = path_name;
  loaded->name = manifest.library_name ? manifest.library_name : "";
  loaded->version = manifest.library_version ? manifest.library_version : "";
  loaded->library = library;

  // Collect first, commit after: a library with a duplicate adds nothing.
  std::vector<RegisteredComponent> found;
  for (const std::string& symbol : section_symbols(path_name)) {
    const auto& info = library->get_alias<const ComponentInfo>(symbol);
    const auto key = std::make_pair(info.kind, std::string(info.name));
    if (auto it = components_.find(key); it != components_.end())
      throw plugin_error(path_name, std::string(to_string(info.kind)) + " '" + info.name +
                                        "' is already defined by " + it->second.library->path);
    found.push_back({&info, loaded});
  }
  for (const auto& component : found)
    components_.emplace(std::make_pair(component.info->kind, std::string(component.info->name)), component);
  libraries_.push_back(loaded);
}

const RegisteredComponent* PluginRegistry::find(Kind kind, const std::string& name) const {
  auto it = components_.find({kind, name});
  return it == components_.end() ? nullptr : &it->second;
}

const RegisteredComponent& PluginRegistry::require(Kind kind, const ComponentSpec& spec) const {
  if (const auto* found = find(kind, spec.name)) return *found;
  std::vector<std::string> known;
  for (const auto& [key, component] : components_)
    if (key.first == kind) known.push_back(key.second);
  std::string msg = std::string("unknown ") + to_string(kind) + " '" + spec.name + "'";
  const std::string hint = nearest_name(spec.name, known);
  if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  msg += known.empty() ? std::string(" (no ") + to_string(kind) + " plugins are loaded)"
                       : " (known: " + list + ")";
  throw Error(ExitCode::plugin, spec.where, msg);
}

namespace {
// Runs a plugin factory, turning its exceptions into errors that name the
// plugin, and ties the product's lifetime to the library it came from.
template <class T, class Factory>
std::shared_ptr<T> create(const RegisteredComponent& c, Factory factory, const ParamValues& values,
                          const ComponentSpec& spec) {
  T* raw = nullptr;
  try {
    raw = factory(values);
  } catch (const std::invalid_argument& e) {  // a parameter combination the schema cannot express
    throw Error(ExitCode::usage, spec.where,
                std::string(to_string(c.info->kind)) + " '" + c.info->name + "': " + e.what());
  } catch (const std::exception& e) {
    throw Error(ExitCode::plugin, spec.where,
                std::string(to_string(c.info->kind)) + " '" + c.info->name + "' (" + c.library->path +
                    ") failed to construct: " + e.what());
  }
  if (!raw)
    throw Error(ExitCode::plugin, spec.where,
                std::string(to_string(c.info->kind)) + " '" + c.info->name + "' (" + c.library->path +
                    ") returned no object");
  auto library = c.library;
  return std::shared_ptr<T>(raw, [library](T* p) { delete p; });
}
}  // namespace

std::shared_ptr<Activation> PluginRegistry::make_activation(const ComponentSpec& spec) const {
  const auto& c = require(Kind::activation, spec);
  return create<Activation>(c, c.info->make_activation, resolve_params(c, spec), spec);
}
std::shared_ptr<Layer> PluginRegistry::make_layer(const ComponentSpec& spec) const {
  const auto& c = require(Kind::layer, spec);
  return create<Layer>(c, c.info->make_layer, resolve_params(c, spec), spec);
}
std::shared_ptr<Loss> PluginRegistry::make_loss(const ComponentSpec& spec) const {
  const auto& c = require(Kind::loss, spec);
  return create<Loss>(c, c.info->make_loss, resolve_params(c, spec), spec);
}
std::shared_ptr<Optimizer> PluginRegistry::make_optimizer(const ComponentSpec& spec) const {
  const auto& c = require(Kind::optimizer, spec);
  return create<Optimizer>(c, c.info->make_optimizer, resolve_params(c, spec), spec);
}

std::vector<RegisteredComponent> PluginRegistry::components() const {
  std::vector<RegisteredComponent> out;
  for (const auto& [key, component] : components_) out.push_back(component);
  return out;  // std::map order: kind, then name
}

std::vector<std::shared_ptr<const LoadedLibrary>> PluginRegistry::libraries() const { return libraries_; }

std::string builtin_plugin_dir() {
  std::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  return (exe.parent_path() / ".." / "lib" / "neurite" / "plugins").lexically_normal().string();
}
}  // namespace neurite
