// Data sets in memory: features as a row-major float matrix, integer class
// labels. Generators and loaders produce a Dataset; prepare_data() splits it
// (seeded) and standardises with statistics of the training split only.
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/plugin/tensor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace neurite {
struct Dataset {
  Matrix features;                       // samples x features
  std::vector<int> labels;               // class index per sample, 0..num_classes-1
  int num_classes = 0;
  std::vector<std::string> feature_names;
  std::vector<std::string> class_names;  // class index -> label as written
  Index samples() const { return features.rows(); }
};

/// Per-feature standardisation fitted on the training split. Zero-variance
/// features are centred but not divided (std stored as 1).
struct Standardizer {
  RowVector mean, stddev;
  void apply(Matrix& x) const;
};

struct PreparedData {
  Dataset train, validation, test;
  bool scaled = false;
  Standardizer scaler;
};

/// Generates (xor, moons, circles) or loads (csv) the data of `spec`.
/// Random draws derive from `seed`. Errors: Error(ExitCode::data | usage, ...)
/// naming the file and, for CSV problems, line and column.
Dataset make_dataset(const DataSpec& spec, std::uint64_t seed);

/// Shuffles (seeded) and splits by spec.split ratios, then scales as spec.scale.
PreparedData prepare_data(const DataSpec& spec, std::uint64_t seed);
}  // namespace neurite
