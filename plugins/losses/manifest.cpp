// The manifest of the built-in losses library.
#include <neurite/plugin/abi.hpp>

NEURITE_PLUGIN_MANIFEST("neurite_losses", NEURITE_VERSION)
