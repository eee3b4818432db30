# neurite_embed_text(TARGET FILE SYMBOL): compiles FILE's bytes into TARGET as
#   extern const char SYMBOL[];   (e.g. neurite::report::kChartJs)
# so that a program carries the file instead of reading it at run time (the
# report page and the Chart.js it inlines). Rebuilt when FILE changes.
set(NEURITE_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_text_file.cmake)

function(neurite_embed_text target file symbol)
  get_filename_component(input ${file} ABSOLUTE)
  string(MAKE_C_IDENTIFIER ${symbol} id)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/embedded/${id}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol} -P ${NEURITE_EMBED_SCRIPT}
    DEPENDS ${input} ${NEURITE_EMBED_SCRIPT}
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE ${output})
endfunction()
