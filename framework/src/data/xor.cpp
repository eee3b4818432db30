// xor: sample i sits at corner i mod 4 of (0,0), (0,1), (1,0), (1,1) with label
// a XOR b, plus Gaussian noise of stddev `noise` on both coordinates. With 4
// samples and noise 0 this is exactly the truth table.
#include "data/sources.hpp"

namespace neurite::data {
Dataset make_xor(std::size_t samples, double noise, Rng& rng) {
  Dataset data = two_class_plane(samples);
  for (std::size_t i = 0; i < samples; ++i) {
    const int a = static_cast<int>((i >> 1) & 1), b = static_cast<int>(i & 1);
    const auto row = static_cast<Index>(i);
    data.features(row, 0) = static_cast<float>(a + noise * rng.normal());
    data.features(row, 1) = static_cast<float>(b + noise * rng.normal());
    data.labels[i] = a ^ b;
  }
  return data;
}
}  // namespace neurite::data
