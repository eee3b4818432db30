// Learning-rate schedules (neurite/training/lr_schedule.hpp). Formulas from
// the torch.optim.lr_scheduler 1.13 documentation:
//   step         base * gamma^floor(e / step_size)
//   multistep    base * gamma^(number of milestones <= e)
//   exponential  base * gamma^e
//   cosine       eta_min + (base - eta_min) * (1 + cos(pi * e / t_max)) / 2
//   warm-up      base * (f + (1 - f) * min(e, W) / W)     (LinearLR, end_factor 1)
#include <neurite/training/lr_schedule.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace neurite {
LearningRateSchedule::LearningRateSchedule(const LrScheduleSpec& spec, double base_rate)
    : spec_(spec), base_(base_rate), plateau_rate_(base_rate), best_(std::numeric_limits<double>::infinity()) {}

double LearningRateSchedule::scheduled(int e) const {
  const std::string& name = spec_.name;
  if (name == "step") return base_ * std::pow(spec_.gamma, e / spec_.step_size);
  if (name == "multistep") {
    const auto passed = std::count_if(spec_.milestones.begin(), spec_.milestones.end(), [&](int m) { return m <= e; });
    return base_ * std::pow(spec_.gamma, static_cast<double>(passed));
  }
  if (name == "exponential") return base_ * std::pow(spec_.gamma, e);
  if (name == "cosine")
    return spec_.eta_min +
           (base_ - spec_.eta_min) * (1.0 + std::cos(std::numbers::pi * e / spec_.t_max)) / 2.0;
  if (name == "reduce_on_plateau") return plateau_rate_;
  return base_;  // constant
}

double LearningRateSchedule::rate(int epoch) const {
  const int warmup = spec_.warmup_epochs;
  if (warmup > 0 && epoch < warmup) {
    const double f = spec_.warmup_start_factor;
    return scheduled(0) * (f + (1.0 - f) * epoch / warmup);
  }
  return scheduled(epoch - warmup);
}

void LearningRateSchedule::end_epoch(int epoch, const EpochMetrics& m) {
  if (spec_.name != "reduce_on_plateau" || epoch < spec_.warmup_epochs) return;
  // ReduceLROnPlateau.step: mode "max" for accuracy, "min" for losses.
  const bool maximise = spec_.monitor == "validation_accuracy";
  double value = m.validation_loss;
  if (spec_.monitor == "train_loss") value = m.train_loss;
  if (maximise) value = m.validation_accuracy;
  if (std::isnan(value)) return;  // e.g. no validation split: nothing to judge by
  const bool relative = spec_.threshold_mode == "rel";
  bool better;
  if (std::isinf(best_)) better = true;
  else if (maximise) better = relative ? value > best_ * (1.0 + spec_.threshold) : value > best_ + spec_.threshold;
  else better = relative ? value < best_ * (1.0 - spec_.threshold) : value < best_ - spec_.threshold;
  if (better) {
    best_ = value;
    bad_epochs_ = 0;
  } else {
    ++bad_epochs_;
  }
  if (cooldown_left_ > 0) {
    --cooldown_left_;
    bad_epochs_ = 0;
  }
  if (bad_epochs_ > spec_.patience) {
    const double lowered = std::max(plateau_rate_ * spec_.factor, spec_.min_lr);
    if (plateau_rate_ - lowered > 1e-8) plateau_rate_ = lowered;  // PyTorch's eps
    cooldown_left_ = spec_.cooldown;
    bad_epochs_ = 0;
  }
}
}  // namespace neurite
