// relu: rectified linear unit (Nair & Hinton, 2010; torch.nn.ReLU).
//   forward   a  = max(0, z)
//   backward  dz = da if z > 0, 0 otherwise   (z == 0 takes 0, as PyTorch)
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

namespace neurite::plugins {
namespace {
class Relu final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    map_elements(z, a, [](const auto& x) { return x.max(0.0f); });
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    map_elements(z, da, dz, [](const auto& x, const auto& g) { return (x > 0.0f).select(g, 0.0f); });
  }
};

Activation* make_relu(const ParamValues& /*params*/) { return new Relu(); }
}  // namespace

const ComponentInfo relu_component{"relu", "a = max(0, z)", nullptr, 0, &make_relu};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::relu_component, relu)
