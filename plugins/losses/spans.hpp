// Shared by the element-wise losses (mae, mse, huber, smooth_l1, nll,
// kl_divergence, binary_cross_entropy_with_logits): their double-precision
// reference sum(), and for_each_span, which walks pred, target and
// dpred in spans of contiguous floats, so each loss writes its formula once as
// an Eigen array expression over a span. Contiguous matrices (the trainer's
// shards) are cut into chunks of kSpan elements whatever their shape, so a
// 128x1 regression output vectorises as well as a 128x10 one; strided views
// go row by row. Nothing is allocated.
// Eigen 3.4 evaluates select(), comparisons and sign() one scalar at a time
// (no packet versions), which makes a whole expression scalar; element-wise
// choices are therefore written as plain loops over the span's pointers,
// which -O3 vectorises with blends (map_elements).
#pragma once
#include <neurite/plugin/tensor.hpp>

#include <Eigen/Core>

#include <algorithm>

namespace neurite::plugins::losses {
using ConstSpan = Eigen::Map<const Eigen::ArrayXf>;
using Span = Eigen::Map<Eigen::ArrayXf>;

/// Floats per span: three spans stay in L1, and a span's float partial sum
/// (added to the double total) keeps ~1e-7 relative accuracy.
inline constexpr Index kSpan = 128;

/// Calls f(p, t, d) -> float for consecutive spans of pred, target and dpred
/// (all of one shape) and returns the sum of f's results, accumulated in double.
/// requires: f only writes d (the span of dpred matching p and t).
template <class F>
double for_each_span(ConstMatrixRef pred, ConstMatrixRef target, MatrixRef dpred, F&& f) {
  const Index rows = pred.rows(), cols = pred.cols();
  double total = 0.0;
  const bool contiguous = rows == 1 || (pred.outerStride() == cols && target.outerStride() == cols &&
                                        dpred.outerStride() == cols);
  if (contiguous) {
    const Index n = rows * cols;
    for (Index i = 0; i < n; i += kSpan) {
      const Index m = std::min(kSpan, n - i);
      total += static_cast<double>(
          f(ConstSpan(pred.data() + i, m), ConstSpan(target.data() + i, m), Span(dpred.data() + i, m)));
    }
  } else {
    for (Index r = 0; r < rows; ++r)
      total += static_cast<double>(f(ConstSpan(pred.row(r).data(), cols), ConstSpan(target.row(r).data(), cols),
                                     Span(dpred.row(r).data(), cols)));
  }
  return total;
}

/// sum_ij f(p_ij, t_ij) with both elements in double, accumulated in double in
/// row-major order: the reference sum() of an element-wise loss.
template <class F>
double sum_elements(ConstMatrixRef pred, ConstMatrixRef target, F&& f) {
  double total = 0.0;
  for (Index r = 0; r < pred.rows(); ++r)
    for (Index c = 0; c < pred.cols(); ++c)
      total += f(static_cast<double>(pred(r, c)), static_cast<double>(target(r, c)));
  return total;
}

/// d_i = f(p_i, t_i, d_i) for every element of the spans, as a plain loop
/// (see the head of this file: -O3 vectorises it where select() is scalar).
template <class F>
void map_elements(ConstSpan p, ConstSpan t, Span d, F&& f) {
  const float *pp = p.data(), *tt = t.data();
  float* dd = d.data();
  for (Index i = 0; i < d.size(); ++i) dd[i] = f(pp[i], tt[i], dd[i]);
}

/// The Huber kernel of huber and smooth_l1: assigns d = c = clamp(p - t,
/// -delta, delta) and returns sum c (|p - t| - 0.5 c) in float, i.e.
/// sum 0.5 z^2 where z = |p - t| < delta and delta (z - 0.5 delta) elsewhere,
/// written branch-free.
inline float clamped_difference(ConstSpan p, ConstSpan t, Span d, float delta) {
  d = (p - t).max(-delta).min(delta);
  return (d.abs() * ((p - t).abs() - 0.5f * d.abs())).sum();
}
}  // namespace neurite::plugins::losses
