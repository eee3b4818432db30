// blobs: scikit-learn's make_blobs with its default center_box (-10, 10).
//   centre c_k ~ U(-10, 10)^d for k = 0..classes-1   (drawn first, centre by centre)
//   a sample of class k ~ N(c_k, cluster_std^2 I_d)  (drawn row by row)
// Class k holds n / classes samples, the first n % classes classes one more
// (as sklearn). Rows are class 0, then 1, ...; prepare_data() shuffles.
#include "data/sources.hpp"

#include <string>
#include <vector>

namespace neurite::data {
Dataset make_blobs(std::size_t samples, std::size_t features, int classes, double cluster_std, Rng& rng) {
  constexpr double kBoxLow = -10.0, kBoxHigh = 10.0;  // sklearn's center_box default
  Dataset data;
  const auto cols = static_cast<Index>(features);
  data.features.resize(static_cast<Index>(samples), cols);
  data.labels.resize(samples);
  data.num_classes = classes;
  for (std::size_t j = 0; j < features; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  for (int k = 0; k < classes; ++k) data.class_names.push_back(std::to_string(k));

  const auto k_count = static_cast<std::size_t>(classes);
  std::vector<double> centres(k_count * features);
  for (double& c : centres) c = rng.uniform(kBoxLow, kBoxHigh);
  std::size_t row = 0;
  for (std::size_t k = 0; k < k_count; ++k) {
    const std::size_t n = samples / k_count + (k < samples % k_count ? 1 : 0);
    for (std::size_t i = 0; i < n; ++i, ++row) {
      for (std::size_t j = 0; j < features; ++j)
        data.features(static_cast<Index>(row), static_cast<Index>(j)) =
            static_cast<float>(centres[k * features + j] + cluster_std * rng.normal());
      data.labels[row] = static_cast<int>(k);
    }
  }
  return data;
}
}  // namespace neurite::data
