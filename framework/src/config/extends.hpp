// `extends: base.yaml`: an experiment starts from a base file's keys. The base
// (itself possibly extending another) is deep-merged under the experiment:
// mappings merge key by key, lists and plain values of the experiment replace
// the base's. Relative paths written in a base resolve against the base's own
// directory. A cycle, a missing base or a base that is not a mapping is an
// error naming the file.
#pragma once
#include "config/yaml_reader.hpp"

#include <string>

namespace neurite::config {
/// Resolves the `extends:` chain of `experiment` (from `file`) in place and
/// removes the key; base nodes are registered in `origins` for error messages.
void resolve_extends(YAML::Node experiment, const std::string& file, OriginScope& origins);

/// Parses one YAML document; syntax errors are usage errors at file:line:column.
YAML::Node load_single_document(const std::string& yaml_text, const std::string& file);
/// Reads a file's text; a missing file is Error(ExitCode::data) naming it.
std::string read_text_file(const std::string& path, const std::string& what);
}  // namespace neurite::config
