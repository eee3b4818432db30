# neurite_add_plugin(<target> SOURCES <file>... [OUTPUT_DIRECTORY <dir>])
#
# Builds one neurite plugin library: a MODULE loaded at run time with
# Boost.DLL, linked PRIVATE against the neurite core (public headers and the
# shared compute kernels), built with hidden visibility so that only the
# manifest and the component aliases are exported. The built-in plugins use
# exactly this function; so can a third party:
#
#   find_package(neurite CONFIG REQUIRED)   # -Dneurite_DIR=<neurite build dir>
#   neurite_add_plugin(my_activations SOURCES bent_identity.cpp manifest.cpp)
#
# The library lands in OUTPUT_DIRECTORY (default: neurite's built-in plugin
# directory inside neurite's own build, the current binary directory
# elsewhere) and is named <target>.so, without a "lib" prefix.
function(neurite_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "neurite_add_plugin(${target}): SOURCES is required")
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    if(NEURITE_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIRECTORY ${NEURITE_PLUGIN_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endif()
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE neurite::core neurite::compile_options)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY}
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON)
  target_compile_options(${target} PRIVATE -ffunction-sections -fdata-sections)
  target_link_options(${target} PRIVATE -Wl,--gc-sections)
endfunction()
