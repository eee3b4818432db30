// Fitting a Preprocessing (neurite/data/preprocessing.hpp) on the training
// rows of a CSV Table and applying it to any rows of a table of the same
// columns: imputation, one-hot encoding, scaling. Statistics come from the
// given training rows only, so validation and test never leak into them.
#pragma once
#include "data/table.hpp"

#include <neurite/data/dataset.hpp>
#include <neurite/data/preprocessing.hpp>
#include <neurite/errors.hpp>

#include <string>
#include <vector>

namespace neurite::data {
/// Fits on table rows `rows`. impute: none | mean | median | most_frequent;
/// scale: none | standard | minmax (else Error(usage) at `where`). A feature
/// column without a single value in `rows` is Error(data) at its header.
/// requires: !rows.empty().
Preprocessing fit_preprocessing(const Table& table, const std::vector<Index>& rows,
                                const std::vector<std::string>& class_names, const std::string& impute,
                                const std::string& scale, const SourceLocation& where);

/// The rows `rows` of `table` as a Dataset: features encoded and scaled by
/// `p`, labels[row] as class index, p's class and feature names.
/// requires: table has p's columns in p's order (load_table_like() ensures it).
Dataset encode(const Preprocessing& p, const Table& table, const std::vector<int>& labels,
               const std::vector<Index>& rows);
}  // namespace neurite::data
