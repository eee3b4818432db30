// dense: fully connected layer (torch.nn.Linear; Keras' Dense).
//   forward   y  = x W^T + b          x: (n, in), W: (out, in), b: (1, out)
//   backward  dx = dy W               (assigned; skipped when nobody needs it)
//             dW += dy^T x            (added to ws.gradient(0))
//             db += sum over rows of dy   (added to ws.gradient(1))
// W is stored as PyTorch stores it: (out, in), row-major, so a weight matrix
// copied from a torch state_dict means the same thing here.
//
// Initialisation (`init`, fan_in = in, fan_out = out; torch.nn.init names):
//   default          W ~ U(-1/sqrt(in), 1/sqrt(in))   nn.Linear.reset_parameters
//                    (kaiming_uniform_ with a = sqrt(5))
//   xavier_uniform   W ~ U(-r, r),  r = sqrt(6 / (in + out))     (Glorot & Bengio, 2010)
//   xavier_normal    W ~ N(0, s^2), s = sqrt(2 / (in + out))
//   kaiming_uniform  W ~ U(-r, r),  r = sqrt(2) * sqrt(3 / in)   (He et al., 2015;
//   kaiming_normal   W ~ N(0, s^2), s = sqrt(2) / sqrt(in)        mode fan_in, relu gain)
//   zeros            W = 0
// `bias_init`: default b ~ U(-1/sqrt(in), 1/sqrt(in)) (nn.Linear), zeros b = 0.
// Draw order (fixed, part of the seed contract): every weight element in
// row-major order (W[0][0], W[0][1], ..., W[out-1][in-1]), then every bias
// element in order; an initialiser that draws nothing (zeros) skips its turn.
// The products run on the core's GEMM kernels (neurite/kernels/gemm.hpp).
#include <neurite/kernels/gemm.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/layer.hpp>

#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::plugins {
namespace {
enum class Init { standard, xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, zeros };

Init parse_init(const std::string& s) {
  if (s == "default") return Init::standard;
  if (s == "xavier_uniform") return Init::xavier_uniform;
  if (s == "xavier_normal") return Init::xavier_normal;
  if (s == "kaiming_uniform") return Init::kaiming_uniform;
  if (s == "kaiming_normal") return Init::kaiming_normal;
  if (s == "zeros") return Init::zeros;
  throw std::invalid_argument("dense: unknown init '" + s +
                              "' (known: default, kaiming_normal, kaiming_uniform, "
                              "xavier_normal, xavier_uniform, zeros)");
}

void fill_uniform(Matrix& m, double bound, Rng& rng) {
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(-bound, bound));
}
void fill_normal(Matrix& m, double stddev, Rng& rng) {
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal(0.0, stddev));
}

class Dense final : public Layer {
 public:
  Dense(Index units, bool use_bias, Init init, bool zero_bias)
      : units_(units), use_bias_(use_bias), init_(init), zero_bias_(zero_bias) {}
  Dense(const Dense&) = delete;  // params_ points into weight_ and bias_
  Dense& operator=(const Dense&) = delete;

  Index build(Index input_cols, Rng& rng) override {
    if (input_cols < 1) throw std::invalid_argument("dense: input has no columns");
    in_ = input_cols;
    weight_ = Matrix::Zero(units_, in_);
    const double in = static_cast<double>(in_), out = static_cast<double>(units_);
    switch (init_) {
      case Init::standard: fill_uniform(weight_, 1.0 / std::sqrt(in), rng); break;
      case Init::xavier_uniform: fill_uniform(weight_, std::sqrt(6.0 / (in + out)), rng); break;
      case Init::xavier_normal: fill_normal(weight_, std::sqrt(2.0 / (in + out)), rng); break;
      case Init::kaiming_uniform: fill_uniform(weight_, std::sqrt(2.0) * std::sqrt(3.0 / in), rng); break;
      case Init::kaiming_normal: fill_normal(weight_, std::sqrt(2.0) / std::sqrt(in), rng); break;
      case Init::zeros: break;
    }
    params_.clear();
    params_.push_back({"weight", weight_.data(), units_, in_, true});
    if (use_bias_) {
      bias_ = Matrix::Zero(1, units_);
      if (!zero_bias_) fill_uniform(bias_, 1.0 / std::sqrt(in), rng);
      params_.push_back({"bias", bias_.data(), 1, units_, true});
    }
    return units_;
  }

  // Buffer 0: y (max_rows, out). Buffer 1: dx (max_rows, in).
  void reserve(Workspace& ws, Index max_rows) const override {
    ws.buffer(0).resize(max_rows, units_);
    ws.buffer(1).resize(max_rows, in_);
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
  Init init_;
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
    {.name = "init", .type = ParamType::text, .doc = "weight initialisation",
     .default_text = "default",
     .choices = "default|xavier_uniform|xavier_normal|kaiming_uniform|kaiming_normal|zeros"},
    {.name = "bias_init", .type = ParamType::text,
     .doc = "bias initialisation (default: U(-1/sqrt(in), 1/sqrt(in)) as torch.nn.Linear)",
     .default_text = "default", .choices = "default|zeros"},
};

Layer* make_dense(const ParamValues& p) {
  return new Dense(static_cast<Index>(p.integer("units")), p.boolean("use_bias"),
                   parse_init(p.text("init")), p.text("bias_init") == "zeros");
}
}  // namespace

const ComponentInfo dense_component{"dense", "fully connected: y = x W^T + b", kParams,
                                    std::size(kParams), &make_dense};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::dense_component, dense)
