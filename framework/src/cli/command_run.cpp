// `neurite run FILES_OR_DIRS...`: loads plugins, plans the batch, trains every
// experiment (--jobs at once), writes each result archive and prints the
// comparison table. A failing experiment is reported and the others still run.
#include <neurite/config/experiment_file.hpp>
#include <neurite/kernels/gemm.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/results/compare.hpp>
#include <neurite/results/cross_validation.hpp>

#include "cli/batch.hpp"
#include "cli/commands.hpp"
#include "cli/glob.hpp"
#include "cli/interrupt.hpp"
#include "cli/name_filter.hpp"
#include "cli/options.hpp"

#include <tbb/global_control.h>

#include <iostream>
#include <thread>

namespace neurite::cli {
namespace {
// Runs stopped by a signal (checkpointed) or never started because of one.
std::size_t count_interrupted(const Batch& batch) {
  std::size_t n = 0;
  for (const auto& item : batch.items) {
    const bool stopped = item.failure && item.failure->code == ExitCode::interrupted;
    if (stopped || (!item.result && !item.failure)) ++n;
  }
  return n;
}
}  // namespace

int run_command(const Args& args) {
  po::options_description options("neurite run [options] FILES_OR_DIRS...");
  options.add_options()("help,h", "show this help")
      ("out,o", po::value<std::string>()->default_value("results"), "directory for result archives")
      ("threads,t", po::value<int>()->default_value(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
       "worker threads for the whole process (results do not depend on it)")
      ("jobs,j", po::value<int>()->default_value(1), "experiments trained at the same time")
      ("format", po::value<std::string>()->default_value("text"), "final table: text|markdown|csv|json")
      ("archive", po::value<std::string>()->default_value("binary"),
       "encoding of the result archives: binary|text|xml (text and xml are portable across machines)")
      ("quiet,q", "no progress output, only the final table")
      ("log-json", po::value<std::string>(), "FILE: one JSON line per epoch and per finished run (JSON Lines)")
      ("filter", po::value<std::vector<std::string>>()->composing(),
       "PATTERN: run only experiments whose name matches this glob (repeatable: any)")
      ("dry-run,n", "list the runs (sweeps expanded) without training")
      ("resume", "continue runs from their checkpoints in --out, keep runs whose result is there, run the rest")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "KEY.PATH=VALUE: override a key of every experiment (repeatable), e.g. training.epochs=5");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("inputs")) throw Error(ExitCode::usage, "run: no experiment files given (see --help)");
  BatchOptions batch_options;
  batch_options.threads = vm["threads"].as<int>();
  batch_options.jobs = vm["jobs"].as<int>();
  batch_options.out_dir = vm["out"].as<std::string>();
  batch_options.mode = Progress::detect(vm.count("quiet") > 0);
  if (vm.count("log-json")) batch_options.log_json = vm["log-json"].as<std::string>();
  batch_options.archive = parse_archive_encoding(vm["archive"].as<std::string>());
  batch_options.resume = vm.count("resume") > 0;
  if (batch_options.threads < 1) throw Error(ExitCode::usage, "run: --threads must be at least 1");
  if (batch_options.jobs < 1) throw Error(ExitCode::usage, "run: --jobs must be at least 1");
  const TableFormat format = parse_table_format(vm["format"].as<std::string>());

  // One limit for everything: experiments, their shards, and any library threads.
  tbb::global_control thread_limit(tbb::global_control::max_allowed_parallelism,
                                   static_cast<std::size_t>(batch_options.threads));
  // The GEMM libraries' one-off set-up (libxsmm_init: about 1 ms, mostly
  // mapping its kernel registry; see kernels/gemm.cpp) runs beside plugin loading, YAML
  // parsing and the first runs' data and model set-up, instead of before the
  // first experiment, where it would be serial time in every batch. A run's
  // first product waits for it (kernels::initialize is a one-time, thread-safe
  // initialisation), so nothing here waits before the batch starts.
  std::thread kernels_setup([] { kernels::initialize(); });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join_setup{kernels_setup};
  PluginRegistry registry = load_plugins(vm);
  const auto files = collect_experiment_files(expand_inputs(vm["inputs"].as<std::vector<std::string>>()));
  Batch batch = plan_batch(files, overrides_of(vm), registry);
  if (vm.count("filter")) filter_batch(batch, vm["filter"].as<std::vector<std::string>>());
  if (vm.count("dry-run")) return print_dry_run(batch, std::cout);
  {
    const InterruptHandler interrupt;
    batch_options.stop = &interrupt.requested();
    execute_batch(batch, registry, batch_options);
  }

  std::vector<RunResult> results;
  std::vector<Failure> failures = batch.planning_failures;
  for (auto& item : batch.items) {
    if (item.result) results.push_back(std::move(*item.result));
    if (item.failure) failures.push_back(*item.failure);
  }
  const bool verbose = batch_options.mode != Progress::Mode::quiet;
  if (!results.empty()) {
    if (verbose) std::cout << "\n";
    std::cout << format_comparison(results, format);
    // k-fold runs: their mean and spread (machine formats keep to the table).
    const std::string folds = format_cross_validation(summarize_folds(results));
    if (!folds.empty() && (format == TableFormat::text || format == TableFormat::markdown))
      std::cout << "\n" << folds;
    if (verbose) std::cout << "\nresults written to " << batch_options.out_dir << "/\n";
  }
  const std::size_t interrupted = count_interrupted(batch);
  std::erase_if(failures, [](const Failure& f) { return f.code == ExitCode::interrupted; });
  if (!failures.empty()) {
    std::cerr << "neurite: " << failures.size() << " experiment(s) failed:\n";
    for (const auto& f : failures) std::cerr << "  " << f.what << "\n";
  }
  if (interrupted > 0) {
    std::cerr << "neurite: interrupted: " << interrupted << " of " << batch.items.size()
              << " run(s) not finished; the same command with --resume continues them\n";
    return static_cast<int>(ExitCode::interrupted);
  }
  return failures.empty() ? 0 : static_cast<int>(failures.front().code);
}
}  // namespace neurite::cli
