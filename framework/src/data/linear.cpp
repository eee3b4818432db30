// linear: two linearly separable classes on either side of a random
// hyperplane through the origin, with an empty band of width `margin` between.
//   w ~ uniform direction on the unit sphere in d = `features` dimensions
//       (d normal draws, normalised; drawn first)
//   per row: u ~ U(-1, 1)^d, s = w . u; the row's class c decides the side:
//       u is reflected through the origin (u <- -u, s <- -s) when it lies on
//       the other one (class 1: s >= 0, class 0: s < 0; U(-1, 1)^d is
//       symmetric, so the reflected point is still uniform on its half), then
//       x = u + (margin / 2) * sign * w with sign = +1 for class 1, -1 for class 0,
//   so that w . x >= margin / 2 for class 1 and w . x <= -margin / 2 for class 0.
// Class 0 holds the first ceil(n / 2) rows, class 1 the rest; prepare_data() shuffles.
#include "data/sources.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace neurite::data {
Dataset make_linear(std::size_t samples, std::size_t features, double margin, Rng& rng) {
  Dataset data;
  const auto cols = static_cast<Index>(features);
  data.features.resize(static_cast<Index>(samples), cols);
  data.labels.resize(samples);
  data.num_classes = 2;
  for (std::size_t j = 0; j < features; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  data.class_names = {"0", "1"};

  std::vector<double> w(features);
  double norm = 0.0;
  while (norm == 0.0) {  // all-zero draws: probability 0, but never divide by it
    norm = 0.0;
    for (double& v : w) v = rng.normal(), norm += v * v;
    norm = std::sqrt(norm);
  }
  for (double& v : w) v /= norm;

  std::vector<double> u(features);
  const std::size_t n_zero = samples - samples / 2;
  for (std::size_t i = 0; i < samples; ++i) {
    const int label = i < n_zero ? 0 : 1;
    double s = 0.0;
    for (std::size_t j = 0; j < features; ++j) {
      u[j] = rng.uniform(-1.0, 1.0);
      s += w[j] * u[j];
    }
    const double flip = (label == 1) == (s >= 0.0) ? 1.0 : -1.0;
    const double push = (label == 1 ? 0.5 : -0.5) * margin;
    for (std::size_t j = 0; j < features; ++j)
      data.features(static_cast<Index>(i), static_cast<Index>(j)) = static_cast<float>(flip * u[j] + push * w[j]);
    data.labels[i] = label;
  }
  return data;
}
}  // namespace neurite::data
