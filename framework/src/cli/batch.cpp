#include "cli/batch.hpp"

#include <neurite/config/experiment_file.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/run/run_experiment.hpp>

#include <tbb/parallel_for.h>

#include <atomic>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <set>

namespace neurite::cli {
namespace {
void report(const Failure& failure) { std::cerr << "neurite: error: " << failure.what << "\n"; }

/// Runs one experiment and stores its archive; errors become the item's failure.
void run_item(BatchItem& item, const PluginRegistry& registry, const BatchOptions& options, Progress& progress) {
  try {
    RunResult result = run_experiment(item.spec, registry, RunOptions{options.threads, progress.observer()});
    progress.finish();
    const auto path = std::filesystem::path(options.out_dir) / result_file_name(result);
    write_result(result, path.string());
    if (result.status != RunStatus::ok)
      item.failure = Failure{item.spec.name + ": " + to_string(result.status) + ": " + result.error,
                             ExitCode::run_failed};
    item.result = std::move(result);
  } catch (const Error& e) {
    progress.finish();
    item.failure = Failure{e.what(), e.code()};
  } catch (const std::exception& e) {  // a plugin's own exception outside training
    progress.finish();
    item.failure = Failure{item.spec.name + ": " + e.what(), ExitCode::run_failed};
  }
}
}  // namespace

Batch plan_batch(const std::vector<std::string>& files, PluginRegistry& registry) {
  Batch batch;
  std::set<std::filesystem::path> seen_files;
  std::map<std::string, std::string> names;  // experiment name -> where it was defined
  for (const auto& file : files) {
    std::error_code ec;
    if (!seen_files.insert(std::filesystem::weakly_canonical(file, ec)).second) continue;  // named twice
    std::vector<ExperimentSpec> specs;
    try {
      specs = load_experiment_file(file);
    } catch (const Error& e) {
      batch.planning_failures.push_back({e.what(), e.code()});
      report(batch.planning_failures.back());
      continue;
    }
    for (auto& spec : specs) {
      // Result files are named after experiments: a second run of the same name
      // would silently replace the first one's archive.
      const auto [seen, fresh] = names.emplace(spec.name, spec.where.str());
      if (!fresh) {
        const Error e(ExitCode::usage, spec.where,
                      "experiment name '" + spec.name + "' is already used at " + seen->second +
                          "; names must be unique within a batch");
        batch.planning_failures.push_back({e.what(), e.code()});
        report(batch.planning_failures.back());
        continue;
      }
      // Plugins load before any run starts: the registry is read-only while runs are under way.
      try {
        for (const auto& dir : spec.plugin_dirs) registry.load_directory(dir);
      } catch (const Error& e) {
        batch.planning_failures.push_back({e.what(), e.code()});
        report(batch.planning_failures.back());
        continue;
      }
      batch.items.push_back({std::move(spec), std::nullopt, std::nullopt});
    }
  }
  return batch;
}

void execute_batch(Batch& batch, const PluginRegistry& registry, const BatchOptions& options) {
  const bool verbose = options.mode != Progress::Mode::quiet;
  if (options.jobs <= 1 || batch.items.size() <= 1) {
    for (BatchItem& item : batch.items) {
      if (verbose) std::cout << item.spec.name << "  (" << item.spec.source_file << ")\n";
      Progress progress(options.mode);
      run_item(item, registry, options, progress);
      if (item.failure) report(*item.failure);
    }
    return;
  }
  // Several experiments at once: `jobs` workers take the next experiment from
  // a shared counter; each experiment's shards run as nested TBB tasks. Epoch
  // lines would interleave, so only starts and ends are printed.
  std::atomic<std::size_t> next{0};
  std::mutex output;
  const std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(options.jobs), batch.items.size());
  tbb::parallel_for(std::size_t{0}, workers, [&](std::size_t) {
    for (std::size_t i = next++; i < batch.items.size(); i = next++) {
      BatchItem& item = batch.items[i];
      Progress progress(Progress::Mode::quiet);
      run_item(item, registry, options, progress);
      std::lock_guard<std::mutex> lock(output);
      if (item.failure) report(*item.failure);
      else if (verbose)
        std::cout << "done  " << std::left << std::setw(28) << item.spec.name << " "
                  << item.result->epochs_run << " epochs, " << std::fixed << std::setprecision(2)
                  << item.result->wall_seconds << "s" << std::defaultfloat << std::endl;
    }
  });
}
}  // namespace neurite::cli
