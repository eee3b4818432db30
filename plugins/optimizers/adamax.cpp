// adamax: Adam with the infinity norm (Kingma & Ba, 2015, section 7.1),
// exactly torch.optim.Adamax (1.13). For every trainable parameter p with
// gradient g (each parameter counts its own steps t, as PyTorch does):
//   t = t + 1
//   g = g + weight_decay * p                       (if weight_decay != 0)
//   m = beta1 * m + (1 - beta1) * g
//   u = max(beta2 * u, |g| + eps)                  (u starts at 0)
//   p = p - (learning_rate / (1 - beta1^t)) * m / u
// The paper's Algorithm 2 has u = max(beta2 * u, |g|) and no eps; PyTorch
// adds eps to |g| inside the max (so u > 0 from the first step). The scalar
// factor is computed in double from the current learning rate.
// state(): for each parameter i, "i.step" (1x1), "i.exp_avg", "i.exp_inf"
// (PyTorch's state names).
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

class Adamax final : public optimizer_state::PerParameterOptimizer {
 public:
  Adamax(double lr, double beta1, double beta2, double eps, double weight_decay)
      : PerParameterOptimizer(lr, {"adamax", /*counts_steps=*/true, {{"exp_avg"}, {"exp_inf"}}}), beta1_(beta1), beta2_(beta2), eps_(eps), weight_decay_(weight_decay) {
    params::check_betas("adamax", beta1, beta2);
  }

  void step(std::span<const ParamSlot> slots) override {
    const float wd = static_cast<float>(weight_decay_);
    const float b1 = static_cast<float>(beta1_), b2 = static_cast<float>(beta2_);
    const float one_minus_b1 = static_cast<float>(1.0 - beta1_), eps = static_cast<float>(eps_);
    state_.step_each(slots, [&](std::size_t i, const ParamSlot& s, double t) {
      const float clr = static_cast<float>(lr_ / (1.0 - std::pow(beta1_, t)));
      float* const param = s.param.data;
      const float* const raw = s.gradient;
      float* const avg = state_.value(i, 0).data();
      float* const inf = state_.value(i, 1).data();
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), m(avg + begin, n), u(inf + begin, n);
        const auto g = Eigen::Map<const Eigen::ArrayXf>(raw + begin, n) + wd * p;  // per element
        m = b1 * m + one_minus_b1 * g;
        u = (b2 * u).max(g.abs() + eps);
        p -= clr * m / u;
      });
    });
  }

 private:
  double beta1_, beta2_, eps_, weight_decay_;
};

constexpr ParamSpec kParams[] = {
    params::learning_rate(0.002),
    params::beta1,
    params::beta2("decay of the infinity norm, < 1 (torch: betas[1])"),
    params::eps(1e-8, "added to |g| inside the max for stability"),
    params::l2_weight_decay,
};

Optimizer* make_adamax(const ParamValues& p) {
  return new Adamax(p.real("learning_rate"), p.real("beta1"), p.real("beta2"), p.real("eps"),
                    p.real("weight_decay"));
}
}  // namespace

const ComponentInfo adamax_component{
    "adamax", "m = b1*m + (1-b1)*g; u = max(b2*u, |g| + eps); p -= lr/(1-b1^t) * m / u, g = grad + wd*p",
    kParams, std::size(kParams), &make_adamax};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::adamax_component, adamax)
