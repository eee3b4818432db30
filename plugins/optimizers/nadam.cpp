// nadam: Adam with Nesterov momentum (Dozat, 2016), with the momentum
// schedule of torch.optim.NAdam's documented algorithm (1.13). For every
// trainable parameter p with gradient g (each parameter counts its own steps
// t and keeps its own mu_product, as PyTorch does):
//   t = t + 1
//   g = g + weight_decay * p                       (if weight_decay != 0)
//   mu      = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay))
//   mu_next = beta1 * (1 - 0.5 * 0.96^((t + 1) * momentum_decay))
//   mu_product = mu_product * mu                   (starts at 1: prod of mu_1..mu_t)
//   m = beta1 * m + (1 - beta1) * g
//   v = beta2 * v + (1 - beta2) * g^2
//   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
//   p = p - learning_rate * (1 - mu) / (1 - mu_product) * g / denom
//         - learning_rate * mu_next / (1 - mu_product * mu_next) * m / denom
// Scalars are computed in double, except mu_product, which PyTorch keeps as a
// float32 tensor (so does this). Where PyTorch 1.13 differs from its docs:
// its default (single-tensor) path uses 1 - mu_product * mu * mu_next in the
// last denominator, multiplying mu_t in twice; the docs, 1.13's foreach path
// and PyTorch >= 2.0 (pytorch/pytorch#92699) use 1 - prod(mu_1..mu_{t+1}), as
// here. The difference fades as mu_product -> 0 but is large in early steps.
// state(): for each parameter i, "i.step" (1x1), "i.mu_product" (1x1),
// "i.exp_avg", "i.exp_avg_sq" (PyTorch's state names).
#include <neurite/kernels/elementwise.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/optimizer.hpp>

#include "optimizer_params.hpp"
#include "optimizer_state.hpp"

#include <cmath>
#include <iterator>
#include <vector>

namespace neurite::plugins {
namespace {
namespace params = optimizer_params;

class Nadam final : public optimizer_state::PerParameterOptimizer {
 public:
  Nadam(double lr, double beta1, double beta2, double eps, double weight_decay, double momentum_decay)
      // mu_product is float32 as PyTorch's state['mu_product'], starting at 1.
      : PerParameterOptimizer(lr, {"nadam", /*counts_steps=*/true,
                                   {{"mu_product", 1.0f, /*scalar=*/true, &is_unit_interval, "a value in [0, 1]"},
                                    {"exp_avg"},
                                    {"exp_avg_sq"}}}),
        beta1_(beta1), beta2_(beta2), eps_(eps), weight_decay_(weight_decay),
        momentum_decay_(momentum_decay) {
    params::check_betas("nadam", beta1, beta2);
  }

  void step(std::span<const ParamSlot> slots) override {
    const float wd = static_cast<float>(weight_decay_);
    const float b1 = static_cast<float>(beta1_), b2 = static_cast<float>(beta2_);
    const float one_minus_b1 = static_cast<float>(1.0 - beta1_), one_minus_b2 = static_cast<float>(1.0 - beta2_);
    const float eps = static_cast<float>(eps_);
    state_.step_each(slots, [&](std::size_t i, const ParamSlot& s, double t) {
      const double mu = beta1_ * (1.0 - 0.5 * std::pow(0.96, t * momentum_decay_));
      const double mu_next = beta1_ * (1.0 - 0.5 * std::pow(0.96, (t + 1.0) * momentum_decay_));
      float& mu_product = state_.value(i, kMuProduct)(0, 0);
      mu_product *= static_cast<float>(mu);  // float32, as PyTorch's tensor
      const double product = mu_product;
      const float grad_step = static_cast<float>(lr_ * (1.0 - mu) / (1.0 - product));
      const float avg_step = static_cast<float>(lr_ * mu_next / (1.0 - product * mu_next));
      const float bc2_sqrt = static_cast<float>(std::sqrt(1.0 - std::pow(beta2_, t)));
      float* const param = s.param.data;
      const float* const raw = s.gradient;
      float* const avg = state_.value(i, kExpAvg).data();
      float* const avg_sq = state_.value(i, kExpAvgSq).data();
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), m(avg + begin, n), v(avg_sq + begin, n);
        const auto g = Eigen::Map<const Eigen::ArrayXf>(raw + begin, n) + wd * p;  // per element
        m = b1 * m + one_minus_b1 * g;
        v = b2 * v + one_minus_b2 * g * g;
        const auto denom = v.sqrt() / bc2_sqrt + eps;
        // Two updates, rounded in PyTorch's order (p += -a*g/d, then p += -b*m/d).
        p = (p - grad_step * g / denom) - avg_step * m / denom;
      });
    });
  }

 private:
  enum : std::size_t { kMuProduct, kExpAvg, kExpAvgSq };  // buffer order in state_
  // A product of factors in [0, 1) stays in [0, 1].
  static bool is_unit_interval(float v) { return v >= 0.0f && v <= 1.0f; }

  double beta1_, beta2_, eps_, weight_decay_, momentum_decay_;
};

constexpr ParamSpec kParams[] = {
    params::learning_rate(0.002), params::beta1, params::beta2(), params::eps(1e-8), params::l2_weight_decay,
    {.name = "momentum_decay", .type = ParamType::real, .default_number = 0.004, .min = 0.0,
     .doc = "psi of the momentum schedule mu_t = beta1 * (1 - 0.5 * 0.96^(t * psi))"},
};

Optimizer* make_nadam(const ParamValues& p) {
  return new Nadam(p.real("learning_rate"), p.real("beta1"), p.real("beta2"), p.real("eps"),
                   p.real("weight_decay"), p.real("momentum_decay"));
}
}  // namespace

const ComponentInfo nadam_component{
    "nadam",
    "mu_t = b1*(1 - 0.5*0.96^(t*momentum_decay)); p -= lr*((1-mu_t)/(1-prod mu_1..t)*g + mu_t+1/(1-prod mu_1..t+1)*m) / (sqrt(v/(1-b2^t)) + eps)",
    kParams, std::size(kParams), &make_nadam};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::nadam_component, nadam)
