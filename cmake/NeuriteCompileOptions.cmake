# Warning and sanitizer flags shared by every neurite target (core, runner,
# built-in plugins, tests). Third-party plugins get them via neurite_add_plugin().
add_library(neurite_compile_options INTERFACE)
add_library(neurite::compile_options ALIAS neurite_compile_options)
set_target_properties(neurite_compile_options PROPERTIES EXPORT_NAME compile_options)
target_compile_options(neurite_compile_options INTERFACE -Wall -Wextra)
# GCC 12 reports -Wrestrict false positives inside std::string's operator+
# when optimising (GCC bug 105329, fixed in GCC 13); the warning is never about
# our code there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(neurite_compile_options INTERFACE -Wno-restrict)
endif()
# NEURITE_NATIVE (-march=native) is applied as a PUBLIC option of neurite::core
# in framework/CMakeLists.txt, see there.
option(NEURITE_NATIVE "Optimise for the build machine's CPU (-march=native)" ON)
# With AVX-512 enabled, GCC 12 warns about its own _mm512_undefined_* intrinsics
# inlined into Eigen (GCC bug 105593, fixed in GCC 13).
if(NEURITE_NATIVE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(neurite_compile_options INTERFACE -Wno-maybe-uninitialized)
endif()
if(NEURITE_WERROR)
  target_compile_options(neurite_compile_options INTERFACE -Werror)
endif()
if(NEURITE_SANITIZE)
  target_compile_options(neurite_compile_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  # Under the sanitizers GCC 12 reports the same bug 105593 as a definite
  # -Wuninitialized (`__m512 __Y = __Y;` in _mm512_undefined_ps, reached from
  # Eigen's AVX-512 exp/min). Only here: the Release build keeps the warning.
  if(NEURITE_NATIVE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(neurite_compile_options INTERFACE -Wno-uninitialized)
  endif()
  target_link_options(neurite_compile_options INTERFACE -fsanitize=address,undefined)
endif()
