# neurite_find_static_openblas(): finds OpenBLAS's pthread build through
# pkg-config and sets, in the caller's scope:
#   OPENBLAS_STATIC_LIBRARY  its static archive (libopenblas.a)
#   OPENBLAS_INCLUDE_DIRS    its headers
# Stops configuring with the fix when pkg-config's openblas is another build.
#
# Why the pthread build: its calls are safe from several of our TBB threads at
# once (the serial build has no locking), and it needs no OpenMP runtime (the
# openmp build's archive would need libgomp). Debian installs the three side by
# side and pkg-config follows the update-alternatives choice of the shared
# library. Why the archive: framework/CMakeLists.txt. Tested by
# tests/cmake/openblas_check (cmake.static_openblas_* tests).
function(neurite_find_static_openblas)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(OPENBLAS REQUIRED openblas)
  if(NOT OPENBLAS_LIBDIR MATCHES "openblas-pthread")
    message(FATAL_ERROR "neurite links OpenBLAS's pthread build, but pkg-config's openblas is in "
                        "${OPENBLAS_LIBDIR}. Install libopenblas-pthread-dev and select it: "
                        "update-alternatives --config libopenblas.so-x86_64-linux-gnu")
  endif()
  find_library(OPENBLAS_STATIC_LIBRARY NAMES libopenblas.a PATHS ${OPENBLAS_LIBDIR} NO_DEFAULT_PATH)
  if(NOT OPENBLAS_STATIC_LIBRARY)
    message(FATAL_ERROR "neurite links OpenBLAS's static archive, but ${OPENBLAS_LIBDIR} has no libopenblas.a. "
                        "Install libopenblas-pthread-dev.")
  endif()
  set(OPENBLAS_STATIC_LIBRARY ${OPENBLAS_STATIC_LIBRARY} PARENT_SCOPE)
  set(OPENBLAS_INCLUDE_DIRS ${OPENBLAS_INCLUDE_DIRS} PARENT_SCOPE)
endfunction()
