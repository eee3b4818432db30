// softplus: a smooth approximation of relu (Dugas et al., 2001; torch.nn.Softplus).
// With t = beta * z:
//   forward   a  = log(1 + exp(t)) / beta    if t <= threshold,   z otherwise
//   backward  dz = da * sigmoid(t)           if t <= threshold,   da otherwise
// t == threshold takes the smooth branch, as PyTorch (`t > threshold ? z : ...`).
// Stability: log(1 + exp(t)) is evaluated as max(t, 0) + log1p(exp(-|t|)) and
// sigmoid(t) as 1 / (1 + exp(-t)), so nothing overflows for any threshold.
// PyTorch evaluates log1p(exp(t)) and exp(t) / (exp(t) + 1), which agree to
// rounding wherever they are finite, but give inf and NaN once t > 88 (only
// reachable with threshold > 88).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include <iterator>
#include <stdexcept>

namespace neurite::plugins {
namespace {
class Softplus final : public Activation {
 public:
  Softplus(float beta, float threshold) : beta_(beta), threshold_(threshold) {}

  // Two passes per row, both vectorised: the smooth branch for every element
  // (finite for every finite t), then a select that only copies (Eigen 3.4
  // evaluates select() element by element: exp inside it would be scalar).
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    for (Index r = 0; r < z.rows(); ++r) {
      const auto x = z.row(r).array();
      const auto t = beta_ * x;
      auto out = a.row(r).array();
      out = (t.max(0.0f) + (-t.abs()).exp().log1p()) / beta_;
      out = (t > threshold_).select(x, out);
    }
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    for (Index r = 0; r < z.rows(); ++r) {
      const auto t = beta_ * z.row(r).array();
      const auto g = da.row(r).array();
      auto out = dz.row(r).array();
      out = g / (1.0f + (-t).exp());
      out = (t > threshold_).select(g, out);
    }
  }

 private:
  float beta_, threshold_;
};

constexpr ParamSpec kParams[] = {
    {.name = "beta", .type = ParamType::real, .default_number = 1.0,
     .doc = "sharpness: log(1 + exp(beta * z)) / beta; non-zero (torch.nn.Softplus's beta)"},
    {.name = "threshold", .type = ParamType::real, .default_number = 20.0,
     .doc = "where beta * z > threshold the output is z itself (torch.nn.Softplus's threshold)"},
};

Activation* make_softplus(const ParamValues& p) {
  const double beta = p.real("beta");
  // PyTorch accepts beta = 0 and divides by it (outputs inf).
  if (beta == 0.0)
    throw std::invalid_argument("beta must be non-zero (the output is log(1 + exp(beta * z)) / beta)");
  return new Softplus(static_cast<float>(beta), static_cast<float>(p.real("threshold")));
}
}  // namespace

const ComponentInfo softplus_component{
    "softplus", "a = log(1 + exp(beta * z)) / beta, or z where beta * z > threshold", kParams,
    std::size(kParams), &make_softplus};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::softplus_component, softplus)
