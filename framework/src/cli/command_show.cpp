// `neurite show RESULT [--resolved] [--yaml] [--history] [--format text|json]`:
// one stored run in detail (show_summary.hpp), or a run's checkpoint
// (show_checkpoint.hpp). --yaml prints the experiment
// as written, --resolved every setting in effect (defaults included), and
// --history the per-epoch table, instead of the summary; in JSON they are
// added to the summary object.
#include <neurite/results/archive.hpp>
#include <neurite/results/checkpoint_archive.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/show_checkpoint.hpp"
#include "cli/show_summary.hpp"
#include "cli/show_tables.hpp"
#include "results/atomic_file.hpp"

#include <iostream>

namespace neurite::cli {
namespace {
std::string text_parts(const RunResult& result, const std::string& path, const ShowParts& parts) {
  if (parts.resolved && result.resolved_yaml.empty())
    throw Error(ExitCode::data, path + ": the result stores no resolved values (written before archive "
                                       "version 4); --yaml shows the experiment as written");
  if (!parts.yaml && !parts.resolved && !parts.history) return summary_text(result, path);
  std::string out;
  const auto add = [&](const std::string& text) { out += (out.empty() ? "" : "\n") + text; };
  if (parts.yaml) add(result.yaml_text);
  if (parts.resolved) add(result.resolved_yaml);
  if (parts.history) add(cells::render(history_table(result), TableFormat::text));
  return out;
}
}  // namespace

int show_command(const Args& args) {
  po::options_description options("neurite show [options] RESULT");
  options.add_options()("help,h", "show this help")
      ("resolved", "print every setting in effect for the run, defaults included (YAML)")
      ("yaml", "print the experiment as written (YAML)")
      ("history", "print the per-epoch table")
      ("format", po::value<std::string>()->default_value("text"), "text or json");
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  const std::string format = text_or_json(vm, "show");
  const auto inputs = positionals(vm, "inputs");
  if (inputs.size() != 1)
    throw Error(ExitCode::usage, "show: expected one result file, got " + std::to_string(inputs.size()) + " (see --help)");
  const std::string& path = inputs.front();
  const ShowParts parts{vm.count("yaml") > 0, vm.count("resolved") > 0, vm.count("history") > 0};
  const std::string bytes = read_whole_file(path);
  if (is_checkpoint_file(bytes)) {  // a run's checkpoint (run --resume), not its result
    const TrainingCheckpoint checkpoint = decode_checkpoint(bytes, path);
    std::cout << (format == "json" ? checkpoint_json(checkpoint, path, parts) : checkpoint_text(checkpoint, path, parts));
    return 0;
  }
  const RunResult result = decode_result(bytes, path);
  std::cout << (format == "json" ? summary_json(result, path, parts) : text_parts(result, path, parts));
  return 0;
}
}  // namespace neurite::cli
