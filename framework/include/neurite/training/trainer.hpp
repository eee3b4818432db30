// The trainer: shuffled mini-batches, each split into fixed-size shards that
// run forward/backward concurrently (TBB) with their own workspaces; shard
// gradients are summed in shard order, so results are bitwise identical for
// any number of threads. Knows nothing of YAML: it gets a resolved
// TrainingSpec, an assembled network, a loss and an optimizer.
#pragma once
#include <neurite/data/dataset.hpp>
#include <neurite/experiment_spec.hpp>
#include <neurite/network/network.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/rng.hpp>
#include <neurite/training/checkpoint.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace neurite {
/// Called after every epoch (for progress display); `total_epochs` is the plan.
using EpochObserver = std::function<void(const EpochMetrics&, int total_epochs)>;

struct TrainingOutcome {
  RunStatus status = RunStatus::ok;
  std::string error;  // set when status != ok
  std::vector<EpochMetrics> history;
  double wall_seconds = 0.0;
  SplitMetrics train, validation, test;  // final, evaluation mode
  std::string stop_reason;  // ok runs: completed | early_stopping | time_limit
  int restored_epoch = 0;   // restore_best_weights: the epoch put back; 0 = none
  // CheckpointHooks::stop was set: training ended after an epoch with a
  // checkpoint saved; no final evaluation (status ok, stop_reason empty).
  bool interrupted = false;
};

/// Rows per shard when training.shard_rows is auto: the mini-batch cut into
/// equal shards of at least 64 MFLOP and 64 rows each; the whole batch when
/// the network has more than 4 MiB of parameters or a layer needs the whole
/// batch (batch statistics). Depends on the network and batch size only,
/// never on the thread count, so results do not either.
Index auto_shard_rows(Network& network, Index batch);

/// How the trainer cuts each mini-batch: `shards` shards of `rows` rows (the
/// last one shorter when `rows` does not divide the batch).
struct ShardPlan {
  Index batch = 1, rows = 1, shards = 1;
};

/// The shard plan for `spec`: training.shard_rows (capped at the batch), or
/// auto_shard_rows() when it is auto. Error(usage) at training.shard_rows when
/// an explicit value would split a layer that needs the whole batch.
ShardPlan plan_shards(Network& network, const TrainingSpec& spec);

class Trainer {
 public:
  /// requires: network is built for `data`'s feature count; loss and
  /// optimizer outlive the trainer. `rng` seeds shuffling and dropout.
  Trainer(Network& network, const Loss& loss, Optimizer& optimizer, const TrainingSpec& spec,
          const Rng& rng);
  ~Trainer();

  /// One pass over `train` in mini-batches; returns loss and accuracy (or, for
  /// a regression set, RMSE and R^2 with accuracy NaN) over the epoch
  /// (training mode). Validation fields are left for the caller.
  EpochMetrics train_epoch(const Dataset& train, int epoch);

  /// Loss and accuracy (regression: RMSE and R^2, accuracy NaN) over a whole
  /// data set in evaluation mode.
  SplitMetrics evaluate(const Dataset& data);

  /// Runs all epochs (early stopping, divergence), then evaluates each split.
  /// With hooks.resume it continues that checkpoint's run: requires the same
  /// experiment (network, optimizer, spec, seed) and data; Error(data)
  /// prefixed with `hooks_source` when the checkpoint does not fit the network
  /// or optimizer. The outcome's history and time include the resumed part.
  TrainingOutcome fit(const PreparedData& data, const EpochObserver& observer = {},
                      const CheckpointHooks& hooks = {}, const std::string& hooks_source = "checkpoint");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
}  // namespace neurite
