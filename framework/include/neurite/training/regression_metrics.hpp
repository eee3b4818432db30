// Regression scores from per-output sums, so that the trainer can add them up
// shard by shard and batch by batch without keeping predictions. The scores
// are scikit-learn's with multioutput='uniform_average' (run_result.hpp):
//   rmse = (1/m) sum_j sqrt(SS_res_j / n)
//   r2   = (1/m) sum_j (1 - SS_res_j / SS_tot_j), where a column with
//          SS_tot_j == 0 scores 1 if SS_res_j == 0 and 0 otherwise (force_finite)
// with SS_res_j = sum_i (y_ij - p_ij)^2 and SS_tot_j = sum_i (y_ij - mean_j)^2.
#pragma once
#include <neurite/plugin/tensor.hpp>

#include <span>

namespace neurite {
struct RegressionScores {
  double rmse = 0.0;
  double r2 = 0.0;
};

/// requires: squared_error.size() == total_squares.size() >= 1, samples > 0.
RegressionScores regression_scores(std::span<const double> squared_error,
                                   std::span<const double> total_squares, Index samples);

/// Adds sum_i (pred_ij - target_ij)^2 to squared_error[j] for every column j
/// (accumulated in double). requires: same shapes, squared_error.size() == cols.
void add_squared_error(ConstMatrixRef pred, ConstMatrixRef target, std::span<double> squared_error);

/// Assigns SS_tot_j = sum_i (target_ij - mean_j)^2 (two passes, in double).
/// requires: total_squares.size() == target.cols(). Allocates nothing.
void total_squares(ConstMatrixRef target, std::span<double> total_squares);
}  // namespace neurite
