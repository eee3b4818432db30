// Data sets in memory: features as a row-major float matrix, integer class
// labels. Generators and loaders produce a Dataset; prepare_data() splits it
// (seeded) and scales with statistics of the training split only.
#pragma once
#include <neurite/data/preprocessing.hpp>
#include <neurite/experiment_spec.hpp>
#include <neurite/plugin/tensor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace neurite {
/// A classification set has num_classes >= 1, one label per sample and no
/// targets; a regression set (is_regression()) has num_classes == 0, no labels
/// and no class names, and continuous `targets`, never scaled.
struct Dataset {
  Matrix features;                       // samples x features
  std::vector<int> labels;               // class index per sample, 0..num_classes-1
  int num_classes = 0;
  Matrix targets;                        // regression: samples x outputs; else empty
  std::vector<std::string> feature_names;
  std::vector<std::string> class_names;  // class index -> label as written
  Index samples() const { return features.rows(); }
  bool is_regression() const { return num_classes == 0; }
};

struct PreparedData {
  Dataset train, validation, test;
  // Fitted on the training split, applied to all three: scaling for every
  // source; column encoding and imputation too for CSV (preprocessing.hpp).
  Preprocessing preprocessing;
};

/// Generates (xor, moons, circles) or loads (csv) the data of `spec`.
/// Random draws derive from `seed`. Errors: Error(ExitCode::data | usage, ...)
/// naming the file and, for CSV problems, line and column.
Dataset make_dataset(const DataSpec& spec, std::uint64_t seed);

/// Shuffles (seeded) and splits by spec.split ratios (stratified if
/// spec.stratify; CSV: or takes spec.validation_path / test_path as the
/// splits), then fits spec.scale (CSV: and imputation, one-hot encoding) on the
/// training split and applies it to all three. With spec.folds != 0, returns
/// prepare_fold(spec, seed, spec.folds, spec.fold).
PreparedData prepare_data(const DataSpec& spec, std::uint64_t seed);

/// k-fold cross-validation, fold `fold` of `folds` (>= 2): a test share of
/// spec.split.test (or the CSV test_path file) is held out first, the same for
/// every fold; the remaining rows are dealt to the folds (stratified if
/// spec.stratify); fold `fold` is the validation set, the others train.
/// Preprocessing as prepare_data(). Errors: Error(usage) at spec.where.
PreparedData prepare_fold(const DataSpec& spec, std::uint64_t seed, std::size_t folds, std::size_t fold);
}  // namespace neurite
