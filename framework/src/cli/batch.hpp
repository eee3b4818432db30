// A batch of experiments for `neurite run`: planned first (files parsed, names
// checked, experiment plugin directories loaded), then executed with up to
// `jobs` experiments at once as TBB tasks, each training with nested
// data-parallel shards under the process-wide thread limit.
#pragma once
#include <neurite/config/experiment_file.hpp>
#include <neurite/errors.hpp>
#include <neurite/experiment_spec.hpp>
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/results/run_result.hpp>

#include "cli/progress.hpp"

#include <atomic>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace neurite::cli {
struct Failure {
  std::string what;
  ExitCode code;
};

/// One experiment of the batch and what became of it.
struct BatchItem {
  ExperimentSpec spec;
  std::optional<RunResult> result;  // set when the run produced a result (ok, failed or diverged)
  std::optional<Failure> failure;   // set when it failed (also for diverged runs)
};

struct Batch {
  std::vector<BatchItem> items;
  std::vector<Failure> planning_failures;  // files that did not parse, duplicate names, ...
};

/// Parses every file (each once, with the `--set` overrides), refuses
/// duplicate run names and loads each experiment's `plugins:` directories into
/// `registry`. Problems become failures of the file or experiment concerned;
/// the rest of the batch goes on.
Batch plan_batch(const std::vector<std::string>& files, const std::vector<Override>& overrides,
                 PluginRegistry& registry);

struct BatchOptions {
  int threads = 1;
  int jobs = 1;
  std::string out_dir;
  Progress::Mode mode = Progress::Mode::log;
  std::string log_json;  // --log-json: JSON Lines file (json_log.hpp), "" = none
  ArchiveEncoding archive = ArchiveEncoding::binary;  // --archive
  // --resume: a run with a checkpoint in out_dir continues from it; a run
  // whose result is already there (same experiment text and seed) is kept.
  bool resume = false;
  // Set by SIGINT/SIGTERM: runs under way checkpoint after their epoch and
  // stop, runs not started are left; null: not interruptible.
  const std::atomic<bool>* stop = nullptr;
};

/// `run --dry-run`: one line per planned run (its name, with any swept values, and where it is defined) and
/// the planning failures; returns the exit code (0, or the first failure's).
int print_dry_run(const Batch& batch, std::ostream& out);

/// Runs every planned experiment (up to `jobs` at once), writes each result
/// archive into out_dir and removes the run's checkpoint once its result is
/// written; progress and the JSON log as options say. An interrupted run's
/// failure has ExitCode::interrupted; a run never started has neither a
/// result nor a failure.
void execute_batch(Batch& batch, const PluginRegistry& registry, const BatchOptions& options);
}  // namespace neurite::cli
