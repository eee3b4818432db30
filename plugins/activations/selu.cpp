// selu: scaled exponential linear unit (Klambauer et al., 2017; torch.nn.SELU).
//   forward   a  = scale * z if z > 0,   scale * alpha * (exp(z) - 1) otherwise
//   backward  dz = scale * da if z > 0,  da * scale * alpha * exp(z) otherwise
// with PyTorch's constants alpha = 1.6732632423543772848170429916717 and
// scale = 1.0507009873554804934193349852946. As in PyTorch (selu is its elu
// kernel with these coefficients), scale * alpha is formed in float, and
// z == 0 takes the second branch (gradient scale * alpha).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "exponential_linear.hpp"

namespace neurite::plugins {
namespace {
constexpr float kAlpha = static_cast<float>(1.6732632423543772848170429916717);
constexpr float kScale = static_cast<float>(1.0507009873554804934193349852946);

// elu's kernel (exponential_linear.hpp) with PyTorch's coefficients.
Activation* make_selu(const ParamValues& /*params*/) { return new ExponentialLinear(kScale, kAlpha * kScale); }
}  // namespace

const ComponentInfo selu_component{
    "selu", "a = scale * (z if z > 0, else alpha * (exp(z) - 1)), alpha = 1.6732632, scale = 1.0507010",
    nullptr, 0, &make_selu};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::selu_component, selu)
