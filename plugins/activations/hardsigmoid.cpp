// hardsigmoid: piecewise-linear sigmoid (Howard et al., 2019, MobileNetV3;
// torch.nn.Hardsigmoid).
//   forward   a  = min(max(z + 3, 0), 6) / 6
//   backward  dz = da * (1/6) if -3 < z < 3, 0 otherwise
// At z == -3 and z == 3 the gradient is 0, as PyTorch's hardsigmoid_backward.
// The forward divides by 6 and the backward multiplies by the float 1/6, as
// PyTorch does.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

namespace neurite::plugins {
namespace {
class Hardsigmoid final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    map_elements(z, a, [](const auto& x) { return (x + 3.0f).max(0.0f).min(6.0f) / 6.0f; });
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    map_elements(z, da, dz, [](const auto& x, const auto& g) {
      return (x > -3.0f && x < 3.0f).select(g * (1.0f / 6.0f), 0.0f);
    });
  }
};

Activation* make_hardsigmoid(const ParamValues& /*params*/) { return new Hardsigmoid(); }
}  // namespace

const ComponentInfo hardsigmoid_component{"hardsigmoid", "a = min(max(z + 3, 0), 6) / 6", nullptr,
                                          0, &make_hardsigmoid};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::hardsigmoid_component, hardsigmoid)
