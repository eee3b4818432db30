// Adapts an Activation plugin to the Layer interface, so that `activation:`
// entries of a model sit in the network like any other layer.
#pragma once
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include <memory>

namespace neurite {
class ActivationLayer final : public Layer {
 public:
  explicit ActivationLayer(std::shared_ptr<const Activation> activation)
      : activation_(std::move(activation)) {}

  Index build(Index input_cols, Rng&) override { return cols_ = input_cols; }

  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(kOutput), max_rows, cols_);
    resize_large(ws.buffer(kInputGradient), max_rows, cols_);
  }

  ConstMatrixRef forward(ConstMatrixRef z, Workspace& ws) const override {
    ws.remember_input(z);
    MatrixRef a = ws.rows(kOutput, z.rows());
    activation_->forward(z, a);
    return a;
  }

  ConstMatrixRef backward(ConstMatrixRef da, Workspace& ws) const override {
    const Index rows = da.rows();
    MatrixRef dz = ws.rows(kInputGradient, rows);
    activation_->backward(ws.input(), ws.rows(kOutput, rows), da, dz);
    return dz;
  }

  std::span<ParamView> parameters() override { return {}; }

 private:
  enum : std::size_t { kOutput = 0, kInputGradient = 1 };
  std::shared_ptr<const Activation> activation_;
  Index cols_ = 0;
};
}  // namespace neurite
