// The manifest of the built-in optimizers library.
#include <neurite/plugin/abi.hpp>

NEURITE_PLUGIN_MANIFEST("neurite_optimizers", NEURITE_VERSION)
