// A training run's complete state between two epochs: resuming from it
// gives bitwise the same final weights as never stopping. Besides parameters
// and optimizer moments that means every stream of randomness (the shuffle
// generator's state; dropout draws from the step count), the learning-rate
// schedule's memory, early stopping's best value and best weights, the
// history and the time already spent.
#pragma once
#include <neurite/results/run_result.hpp>
#include <neurite/rng.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace neurite {
/// ReduceLROnPlateau's memory (the closed-form schedules need none).
struct PlateauState {
  double rate = 0.0;
  double best = std::numeric_limits<double>::infinity();
  int bad_epochs = 0;
  int cooldown_left = 0;
};

struct TrainingCheckpoint {
  // Which run it belongs to: resuming refuses another experiment's checkpoint.
  std::string run_name;
  std::string yaml_text;  // RunResult::yaml_text of the run
  std::uint64_t seed = 0;
  std::string neurite_version;

  int epochs_done = 0;  // the next epoch to train is epochs_done + 1
  std::vector<EpochMetrics> history;
  double wall_seconds = 0.0;  // training time spent so far (time_limit counts it)
  double cpu_seconds = 0.0;

  std::vector<StoredParameter> parameters;       // the network, as RunResult stores it
  std::vector<StoredParameter> optimizer_state;  // Optimizer::state()
  Rng::State shuffle_rng{};
  std::uint64_t step_count = 0;  // dropout's streams derive from it
  PlateauState plateau;

  // Early stopping: the best monitored value so far (lower is better), epochs
  // since it improved, and with restore_best_weights the best epoch's weights.
  double best_monitored = std::numeric_limits<double>::infinity();
  int epochs_without_improvement = 0;
  int best_epoch = 0;
  std::vector<StoredParameter> best_parameters;
};

/// How Trainer::fit saves and resumes. All optional: without `save` no
/// checkpoint is written; without `stop` training cannot be interrupted.
struct CheckpointHooks {
  const TrainingCheckpoint* resume = nullptr;  // continue from this state
  // Writes a checkpoint taken after an epoch (training.checkpoint_every /
  // checkpoint_seconds, or an interruption). The trainer fills the training
  // state; the caller adds what identifies the run.
  std::function<void(TrainingCheckpoint&)> save;
  // Set (e.g. by a SIGINT handler): fit() saves a checkpoint at the end of the
  // current epoch and returns with TrainingOutcome::interrupted.
  const std::atomic<bool>* stop = nullptr;
};
}  // namespace neurite
