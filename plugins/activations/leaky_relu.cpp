// leaky_relu: rectifier with a small slope for negative inputs (Maas et al.,
// 2013; torch.nn.LeakyReLU).
//   forward   a  = z if z > 0,   negative_slope * z otherwise
//   backward  dz = da if z > 0,  negative_slope * da otherwise
// z == 0 takes negative_slope, as PyTorch's leaky_relu_backward (`z > 0 ? ...`).
// The forward is written as max(z, 0) + s * min(z, 0), which is bit for bit
// PyTorch's value on either side (one term is exactly 0) and vectorises.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

#include <iterator>

namespace neurite::plugins {
namespace {
class LeakyRelu final : public Activation {
 public:
  explicit LeakyRelu(float negative_slope) : slope_(negative_slope) {}

  void forward(ConstMatrixRef z, MatrixRef a) const override {
    const float slope = slope_;
    map_elements(z, a, [slope](const auto& x) { return x.max(0.0f) + slope * x.min(0.0f); });
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    const float slope = slope_;
    map_elements(z, da, dz, [slope](const auto& x, const auto& g) { return (x > 0.0f).select(g, g * slope); });
  }

 private:
  float slope_;
};

constexpr ParamSpec kParams[] = {
    {.name = "negative_slope", .type = ParamType::real, .default_number = 0.01,
     .doc = "slope for z <= 0 (torch.nn.LeakyReLU's negative_slope)"},
};

Activation* make_leaky_relu(const ParamValues& p) {
  return new LeakyRelu(static_cast<float>(p.real("negative_slope")));
}
}  // namespace

const ComponentInfo leaky_relu_component{"leaky_relu", "a = z if z > 0, else negative_slope * z",
                                         kParams, std::size(kParams), &make_leaky_relu};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::leaky_relu_component, leaky_relu)
