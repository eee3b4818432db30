// moons: scikit-learn's make_moons. With n_out = n / 2 and n_in = n - n_out,
//   outer (label 0): (cos t, sin t),             t = linspace(0, pi, n_out)
//   inner (label 1): (1 - cos t, 1 - sin t - .5), t = linspace(0, pi, n_in)
// plus Gaussian noise of stddev `noise` on every coordinate, drawn row by row.
// Rows are outer then inner; prepare_data() shuffles.
#include "data/sources.hpp"

#include <cmath>
#include <numbers>

namespace neurite::data {
namespace {
// numpy.linspace(0, stop, n) with the endpoint included.
double linspace(double stop, std::size_t n, std::size_t i) {
  return n > 1 ? stop * static_cast<double>(i) / static_cast<double>(n - 1) : 0.0;
}
}  // namespace

Dataset make_moons(std::size_t samples, double noise, Rng& rng) {
  Dataset data = two_class_plane(samples);
  const std::size_t n_out = samples / 2, n_in = samples - n_out;
  for (std::size_t i = 0; i < samples; ++i) {
    const bool outer = i < n_out;
    const double t = outer ? linspace(std::numbers::pi, n_out, i)
                           : linspace(std::numbers::pi, n_in, i - n_out);
    const double x = outer ? std::cos(t) : 1.0 - std::cos(t);
    const double y = outer ? std::sin(t) : 1.0 - std::sin(t) - 0.5;
    const auto row = static_cast<Index>(i);
    data.features(row, 0) = static_cast<float>(x + noise * rng.normal());
    data.features(row, 1) = static_cast<float>(y + noise * rng.normal());
    data.labels[i] = outer ? 0 : 1;
  }
  return data;
}
}  // namespace neurite::data
