// The manifest of the built-in activations library.
#include <neurite/plugin/abi.hpp>

NEURITE_PLUGIN_MANIFEST("neurite_activations", NEURITE_VERSION)
