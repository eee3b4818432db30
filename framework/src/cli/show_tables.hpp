// The tables of `neurite show`: a result's final metrics per split and its
// per-epoch history, as cells::Table so that text and JSON come from one
// definition. Classification runs show accuracy, regression runs RMSE and R^2.
#pragma once
#include <neurite/results/run_result.hpp>

#include "results/table.hpp"

namespace neurite::cli {
/// One row per split (train, validation, test); an empty split's scores are "-".
cells::Table metrics_table(const RunResult& result);

/// One row per epoch: losses, scores, learning rate and seconds.
cells::Table history_table(const RunResult& result);
}  // namespace neurite::cli
