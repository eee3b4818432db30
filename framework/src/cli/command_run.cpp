// `neurite run FILES_OR_DIRS...`: loads plugins, parses every experiment,
// trains each one, writes its result archive and prints the comparison table.
// A failing experiment is reported and the others still run.
#include <neurite/config/experiment_file.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/results/compare.hpp>
#include <neurite/run/run_experiment.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"

#include <tbb/global_control.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <thread>

namespace neurite::cli {
namespace {
struct Failure {
  std::string what;
  ExitCode code;
};

void load_experiment_plugins(const ExperimentSpec& spec, PluginRegistry& registry) {
  for (const auto& dir : spec.plugin_dirs) registry.load_directory(dir);
}
}  // namespace

int run_command(const Args& args) {
  po::options_description options("neurite run [options] FILES_OR_DIRS...");
  options.add_options()("help,h", "show this help")
      ("out,o", po::value<std::string>()->default_value("results"), "directory for result archives")
      ("threads,t", po::value<int>()->default_value(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
       "worker threads (results do not depend on it)")
      ("format", po::value<std::string>()->default_value("text"), "final table: text|markdown|csv|json")
      ("quiet,q", "no epoch progress");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("inputs")) throw Error(ExitCode::usage, "run: no experiment files given (see --help)");
  const int threads = vm["threads"].as<int>();
  if (threads < 1) throw Error(ExitCode::usage, "run: --threads must be at least 1");
  const TableFormat format = parse_table_format(vm["format"].as<std::string>());
  const std::string out_dir = vm["out"].as<std::string>();

  tbb::global_control thread_limit(tbb::global_control::max_allowed_parallelism,
                                   static_cast<std::size_t>(threads));
  PluginRegistry registry = load_plugins(vm);
  const auto files = collect_experiment_files(vm["inputs"].as<std::vector<std::string>>());

  std::vector<RunResult> results;
  std::vector<Failure> failures;
  std::map<std::string, std::string> names;  // experiment name -> where it was defined
  const auto mode = Progress::detect(vm.count("quiet") > 0);
  std::set<std::filesystem::path> seen_files;
  for (const auto& file : files) {
    std::error_code ec;
    if (!seen_files.insert(std::filesystem::weakly_canonical(file, ec)).second) continue;  // named twice
    std::vector<ExperimentSpec> specs;
    try {
      specs = load_experiment_file(file);
    } catch (const Error& e) {
      failures.push_back({e.what(), e.code()});
      std::cerr << "neurite: error: " << e.what() << "\n";
      continue;
    }
    for (const auto& spec : specs) {
      // Result files are named after experiments: a second run of the same name
      // would silently replace the first one's archive.
      const auto [seen, fresh] = names.emplace(spec.name, spec.where.str());
      if (!fresh) {
        const Error e(ExitCode::usage, spec.where,
                      "experiment name '" + spec.name + "' is already used at " + seen->second +
                          "; names must be unique within a batch");
        std::cerr << "neurite: error: " << e.what() << "\n";
        failures.push_back({e.what(), e.code()});
        continue;
      }
      if (mode != Progress::Mode::quiet) std::cout << spec.name << "  (" << file << ")\n";
      Progress progress(mode, spec.name);
      try {
        load_experiment_plugins(spec, registry);
        RunOptions run_options{threads, progress.observer()};
        RunResult result = run_experiment(spec, registry, run_options);
        progress.finish();
        const std::string path = (std::filesystem::path(out_dir) / result_file_name(result)).string();
        write_result(result, path);
        if (result.status != RunStatus::ok) {
          std::cerr << "neurite: run '" << spec.name << "' " << to_string(result.status) << ": "
                    << result.error << "\n";
          failures.push_back({spec.name + ": " + result.error, ExitCode::run_failed});
        }
        results.push_back(std::move(result));
      } catch (const Error& e) {
        progress.finish();
        std::cerr << "neurite: error: " << e.what() << "\n";
        failures.push_back({e.what(), e.code()});
      }
    }
  }
  if (!results.empty()) {
    if (mode != Progress::Mode::quiet || format != TableFormat::text) std::cout << "\n";
    std::cout << format_comparison(results, format);
    if (mode != Progress::Mode::quiet)
      std::cout << "\nresults written to " << out_dir << "/\n";
  }
  if (failures.empty()) return 0;
  std::cerr << "neurite: " << failures.size() << " experiment(s) failed:\n";
  for (const auto& f : failures) std::cerr << "  " << f.what << "\n";
  return static_cast<int>(failures.front().code);
}
}  // namespace neurite::cli
