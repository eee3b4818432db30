# cmake -DCASE=real|serial|no_archive -DWORK=DIR -P check_openblas.cmake
# Configures the project beside this file in WORK: with the machine's own
# pkg-config files (real: must succeed and name libopenblas.a), or with a fake
# openblas.pc (must fail with the message that says what to install or select).
set(here ${CMAKE_CURRENT_LIST_DIR})
file(REMOVE_RECURSE ${WORK})
set(env)
if(CASE STREQUAL "serial")
  set(env PKG_CONFIG_LIBDIR=${here}/fake-serial PKG_CONFIG_PATH=)
  set(want_ok FALSE)
  set(want "neurite links OpenBLAS's pthread build, but pkg-config's openblas is in[ \n]+/usr/lib/x86_64-linux-gnu/openblas-serial.*libopenblas-pthread-dev.*update-alternatives --config libopenblas.so-x86_64-linux-gnu")
elseif(CASE STREQUAL "no_archive")
  set(env PKG_CONFIG_LIBDIR=${here}/fake-no-archive PKG_CONFIG_PATH=)
  set(want_ok FALSE)
  set(want "/nonexistent/openblas-pthread has no libopenblas.a.*Install libopenblas-pthread-dev")
elseif(CASE STREQUAL "real")
  set(want_ok TRUE)
  set(want "static OpenBLAS: [^\n]*openblas-pthread/libopenblas.a")
else()
  message(FATAL_ERROR "CASE must be real, serial or no_archive")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${env} ${CMAKE_COMMAND} -S ${here} -B ${WORK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
string(REGEX REPLACE "\n *" " " flat "${all}")  # CMake wraps its messages
string(REGEX REPLACE "\n" " " want_flat "${want}")
if(want_ok AND NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring failed (${rc}):\n${all}")
elseif(NOT want_ok AND rc EQUAL 0)
  message(FATAL_ERROR "configuring succeeded with a fake openblas.pc:\n${all}")
elseif(NOT flat MATCHES "${want_flat}")
  message(FATAL_ERROR "the output lacks /${want}/:\n${all}")
endif()
message(STATUS "${CASE}: ok")
