// mish: self-regularised non-monotonic activation (Misra, 2019; torch.nn.Mish).
//   forward   a  = z * tanh(softplus(z)) = z * tanh(log(1 + exp(z)))
//   backward  dz = da * (t + z * s * (1 - t^2)),   t = tanh(softplus(z)),
//                                                  s = sigmoid(z) = 1 / (1 + exp(-z))
// (softplus without a threshold, as torch.nn.Mish.)
// Evaluation: with e = exp(z) and n = e * (e + 2) = (1 + e)^2 - 1,
//   t = n / (n + 2) = 1 / (1 + 2 / n),   1 - t = 2 / (n + 2),   1 - t^2 = (1 - t) * (2 - (1 - t)),
// which is exact algebra, costs one exp instead of exp, log1p and tanh, and
// keeps 1 - t^2 accurate where t -> 1. PyTorch evaluates 1 - tanh(...)^2,
// which cancels there: its float32 gradient is off by up to ~1e-6 near z = 8.
// Saturation: for large z, e and n are inf, t = 1, 1 - t = 0, so a = z and
// dz = da; for very negative z, e underflows, t and a go to 0 and s to 0.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "row_chunks.hpp"

namespace neurite::plugins {
namespace {
class Mish final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    for_each_row_chunk(z.rows(), z.cols(), [&](Index r, Index c, Index n) {
      const auto x = z.row(r).segment(c, n).array();
      const Chunk e = x.exp();
      a.row(r).segment(c, n).array() = x / (1.0f + 2.0f / (e * (e + 2.0f)));  // z * t
    });
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    for_each_row_chunk(z.rows(), z.cols(), [&](Index r, Index c, Index n) {
      const auto x = z.row(r).segment(c, n).array();
      Chunk e_n = x.exp();
      e_n = e_n * (e_n + 2.0f);                           // n
      const Chunk one_minus_t = 2.0f / (e_n + 2.0f);
      const auto t = 1.0f / (1.0f + 2.0f / e_n);
      const auto s = 1.0f / (1.0f + (-x).exp());
      dz.row(r).segment(c, n).array() =
          da.row(r).segment(c, n).array() * (t + x * s * (one_minus_t * (2.0f - one_minus_t)));
    });
  }
};

Activation* make_mish(const ParamValues& /*params*/) { return new Mish(); }
}  // namespace

const ComponentInfo mish_component{"mish", "a = z * tanh(softplus(z)) = z * tanh(log(1 + exp(z)))",
                                   nullptr, 0, &make_mish};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::mish_component, mish)
