// Per-layer, per-shard mutable state for one forward/backward pass: scratch
// buffers the layer sizes in reserve(), the gradient buffers for its
// parameters (owned by the trainer), the remembered input, the train/eval
// flag and a random stream (dropout). Layers stay read-only during a step.
#pragma once
#include <neurite/plugin/tensor.hpp>
#include <neurite/rng.hpp>

#include <cassert>
#include <cstddef>
#include <vector>

namespace neurite {
class Workspace {
 public:
  /// Scratch buffer i, created on first use (in reserve(), never in a step).
  Matrix& buffer(std::size_t i) {
    if (i >= buffers_.size()) buffers_.resize(i + 1);
    return buffers_[i];
  }

  /// The first `rows` rows of buffer i: the view forward/backward return.
  MatrixRef rows(std::size_t i, Index rows) {
    assert(i < buffers_.size() && rows <= buffers_[i].rows());
    return buffers_[i].topRows(rows);
  }

  /// Gradient accumulator for parameter i of this layer (same shape).
  /// backward() adds to it; the trainer zeroes it before each step.
  MatrixMap gradient(std::size_t i) {
    assert(i < gradients_.size());
    return gradients_[i];
  }

  /// The input of the last forward(), kept as a view (no copy): the buffer it
  /// points to stays untouched until backward() has run.
  void remember_input(ConstMatrixRef x) {
    input_data_ = x.data();
    input_rows_ = x.rows();
    input_cols_ = x.cols();
    input_stride_ = x.outerStride();
  }
  Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> input() const {
    return {input_data_, input_rows_, input_cols_, Eigen::OuterStride<>(input_stride_)};
  }

  bool training() const { return training_; }

  /// False for the network's first layer, whose dL/dx nobody reads: backward()
  /// may then skip computing it and return an empty view.
  bool input_gradient_needed() const { return input_gradient_needed_; }
  Rng& rng() { return rng_; }

  // Set up by the trainer.
  void set_training(bool on) { training_ = on; }
  void set_input_gradient_needed(bool needed) { input_gradient_needed_ = needed; }
  void set_rng(const Rng& rng) { rng_ = rng; }
  void bind_gradients(std::vector<MatrixMap> grads) { gradients_ = std::move(grads); }

 private:
  std::vector<Matrix> buffers_;
  std::vector<MatrixMap> gradients_;
  const float* input_data_ = nullptr;
  Index input_rows_ = 0, input_cols_ = 0, input_stride_ = 0;
  bool training_ = true;
  bool input_gradient_needed_ = true;
  Rng rng_;
};
}  // namespace neurite
