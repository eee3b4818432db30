// A layer's named parameter as plain data: a pointer into storage the layer
// owns, its shape, and whether the optimizer may change it.
#pragma once
#include <neurite/plugin/tensor.hpp>

namespace neurite {
struct ParamView {
  const char* name;  // "weight", "bias": PyTorch's names
  float* data;
  Index rows;
  Index cols;
  bool trainable = true;

  MatrixMap value() const { return MatrixMap(data, rows, cols); }
  Index size() const { return rows * cols; }
};

/// What an optimizer step sees for one parameter: its value and the gradient
/// of the mini-batch loss with respect to it (already summed over shards).
struct ParamSlot {
  ParamView param;
  const float* gradient;  // same shape as param

  ConstMatrixMap grad() const { return ConstMatrixMap(gradient, param.rows, param.cols); }
};
}  // namespace neurite
