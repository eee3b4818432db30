// Which rows go to training, validation and test, drawn from
// Rng(seed).derive(kDataSplitStream) (streams.hpp): one Fisher-Yates shuffle
// of all rows, then
//   split_rows  n_train = round(n * train), n_validation = round(n * validation)
//               (capped by what is left), test = the rest, in shuffled order.
//               Stratified: the same rounding per class (n_c * ratio), so the
//               totals can differ from the unstratified ones by up to about
//               half a row per class.
//   fold_rows   a test share round(n * test) (per class when stratified) is
//               held out first, the last rows in shuffled order, the same for
//               every fold; the other rows are dealt to folds 0..k-1 in turn,
//               in shuffled order (stratified: class by class, continuing the
//               count, so every fold holds each class to within one row and
//               folds differ in size by at most one row). Fold i is the
//               validation set, the other k - 1 folds the training set.
// Every list keeps the shuffled order, so classes interleave within a split.
#pragma once
#include <neurite/experiment_spec.hpp>
#include <neurite/plugin/tensor.hpp>

#include <cstdint>
#include <vector>

namespace neurite::data {
struct RowSplit {
  std::vector<Index> train, validation, test;
};

/// Splits rows 0..n-1 by spec.split; stratified by `labels` if spec.stratify.
/// Errors: Error(usage) at spec.where for bad ratios, an empty training split,
/// or stratify without labels.
RowSplit split_rows(std::size_t n, const std::vector<int>& labels, const DataSpec& spec, std::uint64_t seed);

/// Fold `fold` of `folds` of rows 0..n-1 (test share spec.split.test; the
/// train and validation ratios are not used). Errors: Error(usage) at
/// spec.where for folds < 2, fold >= folds, too few rows for the folds.
RowSplit fold_rows(std::size_t n, const std::vector<int>& labels, const DataSpec& spec, std::uint64_t seed,
                   std::size_t folds, std::size_t fold);
}  // namespace neurite::data
