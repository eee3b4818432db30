// RMSE and R^2 from per-output sums (neurite/training/regression_metrics.hpp).
#include <neurite/training/regression_metrics.hpp>

#include <cmath>

namespace neurite {
RegressionScores regression_scores(std::span<const double> squared_error,
                                   std::span<const double> total_squares, Index samples) {
  RegressionScores scores;
  const auto outputs = static_cast<double>(squared_error.size());
  const auto n = static_cast<double>(samples);
  for (std::size_t j = 0; j < squared_error.size(); ++j) {
    const double res = squared_error[j], tot = total_squares[j];
    scores.rmse += std::sqrt(res / n);
    if (tot != 0.0) scores.r2 += 1.0 - res / tot;
    else scores.r2 += res == 0.0 ? 1.0 : 0.0;
  }
  scores.rmse /= outputs;
  scores.r2 /= outputs;
  return scores;
}

void add_squared_error(ConstMatrixRef pred, ConstMatrixRef target, std::span<double> squared_error) {
  for (Index r = 0; r < pred.rows(); ++r)
    for (Index c = 0; c < pred.cols(); ++c) {
      const double d = static_cast<double>(pred(r, c)) - static_cast<double>(target(r, c));
      squared_error[static_cast<std::size_t>(c)] += d * d;
    }
}

void total_squares(ConstMatrixRef target, std::span<double> total_squares) {
  const Index n = target.rows();
  for (Index c = 0; c < target.cols(); ++c) {
    double mean = 0.0;
    for (Index r = 0; r < n; ++r) mean += target(r, c);
    mean /= static_cast<double>(n > 0 ? n : 1);
    double sum = 0.0;
    for (Index r = 0; r < n; ++r) {
      const double d = target(r, c) - mean;
      sum += d * d;
    }
    total_squares[static_cast<std::size_t>(c)] = sum;
  }
}
}  // namespace neurite
