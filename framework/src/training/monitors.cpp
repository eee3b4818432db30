// check_monitors() (neurite/training/monitors.hpp).
#include <neurite/errors.hpp>
#include <neurite/training/monitors.hpp>

#include <string>

namespace neurite {
namespace {
void refuse_accuracy(const ExperimentSpec& spec, const std::string& key, const SourceLocation& at) {
  const SourceLocation& where = at.file.empty() ? spec.where : at;
  throw Error(ExitCode::usage, where,
              key + " is validation_accuracy, but the data (source: " + spec.data.source +
                  ") is a regression set with continuous targets and no accuracy; "
                  "monitor validation_loss or train_loss");
}
void refuse_empty_validation(const ExperimentSpec& spec, const std::string& key, const std::string& monitor,
                             const SourceLocation& at) {
  const SourceLocation& where = at.file.empty() ? spec.where : at;
  throw Error(ExitCode::usage, where,
              key + " is " + monitor + ", but the validation split is empty; give data.split a validation "
                    "share (or data.validation_path, or data.folds), or monitor train_loss");
}
}  // namespace

void check_monitors(const ExperimentSpec& spec, const PreparedData& data) {
  check_monitors(spec, data.train);
  if (data.validation.samples() > 0) return;
  const TrainingSpec& t = spec.training;
  const auto watches_validation = [](const std::string& monitor) { return monitor.rfind("validation_", 0) == 0; };
  if (t.early_stopping.enabled && watches_validation(t.early_stopping.monitor))
    refuse_empty_validation(spec, "training.early_stopping.monitor", t.early_stopping.monitor, t.early_stopping.where);
  if (t.lr_schedule.name == "reduce_on_plateau" && watches_validation(t.lr_schedule.monitor))
    refuse_empty_validation(spec, "training.lr_schedule.monitor", t.lr_schedule.monitor, t.lr_schedule.where);
}

void check_monitors(const ExperimentSpec& spec, const Dataset& train) {
  if (!train.is_regression()) return;
  const TrainingSpec& t = spec.training;
  if (t.early_stopping.enabled && t.early_stopping.monitor == "validation_accuracy")
    refuse_accuracy(spec, "training.early_stopping.monitor", t.early_stopping.where);
  if (t.lr_schedule.name == "reduce_on_plateau" && t.lr_schedule.monitor == "validation_accuracy")
    refuse_accuracy(spec, "training.lr_schedule.monitor", t.lr_schedule.where);
}
}  // namespace neurite
