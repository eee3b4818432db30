// Shared shape of the 2-D generators: features x1, x2; classes "0" and "1".
#include "data/sources.hpp"

namespace neurite::data {
Dataset two_class_plane(std::size_t samples) {
  Dataset data;
  data.features.resize(static_cast<Index>(samples), 2);
  data.labels.resize(samples);
  data.num_classes = 2;
  data.feature_names = {"x1", "x2"};
  data.class_names = {"0", "1"};
  return data;
}
}  // namespace neurite::data
