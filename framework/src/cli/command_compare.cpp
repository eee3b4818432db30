// `neurite compare RESULTS...`: reads result archives (never re-runs
// training) and prints their metrics, per run or aggregated per group, sorted
// and against a baseline (results/compare.hpp: compare_runs).
#include <neurite/results/archive.hpp>
#include <neurite/results/compare.hpp>
#include <neurite/results/cross_validation.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <algorithm>
#include <iostream>

namespace neurite::cli {
namespace {
// "accuracy,f1" and repeated --metrics: one list.
std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      if (comma > start) out.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}
}  // namespace

int compare_command(const Args& args) {
  po::options_description options("neurite compare [options] RESULT_FILES_OR_DIRS...");
  options.add_options()("help,h", "show this help")
      ("format", po::value<std::string>()->default_value("text"), "text|markdown|csv|json")
      ("metrics", po::value<std::vector<std::string>>()->composing(),
       "LIST: accuracy,loss,precision,recall,f1,log_loss,rmse,r2,parameters,epochs,epochs_to_best,"
       "wall_seconds,samples_per_second (default: parameters,loss,accuracy[,rmse,r2],epochs,wall_seconds)")
      ("split", po::value<std::string>(), "train|validation|test: the split of per-split metrics (default: all three)")
      ("sort", po::value<std::string>(), "METRIC: sort rows by a column key (test_accuracy) or, with --split, a metric")
      ("desc", "sort descending (default: best first)")
      ("asc", "sort ascending")
      ("group-by", po::value<std::vector<std::string>>()->composing(),
       "KEY: keep runs apart by `experiment` or a setting label (units, seed, fold...) and aggregate the rest "
       "(repeatable)")
      ("baseline", po::value<std::string>(),
       "NAME: a run name (or with --group-by a group label); other rows get the difference, groups Welch's t-test");
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("inputs")) throw Error(ExitCode::usage, "compare: no result files given (see --help)");
  const TableFormat format = parse_table_format(vm["format"].as<std::string>());
  CompareOptions compare;
  if (vm.count("metrics")) {
    compare.metrics = split_list(vm["metrics"].as<std::vector<std::string>>());
    if (compare.metrics.empty()) throw Error(ExitCode::usage, "compare: --metrics is empty");
  }
  if (vm.count("split")) compare.split = vm["split"].as<std::string>();
  if (vm.count("sort")) compare.sort = vm["sort"].as<std::string>();
  if (vm.count("desc") && vm.count("asc")) throw Error(ExitCode::usage, "compare: --desc and --asc together");
  if ((vm.count("desc") || vm.count("asc")) && compare.sort.empty())
    throw Error(ExitCode::usage, "compare: --desc and --asc need --sort METRIC");
  compare.direction = vm.count("desc") ? -1 : vm.count("asc") ? 1 : 0;
  if (vm.count("group-by")) compare.group_by = split_list(vm["group-by"].as<std::vector<std::string>>());
  if (vm.count("baseline")) compare.baseline = vm["baseline"].as<std::string>();

  const auto results = read_results(vm["inputs"].as<std::vector<std::string>>());
  if (results.empty()) throw Error(ExitCode::data, "compare: no result archives (*.neurite) found");
  std::cout << compare_runs(results, compare, format);
  const std::string folds = format_cross_validation(summarize_folds(results));
  if (!folds.empty() && compare.group_by.empty() && (format == TableFormat::text || format == TableFormat::markdown))
    std::cout << "\n" << folds;
  return 0;
}
}  // namespace neurite::cli
