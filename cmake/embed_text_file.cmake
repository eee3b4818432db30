# Script mode (cmake -P): writes OUTPUT, a C++ file defining SYMBOL ("a::b::kName")
# as a char array holding INPUT's text. Used by NeuriteEmbedText.cmake.
file(READ ${INPUT} text)
set(delimiter "neurite_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()
string(REGEX MATCH "^(.*)::([^:]+)$" _ ${SYMBOL})
set(namespace ${CMAKE_MATCH_1})
set(name ${CMAKE_MATCH_2})
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT} by cmake/embed_text_file.cmake. Do not edit.\n"
  "namespace ${namespace} {\n"
  "extern const char ${name}[];\n"
  "const char ${name}[] = R\"${delimiter}(${text})${delimiter}\";\n"
  "}  // namespace ${namespace}\n")
