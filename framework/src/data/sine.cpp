// sine: a regression set with continuous targets (Dataset::is_regression()).
//   x_j ~ U(-pi, pi) for j = 1..d (d = `features`)
//   y   = sum_j sin(x_j) + N(0, noise^2)          (one target column)
// With d = 1 this is the classic noisy sine curve. Draws go row by row: the
// features of a row, then its noise.
#include "data/sources.hpp"

#include <cmath>
#include <numbers>
#include <string>

namespace neurite::data {
Dataset make_sine(std::size_t samples, std::size_t features, double noise, Rng& rng) {
  Dataset data;
  const auto rows = static_cast<Index>(samples), cols = static_cast<Index>(features);
  data.features.resize(rows, cols);
  data.targets.resize(rows, 1);
  data.num_classes = 0;
  for (std::size_t j = 0; j < features; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  for (Index i = 0; i < rows; ++i) {
    double y = 0.0;
    for (Index j = 0; j < cols; ++j) {
      const double x = rng.uniform(-std::numbers::pi, std::numbers::pi);
      data.features(i, j) = static_cast<float>(x);
      y += std::sin(x);
    }
    data.targets(i, 0) = static_cast<float>(y + noise * rng.normal());
  }
  return data;
}
}  // namespace neurite::data
