// Running one experiment end to end: data, model, training, result. The one
// place that connects the stages; each stage knows only its inputs.
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/training/trainer.hpp>

namespace neurite {
struct RunOptions {
  int threads = 1;         // recorded in the result; the caller limits TBB
  EpochObserver observer;  // progress display
};

/// Errors in setting up (data, unknown plugin, bad parameters) are thrown as
/// neurite::Error; a run that diverges or whose plugin throws during training
/// returns a RunResult with status diverged/failed and the reason.
RunResult run_experiment(const ExperimentSpec& spec, const PluginRegistry& registry,
                         const RunOptions& options);
}  // namespace neurite
