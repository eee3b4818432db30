// adam: adaptive moment estimation (Kingma & Ba, 2015), exactly
// torch.optim.Adam (1.13), with the AMSGrad variant (Reddi et al., 2018).
// For every trainable parameter p with gradient g (each parameter counts its
// own steps t, as PyTorch does):
//   t = t + 1
//   g = g + weight_decay * p                       (L2 added to the gradient,
//                                                   not decoupled as AdamW)
//   m = beta1 * m + (1 - beta1) * g
//   v = beta2 * v + (1 - beta2) * g^2
//   if amsgrad:  v_max = max(v_max, v);  u = v_max    (v_max starts at 0)
//   else:        u = v
//   bias_correction1 = 1 - beta1^t
//   bias_correction2 = 1 - beta2^t
//   p = p - (learning_rate / bias_correction1) * m / (sqrt(u) / sqrt(bias_correction2) + eps)
// PyTorch differs from the paper's Algorithm 1 in where eps enters: it is
// added to sqrt(u) / sqrt(bias_correction2) (the paper's sqrt(v_hat) + eps),
// computed in this order; the scalar factors are computed in double. AMSGrad
// as in PyTorch keeps the maximum of the raw v and bias-corrects it afterwards
// (the paper's Algorithm 2 has no bias correction).
// state(): for each parameter i, "i.step" (1x1), "i.exp_avg", "i.exp_avg_sq"
// and, with amsgrad, "i.max_exp_avg_sq" (PyTorch's state names).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>

#include "adam_family.hpp"
#include "optimizer_params.hpp"

#include <iterator>

namespace neurite::plugins {
namespace {
namespace params = optimizer_params;

constexpr ParamSpec kParams[] = {
    params::learning_rate(0.001), params::beta1, params::beta2(), params::eps(1e-8),
    params::l2_weight_decay,
    kAmsgradParam,
};

Optimizer* make_adam(const ParamValues& p) { return new AdamFamily<WeightDecay::l2>("adam", p); }
}  // namespace

const ComponentInfo adam_component{
    "adam",
    "m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; p -= lr/(1-b1^t) * m / (sqrt(v [amsgrad: max v])/sqrt(1-b2^t) + eps)",
    kParams, std::size(kParams), &make_adam};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::adam_component, adam)
