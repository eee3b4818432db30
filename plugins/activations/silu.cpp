// silu: sigmoid-weighted linear unit (Elfwing et al., 2018; torch.nn.SiLU),
// also exported as `swish` (Ramachandran et al., 2017), Keras's name for it.
//   forward   a  = z * sigmoid(z) = z / (1 + exp(-z))
//   backward  dz = da * s * (1 + z * (1 - s)),   s = sigmoid(z) = 1 / (1 + exp(-z))
// As PyTorch's silu kernels. For z < -88, exp(-z) is inf and a and dz are
// exactly 0 (no inf / inf); for z > 88, exp(-z) underflows: a = z, dz = da.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "row_chunks.hpp"

namespace neurite::plugins {
namespace {
class Silu final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    a.array() = z.array() / (1.0f + (-z.array()).exp());
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    for_each_row_chunk(z.rows(), z.cols(), [&](Index r, Index c, Index n) {
      const auto x = z.row(r).segment(c, n).array();
      const Chunk s = 1.0f / (1.0f + (-x).exp());  // once: used twice below
      dz.row(r).segment(c, n).array() = da.row(r).segment(c, n).array() * s * (1.0f + x * (1.0f - s));
    });
  }
};

Activation* make_silu(const ParamValues& /*params*/) { return new Silu(); }
}  // namespace

const ComponentInfo silu_component{"silu", "a = z * sigmoid(z) = z / (1 + exp(-z))", nullptr, 0,
                                   &make_silu};
const ComponentInfo swish_component{"swish", "alias of silu: a = z * sigmoid(z) = z / (1 + exp(-z))",
                                    nullptr, 0, &make_silu};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::silu_component, silu)
NEURITE_EXPORT_COMPONENT(neurite::plugins::swish_component, swish)
