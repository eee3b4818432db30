// Helper for the element-wise activations whose formula uses an intermediate
// more than once (sigmoid(z) in silu's gradient, exp(z) in mish, Phi(z) in
// gelu): Eigen does not share subexpressions within one expression, and GCC
// does not reliably either, so such a formula written as one expression
// recomputes exp at every use. Instead the intermediate is evaluated once into
// a small buffer on the stack (vectorised), a chunk of one row at a time, and
// the final expression reads it. Chunks stay in L1; nothing touches the heap.
#pragma once
#include <neurite/plugin/tensor.hpp>

#include <algorithm>

namespace neurite::plugins {
inline constexpr Index kChunk = 256;

/// A stack buffer for up to kChunk floats of one row (fixed capacity, so
/// Eigen never allocates for it).
using Chunk = Eigen::Array<float, 1, Eigen::Dynamic, Eigen::RowMajor, 1, kChunk>;

/// Calls f(row, col, n) for column ranges [col, col + n), n <= kChunk, that
/// cover every row of a rows x cols matrix, row by row.
template <class F>
void for_each_row_chunk(Index rows, Index cols, F&& f) {
  for (Index r = 0; r < rows; ++r)
    for (Index c = 0; c < cols; c += kChunk) f(r, c, std::min(kChunk, cols - c));
}
}  // namespace neurite::plugins
