// `neurite report RESULTS... -o report.html`: one self-contained HTML page
// (table, learning curves, decision boundaries, confusion matrices) from
// stored results. Decision boundaries rebuild each 2-D model from its result
// (no training) and so need the plugins it was built from.
#include <neurite/report/html_report.hpp>
#include <neurite/results/archive.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "results/atomic_file.hpp"
#include "report/decision_boundary.hpp"

#include <iostream>

namespace neurite::cli {
int report_command(const Args& args) {
  po::options_description options("neurite report [options] RESULT_FILES_OR_DIRS... -o report.html");
  options.add_options()("help,h", "show this help")
      ("output,o", po::value<std::string>()->default_value("report.html"), "the HTML file to write")
      ("title", po::value<std::string>()->default_value("neurite report"), "the page's title");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("inputs")) throw Error(ExitCode::usage, "report: no result files given (see --help)");
  const auto runs = read_results(vm["inputs"].as<std::vector<std::string>>());
  if (runs.empty()) throw Error(ExitCode::data, "report: no result archives (*.neurite) found");
  const PluginRegistry registry = load_plugins(vm);
  std::vector<std::optional<DecisionBoundary>> boundaries;
  for (const auto& run : runs) boundaries.push_back(report::decision_boundary(run, registry));
  const std::string path = vm["output"].as<std::string>();
  write_file_atomically(path, html_report(runs, boundaries, vm["title"].as<std::string>()));
  std::cout << "report written to " << path << "\n";
  return 0;
}
}  // namespace neurite::cli
