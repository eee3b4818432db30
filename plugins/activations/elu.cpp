// elu: exponential linear unit (Clevert et al., 2016; torch.nn.ELU).
//   forward   a  = z if z > 0,   alpha * (exp(z) - 1) otherwise
//   backward  dz = da if z > 0,  da * alpha * exp(z) otherwise
// z == 0 takes the second branch (gradient alpha), as PyTorch's elu_backward
// (`z <= 0 ? ...`). exp(z) - 1 rather than expm1(z), as PyTorch computes it.
// The kernel is selu's too (exponential_linear.hpp), here with scale 1.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "exponential_linear.hpp"

#include <iterator>

namespace neurite::plugins {
namespace {

constexpr ParamSpec kParams[] = {
    {.name = "alpha", .type = ParamType::real, .default_number = 1.0,
     .doc = "value approached for large negative z is -alpha (torch.nn.ELU's alpha)"},
};

Activation* make_elu(const ParamValues& p) {
  return new ExponentialLinear(1.0f, static_cast<float>(p.real("alpha")));
}
}  // namespace

const ComponentInfo elu_component{"elu", "a = z if z > 0, else alpha * (exp(z) - 1)", kParams,
                                  std::size(kParams), &make_elu};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::elu_component, elu)
