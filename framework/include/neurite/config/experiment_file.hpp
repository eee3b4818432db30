// Reading experiment files (YAML) into ExperimentSpecs. A file holds one
// experiment (a mapping) or several (a sequence of mappings). Every error is
// an Error(ExitCode::usage) with file:line:column, saying what was expected;
// unknown keys suggest the nearest known one.
#pragma once
#include <neurite/experiment_spec.hpp>

#include <string>
#include <vector>

namespace neurite {
std::vector<ExperimentSpec> load_experiment_file(const std::string& path);

/// Parses YAML text as if it were the file `path` (relative paths resolve
/// against path's directory). For tests and for `--set` later.
std::vector<ExperimentSpec> parse_experiments(const std::string& yaml_text, const std::string& path);

/// Expands command-line arguments (files and directories) into experiment
/// files: directories contribute their *.yaml / *.yml files, sorted by name.
/// A missing path is Error(ExitCode::data).
std::vector<std::string> collect_experiment_files(const std::vector<std::string>& args);
}  // namespace neurite
