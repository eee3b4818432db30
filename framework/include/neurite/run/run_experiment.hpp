// Running one experiment end to end: data, model, training, result. The one
// place that connects the stages; each stage knows only its inputs.
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/training/checkpoint.hpp>
#include <neurite/training/trainer.hpp>

#include <atomic>
#include <functional>
#include <string>

namespace neurite {
struct RunOptions {
  int threads = 1;         // recorded in the result; the caller limits TBB
  EpochObserver observer;  // progress display
  // Continue this checkpoint's run; `resume_source` names it in errors.
  const TrainingCheckpoint* resume = nullptr;
  std::string resume_source{};
  // Writes a checkpoint (training.checkpoint_every / checkpoint_seconds, or
  // on `stop`); absent: no checkpoints.
  std::function<void(const TrainingCheckpoint&)> save_checkpoint{};
  const std::atomic<bool>* stop = nullptr;  // set: checkpoint after this epoch and stop
};

/// Errors in setting up (data, unknown plugin, bad parameters) are thrown as
/// neurite::Error; a run that diverges or whose plugin throws during training
/// returns a RunResult with status diverged/failed and the reason. Resuming
/// a checkpoint of another run (name, seed or experiment text differ) is
/// Error(usage) naming the checkpoint and the first line that differs; a run
/// stopped through options.stop throws Error(interrupted) once checkpointed.
RunResult run_experiment(const ExperimentSpec& spec, const PluginRegistry& registry,
                         const RunOptions& options);
}  // namespace neurite
