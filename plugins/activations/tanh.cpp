// tanh: hyperbolic tangent (torch.nn.Tanh).
//   forward   a  = tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z))
//   backward  dz = da * (1 - a^2)
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

namespace neurite::plugins {
namespace {
class Tanh final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    map_elements(z, a, [](const auto& x) { return x.tanh(); });
  }
  void backward(ConstMatrixRef /*z*/, ConstMatrixRef a, ConstMatrixRef da,
                MatrixRef dz) const override {
    map_elements(a, da, dz, [](const auto& y, const auto& g) { return g * (1.0f - y.square()); });
  }
};

Activation* make_tanh(const ParamValues& /*params*/) { return new Tanh(); }
}  // namespace

const ComponentInfo tanh_component{"tanh", "a = tanh(z)", nullptr, 0, &make_tanh};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::tanh_component, tanh)
