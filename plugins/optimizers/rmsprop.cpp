// rmsprop: divide the gradient by a running root mean square of recent
// gradients (Hinton's lecture 6e, 2012), centered as in Graves (2013),
// exactly torch.optim.RMSprop (1.13). For every trainable parameter p with
// gradient g:
//   t = t + 1                                      (counted, not used)
//   g = g + weight_decay * p                       (if weight_decay != 0)
//   square_avg = alpha * square_avg + (1 - alpha) * g^2
//   if centered:
//     grad_avg = alpha * grad_avg + (1 - alpha) * g
//     avg = sqrt(square_avg - grad_avg^2) + eps
//   else:
//     avg = sqrt(square_avg) + eps
//   if momentum > 0:
//     buf = momentum * buf + g / avg               (buf starts at 0, unlike
//     p = p - learning_rate * buf                   sgd's first-gradient start)
//   else:
//     p = p - learning_rate * g / avg
// Averages start at 0 with no bias correction. PyTorch takes the square root
// before adding eps (TensorFlow adds eps inside); so does this.
// state(): for each parameter i, "i.step" (1x1), "i.square_avg", then
// "i.momentum_buffer" if momentum > 0 and "i.grad_avg" if centered (PyTorch's
// names, present under the same conditions).
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

class Rmsprop final : public optimizer_state::PerParameterOptimizer {
 public:
  Rmsprop(double lr, double alpha, double eps, double weight_decay, double momentum, bool centered)
      : PerParameterOptimizer(lr, {"rmsprop", /*counts_steps=*/true, buffers(momentum > 0.0, centered)}),
        alpha_(alpha), eps_(eps), weight_decay_(weight_decay), momentum_(momentum), centered_(centered) {}

  void step(std::span<const ParamSlot> slots) override {
    const float lr = static_cast<float>(lr_), wd = static_cast<float>(weight_decay_);
    const float alpha = static_cast<float>(alpha_), one_minus_alpha = static_cast<float>(1.0 - alpha_);
    const float eps = static_cast<float>(eps_), mom = static_cast<float>(momentum_);
    const bool has_buffer = momentum_ > 0.0;
    // The step is counted (PyTorch's state['step']) but not used.
    state_.step_each(slots, [&](std::size_t i, const ParamSlot& s, double /*t*/) {
      float* const param = s.param.data;
      const float* const raw = s.gradient;
      float* const sq = state_.value(i, 0).data();
      float* const buffer = has_buffer ? state_.value(i, 1).data() : nullptr;
      float* const gavg = centered_ ? state_.value(i, has_buffer ? 2 : 1).data() : nullptr;
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), v(sq + begin, n);
        const auto g = Eigen::Map<const Eigen::ArrayXf>(raw + begin, n) + wd * p;  // per element
        v = alpha * v + one_minus_alpha * g * g;
        if (gavg != nullptr) {
          Eigen::Map<Eigen::ArrayXf> ga(gavg + begin, n);
          ga = alpha * ga + one_minus_alpha * g;
          update(p, g, (v - ga * ga).sqrt() + eps, buffer, begin, n, lr, mom);
        } else {
          update(p, g, v.sqrt() + eps, buffer, begin, n, lr, mom);
        }
      });
    });
  }

 private:
  // PyTorch's state names, present under the same conditions.
  static std::vector<optimizer_state::PerParameter::Buffer> buffers(bool momentum, bool centered) {
    std::vector<optimizer_state::PerParameter::Buffer> out = {{"square_avg"}};
    if (momentum) out.push_back({"momentum_buffer"});
    if (centered) out.push_back({"grad_avg"});
    return out;
  }

  // p -= lr * buf after buf = mom * buf + g / avg, or p -= lr * g / avg
  // without a buffer; g and avg are per-element expressions.
  template <class G, class A>
  static void update(Eigen::Map<Eigen::ArrayXf>& p, const G& g, const A& avg, float* buffer, Index begin, Index n,
                     float lr, float mom) {
    if (buffer == nullptr) {
      p -= lr * g / avg;
      return;
    }
    Eigen::Map<Eigen::ArrayXf> buf(buffer + begin, n);
    buf = mom * buf + g / avg;
    p -= lr * buf;
  }

  double alpha_, eps_, weight_decay_, momentum_;
  bool centered_;
};

constexpr ParamSpec kParams[] = {
    params::learning_rate(0.01),
    {.name = "alpha", .type = ParamType::real, .default_number = 0.99, .min = 0.0, .max = 1.0,
     .doc = "smoothing constant of the running averages"},
    params::eps(1e-8, "added to the root mean square for stability"),
    params::l2_weight_decay,
    {.name = "momentum", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "momentum factor (0: no momentum buffer)"},
    {.name = "centered", .type = ParamType::boolean, .default_number = 0.0,
     .doc = "normalise by an estimate of the gradient's variance (Graves, 2013)"},
};

Optimizer* make_rmsprop(const ParamValues& p) {
  return new Rmsprop(p.real("learning_rate"), p.real("alpha"), p.real("eps"), p.real("weight_decay"),
                     p.real("momentum"), p.boolean("centered"));
}
}  // namespace

const ComponentInfo rmsprop_component{
    "rmsprop",
    "v = alpha*v + (1-alpha)*g^2; avg = sqrt(v [centered: - gavg^2]) + eps; buf = momentum*buf + g/avg; p -= lr*buf",
    kParams, std::size(kParams), &make_rmsprop};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::rmsprop_component, rmsprop)
