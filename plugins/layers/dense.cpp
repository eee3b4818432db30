// dense: fully connected layer (torch.nn.Linear; Keras' Dense).
//   forward   y  = x W^T + b          x: (n, in), W: (out, in), b: (1, out)
//   backward  dx = dy W               (assigned; skipped when nobody needs it)
//             dW += dy^T x            (added to ws.gradient(0))
//             db += sum over rows of dy   (added to ws.gradient(1))
// W is stored as PyTorch stores it: (out, in), row-major, so a weight matrix
// copied from a torch state_dict means the same thing here.
//
// Initialisation: `init` and `bias_init` with fan_in = in, fan_out = out, as
// described in initializers.hpp (torch.nn.init's names; "default" is
// nn.Linear.reset_parameters: W, b ~ U(-1/sqrt(in), 1/sqrt(in))). Draw order
// (fixed, part of the seed contract): every weight element in row-major order
// (W[0][0], W[0][1], ..., W[out-1][in-1]), then every bias element in order;
// an initialiser that draws nothing (zeros, constant) skips its turn.
// The products run on the core's GEMM kernels (neurite/kernels/gemm.hpp).
#include <neurite/kernels/gemm.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include "initializers.hpp"

#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::plugins {
namespace {
class Dense final : public Layer {
 public:
  Dense(Index units, bool use_bias, init::WeightInit weight_init, bool zero_bias)
      : units_(units), use_bias_(use_bias), init_(weight_init), zero_bias_(zero_bias) {}
  Dense(const Dense&) = delete;  // params_ points into weight_ and bias_
  Dense& operator=(const Dense&) = delete;

  Index build(Index input_cols, Rng& rng) override {
    if (input_cols < 1) throw std::invalid_argument("dense: input has no columns");
    in_ = input_cols;
    weight_ = large_matrix(units_, in_, 0.0f);
    const double in = static_cast<double>(in_), out = static_cast<double>(units_);
    init::fill_weight(weight_, init_, in, out, rng);
    params_.clear();
    params_.push_back({"weight", weight_.data(), units_, in_, true});
    if (use_bias_) {
      bias_ = Matrix::Zero(1, units_);
      init::fill_bias(bias_, zero_bias_, in, rng);
      params_.push_back({"bias", bias_.data(), 1, units_, true});
    }
    return units_;
  }

  // Buffer 0: y (max_rows, out). Buffer 1: dx (max_rows, in).
  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(0), max_rows, units_);
    resize_large(ws.buffer(1), max_rows, in_);
  }

  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    ws.remember_input(x);
    MatrixRef y = ws.rows(0, x.rows());
    kernels::gemm_forward(x, weight_, y);
    if (use_bias_) kernels::add_bias_rows(bias_, y);
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    const auto x = ws.input();
    MatrixMap dw = ws.gradient(0);
    kernels::gemm_weight_grad(dy, x, dw);
    if (use_bias_) {
      MatrixMap db = ws.gradient(1);
      kernels::add_column_sums(dy, db);
    }
    // The first layer's dL/dx goes nowhere: skipping it saves a third of its work.
    if (!ws.input_gradient_needed()) return ws.rows(1, 0);
    MatrixRef dx = ws.rows(1, dy.rows());
    kernels::gemm_input_grad(dy, weight_, dx);
    return dx;
  }

  std::span<ParamView> parameters() override { return params_; }

 private:
  Index units_;
  bool use_bias_;
  init::WeightInit init_;
  bool zero_bias_;
  Index in_ = 0;
  Matrix weight_;  // (out, in)
  Matrix bias_;    // (1, out)
  std::vector<ParamView> params_;
};

constexpr ParamSpec kParams[] = {
    {.name = "units", .type = ParamType::integer, .min = 1, .doc = "number of output columns",
     .required = true},
    {.name = "use_bias", .type = ParamType::boolean, .default_number = 1,
     .doc = "add a learned bias b (torch.nn.Linear's bias=True)"},
    init::kInit,
    init::kInitValue,
    init::kInitMean,
    init::kInitStd,
    init::kInitLow,
    init::kInitHigh,
    init::kBiasInit,
};

Layer* make_dense(const ParamValues& p) {
  return new Dense(static_cast<Index>(p.integer("units")), p.boolean("use_bias"),
                   init::parse_weight_init(p, "dense"), p.text("bias_init") == "zeros");
}
}  // namespace

const ComponentInfo dense_component{"dense", "fully connected: y = x W^T + b", kParams,
                                    std::size(kParams), &make_dense};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::dense_component, dense)
