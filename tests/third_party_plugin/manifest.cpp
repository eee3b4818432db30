#include <neurite/plugin/abi.hpp>

NEURITE_PLUGIN_MANIFEST("bent_identity_plugin", "0.1.0")
