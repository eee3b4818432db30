// Element-wise activations over whole buffers. The layers' buffers are
// contiguous (rows of `cols` floats one after the other), so an element-wise
// formula can run over rows * cols floats as one flat array: fully vectorised
// whatever the width. Written per row, a 3-wide hidden layer (WildML's net)
// ran scalar code for every element, and a 16-wide one (moons) paid a loop
// per row of one SIMD register. Strided views (a block of a wider matrix)
// fall back to rows.
#pragma once
#include <neurite/plugin/tensor.hpp>

namespace neurite::plugins {
using FlatArray = Eigen::Map<Eigen::ArrayXf>;
using ConstFlatArray = Eigen::Map<const Eigen::ArrayXf>;

template <class View>
bool contiguous(const View& m) {
  return m.rows() <= 1 || m.outerStride() == m.cols();
}

inline ConstFlatArray flat(const ConstMatrixRef& m) { return ConstFlatArray(m.data(), m.size()); }
inline FlatArray flat(MatrixRef& m) { return FlatArray(m.data(), m.size()); }

/// Calls f(in, out) on Eigen arrays: once on the flat buffers when both are
/// contiguous, else once per row. For formulas of several statements.
template <class F>
void on_arrays(ConstMatrixRef in, MatrixRef out, F&& f) {
  if (contiguous(in) && contiguous(out)) {
    FlatArray o = flat(out);
    f(flat(in), o);
  } else {
    for (Index r = 0; r < in.rows(); ++r) {
      auto o = out.row(r).array();
      f(in.row(r).array(), o);
    }
  }
}

/// out = f(in) element by element, where f takes and returns Eigen array
/// expressions: flat when both are contiguous, else row by row.
template <class F>
void map_elements(ConstMatrixRef in, MatrixRef out, F&& f) {
  on_arrays(in, out, [&f](const auto& x, auto& o) { o = f(x); });
}

/// out = f(a, b) element by element (e.g. a gradient from the output and the
/// incoming gradient), flat when all three are contiguous, else row by row.
template <class F>
void map_elements(ConstMatrixRef a, ConstMatrixRef b, MatrixRef out, F&& f) {
  if (contiguous(a) && contiguous(b) && contiguous(out)) {
    flat(out) = f(flat(a), flat(b));
  } else {
    for (Index r = 0; r < a.rows(); ++r) out.row(r).array() = f(a.row(r).array(), b.row(r).array());
  }
}
}  // namespace neurite::plugins
