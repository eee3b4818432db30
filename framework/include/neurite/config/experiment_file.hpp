// Reading experiment files (YAML) into ExperimentSpecs, one per run. A file
// holds one experiment (a mapping) or several (a sequence of mappings); each
// may `extends:` a base file, `--set` overrides apply to all of them, and a
// `sweep:` expands one experiment into several runs. Every error is an
// Error(ExitCode::usage) with file:line:column, saying what was expected;
// unknown keys suggest the nearest known one.
#pragma once
#include <neurite/experiment_spec.hpp>

#include <string>
#include <vector>

namespace neurite {
/// A command-line override, `--set key.path=value`. The value is YAML
/// ("32", "0.1", "[8, 8]", "{name: adam}") checked by the schema like the file.
struct Override {
  std::string path;
  std::string value;
  std::string text;  // as given, for messages
};

/// "training.epochs=50" -> Override; no '=' or an empty path is a usage error.
Override parse_override(const std::string& text);

std::vector<ExperimentSpec> load_experiment_file(const std::string& path,
                                                 const std::vector<Override>& overrides = {});

/// Parses YAML text as if it were the file `path` (relative paths resolve
/// against path's directory).
std::vector<ExperimentSpec> parse_experiments(const std::string& yaml_text, const std::string& path,
                                              const std::vector<Override>& overrides = {});

/// Expands command-line arguments (files and directories) into experiment
/// files: directories contribute their *.yaml / *.yml files, sorted by name.
/// A missing path is Error(ExitCode::data).
std::vector<std::string> collect_experiment_files(const std::vector<std::string>& args);
}  // namespace neurite
