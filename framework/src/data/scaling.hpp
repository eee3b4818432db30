// Feature scaling fitted on the training split: x' = (x - shift) / divisor
// per feature (Preprocessing::shift, divisor).
//   standard  shift = mean, divisor = population stddev (both in double,
//             stored as float): sklearn StandardScaler
//   minmax    shift = min, divisor = max - min, so training values land in
//             [0, 1]: sklearn MinMaxScaler
// A constant feature (minmax: max == min; standard: stddev below 1e-6 of the
// column's largest magnitude, i.e. float rounding) gets divisor 1: it is
// shifted to 0 but never divided by (almost) zero, as sklearn does.
#pragma once
#include <neurite/data/preprocessing.hpp>
#include <neurite/plugin/tensor.hpp>

#include <vector>

namespace neurite::data {
/// Sets p.shift and p.divisor for method p.scale ("none" clears them).
/// Features with scaled[c] == false (one-hot) get shift 0 and divisor 1.
/// requires: x.rows() > 0 unless p.scale is none; scaled.size() == x.cols().
void fit_scaling(const Matrix& x, const std::vector<bool>& scaled, Preprocessing& p);

/// Applies p's shift and divisor to every row of x (nothing if they are empty).
void apply_scaling(const Preprocessing& p, Matrix& x);
}  // namespace neurite::data
