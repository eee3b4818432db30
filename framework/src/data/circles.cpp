// circles: scikit-learn's make_circles. With n_out = n / 2 and n_in = n - n_out,
//   outer (label 0): (cos t, sin t),                   t = linspace(0, 2 pi, n_out, endpoint=False)
//   inner (label 1): factor * (cos t, sin t),          t = linspace(0, 2 pi, n_in, endpoint=False)
// plus Gaussian noise of stddev `noise` on every coordinate, drawn row by row.
// Rows are outer then inner; prepare_data() shuffles.
#include "data/sources.hpp"

#include <cmath>
#include <numbers>

namespace neurite::data {
Dataset make_circles(std::size_t samples, double noise, double factor, Rng& rng) {
  Dataset data = two_class_plane(samples);
  const std::size_t n_out = samples / 2, n_in = samples - n_out;
  for (std::size_t i = 0; i < samples; ++i) {
    const bool outer = i < n_out;
    const std::size_t k = outer ? i : i - n_out, n = outer ? n_out : n_in;
    const double t = 2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n);
    const double radius = outer ? 1.0 : factor;
    const auto row = static_cast<Index>(i);
    data.features(row, 0) = static_cast<float>(radius * std::cos(t) + noise * rng.normal());
    data.features(row, 1) = static_cast<float>(radius * std::sin(t) + noise * rng.normal());
    data.labels[i] = outer ? 0 : 1;
  }
  return data;
}
}  // namespace neurite::data
