// fit_scaling() and apply_scaling(): standard and minmax feature scaling
// (formulas in scaling.hpp).
#include "data/scaling.hpp"

#include <algorithm>
#include <cmath>

namespace neurite::data {
namespace {
// Mean and population stddev accumulated in double, returned as floats.
void standard(const Matrix& x, Index c, float& shift, float& divisor) {
  const Index rows = x.rows();
  double sum = 0, max_abs = 0;
  for (Index r = 0; r < rows; ++r) {
    sum += x(r, c);
    max_abs = std::max(max_abs, std::abs(static_cast<double>(x(r, c))));
  }
  const double mean = sum / static_cast<double>(rows);
  double squares = 0;
  for (Index r = 0; r < rows; ++r) squares += (x(r, c) - mean) * (x(r, c) - mean);
  const double stddev = std::sqrt(squares / static_cast<double>(rows));
  // A constant float column can show a spread of a few ulps around its mean;
  // below ~10 float epsilons of the column's magnitude it is rounding, not data.
  const bool constant = !(stddev > 1e-6 * max_abs);
  shift = static_cast<float>(mean);
  divisor = constant ? 1.0f : static_cast<float>(stddev);
}

void minmax(const Matrix& x, Index c, float& shift, float& divisor) {
  const float lo = x.col(c).minCoeff(), hi = x.col(c).maxCoeff();
  const float range = hi - lo;  // in float, so that (hi - lo) / range is exactly 1
  shift = lo;
  divisor = range > 0.0f ? range : 1.0f;
}
}  // namespace

void fit_scaling(const Matrix& x, const std::vector<bool>& scaled, Preprocessing& p) {
  p.shift.clear();
  p.divisor.clear();
  if (p.scale == "none") return;
  for (Index c = 0; c < x.cols(); ++c) {
    float shift = 0.0f, divisor = 1.0f;
    if (scaled[static_cast<std::size_t>(c)]) (p.scale == "minmax" ? minmax : standard)(x, c, shift, divisor);
    p.shift.push_back(shift);
    p.divisor.push_back(divisor);
  }
}

void apply_scaling(const Preprocessing& p, Matrix& x) {
  if (p.shift.empty() || x.rows() == 0) return;
  const RowVector shift = Eigen::Map<const Eigen::RowVectorXd>(p.shift.data(), x.cols()).cast<float>();
  const RowVector divisor = Eigen::Map<const Eigen::RowVectorXd>(p.divisor.data(), x.cols()).cast<float>();
  x.rowwise() -= shift;
  x.array().rowwise() /= divisor.array();
}
}  // namespace neurite::data
