#include "cli/batch.hpp"
#include "cli/background_writer.hpp"
#include "cli/json_log.hpp"

#include <neurite/config/experiment_file.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/results/checkpoint_archive.hpp>
#include <neurite/run/run_experiment.hpp>

#include <tbb/parallel_for.h>

#include <atomic>
#include <memory>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

namespace neurite::cli {
namespace {
void report(const Failure& failure) { std::cerr << "neurite: error: " << failure.what << "\n"; }

namespace fs = std::filesystem;

/// With --resume: the run's result already in the output directory, if it is
/// of this very experiment (a changed experiment runs again).
std::optional<RunResult> kept_result(const ExperimentSpec& spec, const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    RunResult result = read_result(path.string());
    if (result.name == spec.name && result.seed == spec.seed && result.yaml_text == spec.yaml_text) return result;
  } catch (const Error&) {  // unreadable: train it again, which replaces the file
  }
  return std::nullopt;
}

/// The end of a run: its failure (if any) reported, progress and the JSON log told.
void end_item(std::size_t index, BatchItem& item, Progress& progress, JsonLog* log) {
  const RunResult* result = item.result ? &*item.result : nullptr;
  const std::string failure = item.failure ? item.failure->what : "";
  progress.end(index, result, failure);
  if (!log) return;
  try {
    const bool interrupted = item.failure && item.failure->code == ExitCode::interrupted;
    log->write_line(end_json(item.spec.name, result, failure, interrupted ? "interrupted" : "failed"));
  } catch (const Error& e) {  // the run itself is done; its log line is what failed
    if (!item.failure) item.failure = Failure{e.what(), e.code()};
  }
}

/// Runs one experiment and hands its result to `writer`, which stores the
/// archive, removes the run's checkpoint and ends the item; errors become the
/// item's failure. Progress and the JSON log hear of its start, epochs and end.
void run_item(std::size_t index, BatchItem& item, const PluginRegistry& registry, const BatchOptions& options,
              Progress& progress, JsonLog* log, BackgroundWriter& writer) {
  const std::string& name = item.spec.name;
  RunResult named;
  named.name = name;
  const fs::path result_path = fs::path(options.out_dir) / result_file_name(named);
  const fs::path checkpoint_path = fs::path(options.out_dir) / checkpoint_file_name(name);
  const EpochObserver observer = [&](const EpochMetrics& m, int total) {
    progress.epoch(index, m, total);
    if (log) log->write_line(epoch_json(name, m, total));
  };
  try {
    std::optional<TrainingCheckpoint> resume;
    std::string started = item.spec.source_file;
    if (options.resume) {
      std::error_code ec;
      if (fs::exists(checkpoint_path, ec)) {
        resume = read_checkpoint(checkpoint_path.string());
        started += ", resuming after epoch " + std::to_string(resume->epochs_done);
      } else if (std::optional<RunResult> kept = kept_result(item.spec, result_path)) {
        progress.start(index, name, started + ", kept " + result_path.string());
        item.result = std::move(*kept);
        end_item(index, item, progress, log);
        return;
      }
    }
    progress.start(index, name, started, resume ? resume->epochs_done : 0);
    RunOptions run_options{options.threads, observer};
    if (resume) {
      run_options.resume = &*resume;
      run_options.resume_source = checkpoint_path.string();
    }
    run_options.save_checkpoint = [&](const TrainingCheckpoint& c) {
      write_checkpoint(c, checkpoint_path.string(), options.archive);
    };
    run_options.stop = options.stop;
    item.result = run_experiment(item.spec, registry, run_options);
  } catch (const Error& e) {
    std::string what = e.what();
    std::error_code ec;
    if (e.code() == ExitCode::interrupted && fs::exists(checkpoint_path, ec))
      what += "; checkpoint " + checkpoint_path.string();
    item.failure = Failure{what, e.code()};
  } catch (const std::exception& e) {  // a plugin's own exception outside training
    item.failure = Failure{name + ": " + e.what(), ExitCode::run_failed};
  }
  if (!item.result) {
    end_item(index, item, progress, log);
    return;
  }
  const auto encode = [&item, &options, result_path] {
    return encode_result_file(*item.result, result_path.string(), options.archive);
  };
  const auto done = [index, &item, &progress, log, checkpoint_path](const Error* error) {
    if (error) {  // the archive could not be written: the run's result is lost
      item.failure = Failure{error->what(), error->code()};
      item.result.reset();
    } else {
      std::error_code ec;
      fs::remove(checkpoint_path, ec);  // the result supersedes it
      const RunResult& result = *item.result;
      if (result.status != RunStatus::ok)
        item.failure = Failure{item.spec.name + ": " + to_string(result.status) + ": " + result.error,
                               ExitCode::run_failed};
    }
    end_item(index, item, progress, log);
  };
  writer.submit({result_path.string(), encode, done});
}
}  // namespace

Batch plan_batch(const std::vector<std::string>& files, const std::vector<Override>& overrides,
                 PluginRegistry& registry) {
  Batch batch;
  std::set<std::filesystem::path> seen_files;
  std::map<std::string, std::string> names;  // experiment name -> where it was defined
  for (const auto& file : files) {
    std::error_code ec;
    if (!seen_files.insert(std::filesystem::weakly_canonical(file, ec)).second) continue;  // named twice
    std::vector<ExperimentSpec> specs;
    try {
      specs = load_experiment_file(file, overrides);
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

int print_dry_run(const Batch& batch, std::ostream& out) {
  std::size_t width = 0;
  for (const auto& item : batch.items) width = std::max(width, item.spec.name.size());
  for (const auto& item : batch.items)
    out << std::left << std::setw(static_cast<int>(width)) << item.spec.name << "  " << item.spec.where.str()
        << "\n";
  out << batch.items.size() << " run(s)";
  if (!batch.planning_failures.empty()) out << ", " << batch.planning_failures.size() << " error(s)";
  out << "\n";
  return batch.planning_failures.empty() ? 0 : static_cast<int>(batch.planning_failures.front().code);
}

void execute_batch(Batch& batch, const PluginRegistry& registry, const BatchOptions& options) {
  std::unique_ptr<JsonLog> log;
  if (!options.log_json.empty()) log = std::make_unique<JsonLog>(options.log_json, options.resume);
  Progress progress(options.mode, batch.items.size());
  // Up to `jobs` workers take the next experiment from a shared counter; each
  // experiment's shards run as nested TBB tasks.
  std::atomic<std::size_t> next{0};
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(options.jobs), batch.items.size()));
  BackgroundWriter writer;
  const auto work = [&](std::size_t) {
    for (std::size_t i = next++; i < batch.items.size(); i = next++) {
      if (options.stop && options.stop->load()) break;  // interrupted: leave the rest
      run_item(i, batch.items[i], registry, options, progress, log.get(), writer);
    }
    writer.stop_lingering();  // this worker is done; the last runs' archives should not wait
  };
  if (workers == 1) work(0);
  else tbb::parallel_for(std::size_t{0}, workers, work);
  writer.finish();
  progress.finish();
}
}  // namespace neurite::cli
