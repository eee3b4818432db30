// adagrad: adaptive subgradient method (Duchi, Hazan & Singer, 2011), exactly
// torch.optim.Adagrad (1.13). For every trainable parameter p with gradient g
// (each parameter counts its own steps t, as PyTorch does):
//   t = t + 1
//   clr = learning_rate / (1 + (t - 1) * lr_decay)
//   g = g + weight_decay * p                       (if weight_decay != 0)
//   sum = sum + g^2                                (sum starts at
//                                                   initial_accumulator_value)
//   p = p - clr * g / (sqrt(sum) + eps)
// The paper has no lr_decay, no eps and no initial accumulator; PyTorch adds
// eps outside the square root. clr is computed in double from the current
// learning rate, so a schedule's set_learning_rate() applies to the next step.
// state(): for each parameter i, "i.step" (1x1) and "i.sum" (PyTorch's names).
#include <neurite/kernels/elementwise.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/optimizer.hpp>

#include "optimizer_params.hpp"
#include "optimizer_state.hpp"

#include <iterator>
#include <vector>

namespace neurite::plugins {
namespace {
namespace params = optimizer_params;

class Adagrad final : public optimizer_state::PerParameterOptimizer {
 public:
  Adagrad(double lr, double lr_decay, double weight_decay, double initial_accumulator_value, double eps)
      // "sum": the running sum of squared gradients.
      : PerParameterOptimizer(lr, {"adagrad", /*counts_steps=*/true,
                                   {{"sum", static_cast<float>(initial_accumulator_value)}}}),
        lr_decay_(lr_decay), weight_decay_(weight_decay), eps_(eps) {}

  void step(std::span<const ParamSlot> slots) override {
    const float wd = static_cast<float>(weight_decay_), eps = static_cast<float>(eps_);
    state_.step_each(slots, [&](std::size_t i, const ParamSlot& s, double t) {
      const float clr = static_cast<float>(lr_ / (1.0 + (t - 1.0) * lr_decay_));
      float* const param = s.param.data;
      const float* const raw = s.gradient;
      float* const accumulator = state_.value(i, 0).data();
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), sum(accumulator + begin, n);
        const auto g = Eigen::Map<const Eigen::ArrayXf>(raw + begin, n) + wd * p;  // per element
        sum += g * g;
        p -= clr * g / (sum.sqrt() + eps);
      });
    });
  }

 private:
  double lr_decay_, weight_decay_, eps_;
};

constexpr ParamSpec kParams[] = {
    params::learning_rate(0.01),
    {.name = "lr_decay", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "step t uses learning_rate / (1 + (t - 1) * lr_decay)"},
    params::l2_weight_decay,
    {.name = "initial_accumulator_value", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "starting value of the sum of squared gradients"},
    params::eps(1e-10, "added to sqrt(sum) for stability"),
};

Optimizer* make_adagrad(const ParamValues& p) {
  return new Adagrad(p.real("learning_rate"), p.real("lr_decay"), p.real("weight_decay"),
                     p.real("initial_accumulator_value"), p.real("eps"));
}
}  // namespace

const ComponentInfo adagrad_component{
    "adagrad", "sum += g^2; p -= lr / (1 + (t-1)*lr_decay) * g / (sqrt(sum) + eps), g = grad + wd*p",
    kParams, std::size(kParams), &make_adagrad};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::adagrad_component, adagrad)
