// The plugin ABI: every plugin library exports one manifest (symbol
// `neurite_manifest`) that the loader reads and checks before it touches any
// component. Bump kPluginAbiVersion whenever a plugin-visible type changes
// layout or meaning (component.hpp, the four interfaces, tensor.hpp, rng.hpp).
#pragma once
#include <cstdint>

#include <boost/dll/alias.hpp>

namespace neurite {
// 2: Loss::sum_and_gradient; 3: Workspace::input_gradient_needed;
// 4: Layer::needs_whole_batch.
inline constexpr std::uint32_t kPluginAbiVersion = 4;

struct PluginManifest {
  std::uint32_t abi_version;
  const char* library_name;
  const char* library_version;
};
}  // namespace neurite

/// Declares the library's manifest; use exactly once per plugin library.
#define NEURITE_PLUGIN_MANIFEST(library_name, library_version)                           \
  namespace neurite_plugin_manifest {                                                     \
  const ::neurite::PluginManifest manifest{::neurite::kPluginAbiVersion, library_name,    \
                                           library_version};                              \
  }                                                                                       \
  BOOST_DLL_ALIAS(neurite_plugin_manifest::manifest, neurite_manifest)

/// Exports one component descriptor; the file's last statement.
#define NEURITE_EXPORT_COMPONENT(descriptor, name) \
  BOOST_DLL_ALIAS_SECTIONED(descriptor, neurite_##name, neurite)
