// The manifest of the built-in layers library.
#include <neurite/plugin/abi.hpp>

NEURITE_PLUGIN_MANIFEST("neurite_layers", NEURITE_VERSION)
