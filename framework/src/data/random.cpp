// random: `samples` rows of `features` features drawn uniform in [0, 1), each
// row with a label drawn uniform over `classes` classes, independent of the
// features: a data set with the shape of a real one (e.g. MNIST's 784 pixels,
// 10 classes) and nothing to learn, for benchmarks and memory tests.
// Draws go row by row: the features of a row, then its label.
#include "data/sources.hpp"

#include <neurite/plugin/large_buffer.hpp>

#include <cstdint>
#include <string>

namespace neurite::data {
Dataset make_random(std::size_t samples, std::size_t features, int classes, Rng& rng) {
  Dataset data;
  const auto rows = static_cast<Index>(samples), cols = static_cast<Index>(features);
  resize_large(data.features, rows, cols);
  data.labels.resize(samples);
  data.num_classes = classes;
  data.feature_names.reserve(features);
  for (std::size_t j = 0; j < features; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  for (int k = 0; k < classes; ++k) data.class_names.push_back(std::to_string(k));
  for (Index i = 0; i < rows; ++i) {
    // 24 random bits: exact in float and never 1.0f (a double below 1 can round up to it).
    for (Index j = 0; j < cols; ++j)
      data.features(i, j) = static_cast<float>(rng.next_u64() >> 40) * 0x1.0p-24f;
    data.labels[static_cast<std::size_t>(i)] = static_cast<int>(rng.below(static_cast<std::uint64_t>(classes)));
  }
  return data;
}
}  // namespace neurite::data
