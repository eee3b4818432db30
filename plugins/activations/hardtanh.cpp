// hardtanh: tanh's piecewise-linear cousin (Collobert, 2004; torch.nn.Hardtanh).
//   forward   a  = min(max(z, min_val), max_val)
//   backward  dz = da if min_val < z < max_val, 0 otherwise
// At z == min_val or z == max_val the gradient is 0, as PyTorch's
// hardtanh_backward (`z <= min_val || z >= max_val ? 0 : da`).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "flat.hpp"

#include <iterator>
#include <sstream>
#include <stdexcept>

namespace neurite::plugins {
namespace {
class Hardtanh final : public Activation {
 public:
  Hardtanh(float min_val, float max_val) : min_(min_val), max_(max_val) {}

  void forward(ConstMatrixRef z, MatrixRef a) const override {
    const float lo = min_, hi = max_;
    map_elements(z, a, [lo, hi](const auto& x) { return x.max(lo).min(hi); });
  }
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    const float lo = min_, hi = max_;
    map_elements(z, da, dz, [lo, hi](const auto& x, const auto& g) { return (x > lo && x < hi).select(g, 0.0f); });
  }

 private:
  float min_, max_;
};

constexpr ParamSpec kParams[] = {
    {.name = "min_val", .type = ParamType::real, .default_number = -1.0,
     .doc = "lower end of the linear region (torch.nn.Hardtanh's min_val)"},
    {.name = "max_val", .type = ParamType::real, .default_number = 1.0,
     .doc = "upper end of the linear region; greater than min_val (torch.nn.Hardtanh's max_val)"},
};

Activation* make_hardtanh(const ParamValues& p) {
  const double lo = p.real("min_val"), hi = p.real("max_val");
  if (!(hi > lo)) {  // torch.nn.Hardtanh asserts max_val > min_val
    std::ostringstream os;
    os << "max_val " << hi << " must be greater than min_val " << lo;
    throw std::invalid_argument(os.str());
  }
  return new Hardtanh(static_cast<float>(lo), static_cast<float>(hi));
}
}  // namespace

const ComponentInfo hardtanh_component{"hardtanh", "a = min(max(z, min_val), max_val)", kParams,
                                       std::size(kParams), &make_hardtanh};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::hardtanh_component, hardtanh)
