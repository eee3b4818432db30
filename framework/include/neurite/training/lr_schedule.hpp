// The learning rate per epoch, as torch.optim.lr_scheduler computes it when
// its step() is called once at the end of every epoch (epochs counted from 0
// here as there). Closed forms for step, multistep, exponential and cosine;
// reduce_on_plateau follows ReduceLROnPlateau (mode "min") on the monitored
// metric. A linear warm-up (LinearLR from warmup_start_factor to 1 over
// warmup_epochs) may run first; the schedule then starts at its own epoch 0
// (SequentialLR).
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/training/checkpoint.hpp>

namespace neurite {
class LearningRateSchedule {
 public:
  LearningRateSchedule(const LrScheduleSpec& spec, double base_rate);

  /// The rate to train epoch `epoch` (0-based) with.
  double rate(int epoch) const;

  /// Feeds the metrics of epoch `epoch` once it has run (reduce_on_plateau
  /// lowers its rate here; the other schedules ignore it).
  void end_epoch(int epoch, const EpochMetrics& metrics);

  /// reduce_on_plateau's memory, for checkpoints (the other schedules have none).
  PlateauState plateau_state() const { return {plateau_rate_, best_, bad_epochs_, cooldown_left_}; }
  void set_plateau_state(const PlateauState& state) {
    plateau_rate_ = state.rate;
    best_ = state.best;
    bad_epochs_ = state.bad_epochs;
    cooldown_left_ = state.cooldown_left;
  }

 private:
  double scheduled(int epoch) const;  // the schedule without warm-up

  LrScheduleSpec spec_;
  double base_;
  // reduce_on_plateau's state
  double plateau_rate_;
  double best_;
  int bad_epochs_ = 0;
  int cooldown_left_ = 0;
};
}  // namespace neurite
