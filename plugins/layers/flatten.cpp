// flatten: the identity on neurite's batches (torch.nn.Flatten, Keras'
// Flatten). Rows already hold each sample flattened (images channel-major,
// as x.reshape(N, -1) of an NCHW tensor), so there is nothing to move; the
// layer exists so that a model written for PyTorch or Keras reads the same.
//   forward   y = x          backward  dx = dy
// The outputs are copies in the workspace: the Layer contract makes y a view
// into ws, valid until the next forward(), whoever owns x.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include <stdexcept>

namespace neurite::plugins {
namespace {
class Flatten final : public Layer {
 public:
  Index build(Index input_cols, Rng& /*rng*/) override {
    if (input_cols < 1) throw std::invalid_argument("flatten: input has no columns");
    return cols_ = input_cols;
  }

  // Buffer 0: y. 1: dx.
  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(0), max_rows, cols_);
    resize_large(ws.buffer(1), max_rows, cols_);
  }

  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    MatrixRef y = ws.rows(0, x.rows());
    y = x;
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    if (!ws.input_gradient_needed()) return ws.rows(1, 0);
    MatrixRef dx = ws.rows(1, dy.rows());
    dx = dy;
    return dx;
  }

  std::span<ParamView> parameters() override { return {}; }

 private:
  Index cols_ = 0;
};

Layer* make_flatten(const ParamValues& /*p*/) { return new Flatten; }
}  // namespace

const ComponentInfo flatten_component{"flatten", "y = x (rows are already flattened NCHW; torch.nn.Flatten)",
                                      nullptr, 0, &make_flatten};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::flatten_component, flatten)
