// softsign: z / (1 + |z|) (Bergstra et al., 2009; torch.nn.Softsign).
//   forward   a  = z / (1 + |z|)
//   backward  dz = da / (1 + |z|)^2
// PyTorch composes it from div and abs, whose gradients add up to the same
// value (at z == 0, abs's gradient is 0 and dz = da, as here).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

namespace neurite::plugins {
namespace {
class Softsign final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    map_elements(z, a, [](const auto& x) { return x / (x.abs() + 1.0f); });
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    map_elements(z, da, dz, [](const auto& x, const auto& g) { return g / (x.abs() + 1.0f).square(); });
  }
};

Activation* make_softsign(const ParamValues& /*params*/) { return new Softsign(); }
}  // namespace

const ComponentInfo softsign_component{"softsign", "a = z / (1 + |z|)", nullptr, 0, &make_softsign};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::softsign_component, softsign)
