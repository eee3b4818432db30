// `neurite compare RESULTS...`: reads result archives (never re-runs
// training) and prints the comparison table.
#include <neurite/results/archive.hpp>
#include <neurite/results/compare.hpp>
#include <neurite/results/cross_validation.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <iostream>

namespace neurite::cli {
int compare_command(const Args& args) {
  po::options_description options("neurite compare [options] RESULT_FILES_OR_DIRS...");
  options.add_options()("help,h", "show this help")
      ("format", po::value<std::string>()->default_value("text"), "text|markdown|csv|json");
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("inputs")) throw Error(ExitCode::usage, "compare: no result files given (see --help)");
  const TableFormat format = parse_table_format(vm["format"].as<std::string>());
  const auto results = read_results(vm["inputs"].as<std::vector<std::string>>());
  if (results.empty()) throw Error(ExitCode::data, "compare: no result archives (*.neurite) found");
  std::cout << format_comparison(results, format);
  const std::string folds = format_cross_validation(summarize_folds(results));
  if (!folds.empty() && (format == TableFormat::text || format == TableFormat::markdown))
    std::cout << "\n" << folds;
  return 0;
}
}  // namespace neurite::cli
