// adamw: Adam with decoupled weight decay (Loshchilov & Hutter, 2019),
// exactly torch.optim.AdamW (1.13), with the AMSGrad variant (Reddi et al.,
// 2018). For every trainable parameter p with gradient g (each parameter
// counts its own steps t, as PyTorch does):
//   t = t + 1
//   p = p * (1 - learning_rate * weight_decay)     (decay first, from p itself;
//                                                   g is not changed)
//   m = beta1 * m + (1 - beta1) * g
//   v = beta2 * v + (1 - beta2) * g^2
//   if amsgrad:  v_max = max(v_max, v);  u = v_max    (v_max starts at 0)
//   else:        u = v
//   bias_correction1 = 1 - beta1^t
//   bias_correction2 = 1 - beta2^t
//   p = p - (learning_rate / bias_correction1) * m / (sqrt(u) / sqrt(bias_correction2) + eps)
// The paper scales the decay by a schedule multiplier eta_t alone; PyTorch
// multiplies it by the learning rate (so a learning-rate schedule also scales
// the decay), and adds eps to sqrt(u) / sqrt(bias_correction2) as in adam.
// The scalar factors are computed in double from the current learning rate.
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
    {.name = "weight_decay", .type = ParamType::real, .default_number = 0.01, .min = 0.0,
     .doc = "decoupled decay: p *= 1 - learning_rate * weight_decay before each step"},
    kAmsgradParam,
};

Optimizer* make_adamw(const ParamValues& p) { return new AdamFamily<WeightDecay::decoupled>("adamw", p); }
}  // namespace

const ComponentInfo adamw_component{
    "adamw",
    "p *= 1 - lr*wd; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; p -= lr/(1-b1^t) * m / (sqrt(v [amsgrad: max v])/sqrt(1-b2^t) + eps)",
    kParams, std::size(kParams), &make_adamw};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::adamw_component, adamw)
