// sigmoid: the logistic function (torch.nn.Sigmoid).
//   forward   a  = 1 / (1 + exp(-z))
//   backward  dz = da * a * (1 - a)
// Stability: with e = exp(-|z|) (never overflows), a = 1 / (1 + e) for z >= 0
// and a = e / (1 + e) for z < 0, so large |z| saturates to exactly 0 or 1
// instead of producing inf / inf.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

#include <cmath>

namespace neurite::plugins {
namespace {
class Sigmoid final : public Activation {
 public:
  // On contiguous arrays (flat.hpp) so that Eigen vectorises exp and the select.
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    on_arrays(z, a, [](const auto& v, auto& out) {
      out = (-v.abs()).exp();  // e, in (0, 1]
      out = (v >= 0.0f).select(1.0f / (1.0f + out), out / (1.0f + out));
    });
  }
  void backward(ConstMatrixRef /*z*/, ConstMatrixRef a, ConstMatrixRef da,
                MatrixRef dz) const override {
    map_elements(a, da, dz, [](const auto& y, const auto& g) { return g * y * (1.0f - y); });
  }
};

Activation* make_sigmoid(const ParamValues& /*params*/) { return new Sigmoid(); }
}  // namespace

const ComponentInfo sigmoid_component{"sigmoid", "a = 1 / (1 + exp(-z))", nullptr, 0,
                                      &make_sigmoid};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::sigmoid_component, sigmoid)
