// spirals: k interleaved arms, the classic two-/three-armed spiral of CS231n
// ("Putting it together: minimal neural network case study"). Class j holds
// n_j points (n / k each, the remainder to the first classes), i = 0..n_j-1:
//   t     = linspace(0, 1, n_j)[i]               (numpy linspace, endpoint included)
//   r     = t
//   theta = 2 pi j / k + 4 t + N(0, noise^2)     (radians)
//   x     = (r sin theta, r cos theta)
// Every arm turns through 4 radians from the centre; the arms start evenly
// spaced round the circle (CS231n offsets arm j by 4 j radians, which spaces
// them evenly only by chance). CS231n's noise is 0.2. One normal draw per row;
// rows are class 0, then 1, ...; prepare_data() shuffles.
#include "data/sources.hpp"

#include <cmath>
#include <numbers>
#include <string>

namespace neurite::data {
Dataset make_spirals(std::size_t samples, int classes, double noise, Rng& rng) {
  Dataset data;
  data.features.resize(static_cast<Index>(samples), 2);
  data.labels.resize(samples);
  data.num_classes = classes;
  data.feature_names = {"x1", "x2"};
  for (int k = 0; k < classes; ++k) data.class_names.push_back(std::to_string(k));
  const auto k = static_cast<std::size_t>(classes);
  std::size_t row = 0;
  for (std::size_t j = 0; j < k; ++j) {
    const std::size_t n = samples / k + (j < samples % k ? 1 : 0);
    const double offset = 2.0 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(k);
    for (std::size_t i = 0; i < n; ++i, ++row) {
      const double t = n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0;
      const double theta = offset + 4.0 * t + noise * rng.normal();
      data.features(static_cast<Index>(row), 0) = static_cast<float>(t * std::sin(theta));
      data.features(static_cast<Index>(row), 1) = static_cast<float>(t * std::cos(theta));
      data.labels[row] = static_cast<int>(j);
    }
  }
  return data;
}
}  // namespace neurite::data
