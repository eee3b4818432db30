// Which metrics early stopping and reduce_on_plateau may watch for a data set:
// accuracy means nothing for a regression set (continuous targets), so
// monitoring it is the experiment's mistake, reported before training starts.
#pragma once
#include <neurite/data/dataset.hpp>
#include <neurite/experiment_spec.hpp>

namespace neurite {
/// Throws Error(usage) at training.early_stopping (or training.lr_schedule)
/// when an enabled monitor is validation_accuracy and `train` is a regression set.
void check_monitors(const ExperimentSpec& spec, const Dataset& train);

/// As above, and also Error(usage) when an enabled monitor watches a
/// validation metric but the validation split is empty (it would never
/// improve, and early stopping would end the run after `patience` epochs).
void check_monitors(const ExperimentSpec& spec, const PreparedData& data);
}  // namespace neurite
