// Experiment files: reading the file, YAML syntax errors, one experiment or a
// list of them, duplicate names, and expanding command-line paths.
#include <neurite/config/experiment_file.hpp>

#include "config/schema.hpp"
#include "config/yaml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace neurite {
namespace fs = std::filesystem;

namespace {
std::vector<YAML::Node> load_documents(const std::string& yaml_text, const std::string& path) {
  try {
    return YAML::LoadAll(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw Error(ExitCode::usage, config::location(path, e.mark), "invalid YAML: " + e.msg);
  }
}

std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}
}  // namespace

std::vector<ExperimentSpec> parse_experiments(const std::string& yaml_text,
                                              const std::string& path) {
  const std::vector<YAML::Node> documents = load_documents(yaml_text, path);
  if (documents.empty() || documents.front().IsNull())
    throw Error(ExitCode::usage, SourceLocation{path, 1, 1},
                "no experiment in the file; expected a mapping with 'name', 'data', 'model', ... "
                "or a list of such mappings");
  if (documents.size() > 1)
    config::fail(path, documents[1].Mark(),
                 "more than one YAML document; put several experiments in one list instead");
  const YAML::Node& root = documents.front();
  const fs::path base_dir = fs::path(path).parent_path();

  std::vector<ExperimentSpec> specs;
  if (root.IsMap()) {
    specs.push_back(config::read_experiment(path, root, base_dir));
    specs.back().yaml_text = yaml_text;
    return specs;
  }
  if (!root.IsSequence() || root.size() == 0)
    config::fail_expected(path, root, "an experiment (a mapping) or a non-empty list of experiments",
                          "experiment file");
  for (const auto& item : root) {
    ExperimentSpec spec = config::read_experiment(path, item, base_dir);
    for (const auto& earlier : specs)
      if (earlier.name == spec.name)
        throw Error(ExitCode::usage, spec.where,
                    "duplicate experiment name '" + spec.name + "' (first defined at line " +
                        std::to_string(earlier.where.line) + ")");
    spec.yaml_text = emit(item);
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::vector<ExperimentSpec> load_experiment_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw Error(ExitCode::data, SourceLocation{path},
                fs::exists(path, ec) ? "not a regular file" : "no such experiment file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::data, SourceLocation{path}, "cannot open the experiment file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_experiments(text.str(), path);
}

std::vector<std::string> collect_experiment_files(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const auto& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(arg, ec)) {
        const auto ext = entry.path().extension();
        if ((ext == ".yaml" || ext == ".yml") && entry.is_regular_file(ec))
          found.push_back(entry.path());
      }
      if (ec) throw Error(ExitCode::data, SourceLocation{arg}, "cannot list directory: " + ec.message());
      std::sort(found.begin(), found.end(),
                [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
      if (found.empty())
        throw Error(ExitCode::data, SourceLocation{arg},
                    "directory holds no experiment files (*.yaml, *.yml)");
      for (const auto& p : found) files.push_back(p.string());
    } else if (fs::exists(arg, ec)) {
      files.push_back(arg);
    } else {
      throw Error(ExitCode::data, SourceLocation{arg}, "no such file or directory");
    }
  }
  return files;
}
}  // namespace neurite
