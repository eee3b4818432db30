// Fitting the per-feature standardisation (the Standardizer of dataset.hpp).
#pragma once
#include <neurite/data/dataset.hpp>

namespace neurite::data {
/// Mean and population stddev of every column of `x` (accumulated in double).
/// A feature whose stddev is zero up to float rounding gets stddev 1, so it
/// is centred but never divided by (almost) zero.
/// requires: x.rows() > 0.
Standardizer fit_standardizer(const Matrix& x);
}  // namespace neurite::data
