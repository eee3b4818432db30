// Standardisation x' = (x - mean) / stddev, fitted on the training split only.
#include "data/standardize.hpp"

#include <algorithm>
#include <cmath>

namespace neurite {
void Standardizer::apply(Matrix& x) const {
  if (x.rows() == 0) return;
  x.rowwise() -= mean;
  x.array().rowwise() /= stddev.array();
}

namespace data {
Standardizer fit_standardizer(const Matrix& x) {
  const Index rows = x.rows(), cols = x.cols();
  Standardizer s;
  s.mean.resize(cols);
  s.stddev.resize(cols);
  for (Index c = 0; c < cols; ++c) {
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
    s.mean[c] = static_cast<float>(mean);
    s.stddev[c] = constant ? 1.0f : static_cast<float>(stddev);
  }
  return s;
}
}  // namespace data
}  // namespace neurite
