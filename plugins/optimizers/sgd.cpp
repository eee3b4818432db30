// sgd: stochastic gradient descent with optional momentum, dampening,
// Nesterov momentum and L2 weight decay, exactly torch.optim.SGD (1.13).
// For every trainable parameter p with gradient g:
//   d = g + weight_decay * p                       (if weight_decay != 0)
//   if momentum != 0:
//     if the parameter has no buffer yet:  buf = d           (PyTorch: the buffer
//     else:  buf = momentum * buf + (1 - dampening) * d       starts at the first d,
//     d = d + momentum * buf   if nesterov                    not at 0 as in Sutskever
//     d = buf                  otherwise                      et al., 2013)
//   p = p - learning_rate * d
// Nesterov needs momentum > 0 and dampening == 0 (PyTorch's check). A frozen
// parameter (trainable == false) is skipped and its buffer stays absent.
// state(): for each parameter i, "i.momentum_buffer" (the parameter's shape)
// and "i.has_momentum_buffer" (1x1, 0 or 1), in parameter order.
#include <neurite/kernels/elementwise.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/optimizer.hpp>

#include "optimizer_params.hpp"
#include "optimizer_state.hpp"

#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::plugins {
namespace {
class Sgd final : public optimizer_state::PerParameterOptimizer {
 public:
  Sgd(double lr, double momentum, double dampening, bool nesterov, double weight_decay)
      // No step count; the flag (1x1, 0 or 1) says whether the buffer exists yet.
      : PerParameterOptimizer(lr, {"sgd", /*counts_steps=*/false,
                                   {{"momentum_buffer"},
                                    {"has_momentum_buffer", 0.0f, /*scalar=*/true, &is_flag, "0 or 1"}}}),
        momentum_(momentum), dampening_(dampening), nesterov_(nesterov),
        weight_decay_(weight_decay) {
    if (nesterov && (momentum <= 0.0 || dampening != 0.0))
      throw std::invalid_argument("sgd: nesterov momentum requires momentum > 0 and dampening == 0 (got momentum " +
                                  std::to_string(momentum) + ", dampening " + std::to_string(dampening) + ")");
  }

  void step(std::span<const ParamSlot> slots) override {
    const float lr = static_cast<float>(lr_), wd = static_cast<float>(weight_decay_);
    const float mom = static_cast<float>(momentum_), damp = static_cast<float>(1.0 - dampening_);
    state_.step_each(slots, [&](std::size_t i, const ParamSlot& s, double /*t: not counted*/) {
      float& has_buffer = state_.value(i, kHasBuffer)(0, 0);
      const bool first = has_buffer == 0.0f;
      if (momentum_ != 0.0) has_buffer = 1.0f;
      float* const param = s.param.data;
      const float* const grad = s.gradient;
      float* const buffer = state_.value(i, kBuffer).data();
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), buf(buffer + begin, n);
        const Eigen::Map<const Eigen::ArrayXf> g(grad + begin, n);
        const auto d = g + wd * p;  // an expression: evaluated per element
        if (momentum_ == 0.0) {
          p -= lr * d;
          return;
        }
        if (first) buf = d;
        else buf = mom * buf + damp * d;
        if (nesterov_) p -= lr * (d + mom * buf);
        else p -= lr * buf;
      });
    });
  }

 private:
  enum : std::size_t { kBuffer, kHasBuffer };  // buffer order in state_
  static bool is_flag(float v) { return v == 0.0f || v == 1.0f; }

  double momentum_, dampening_;
  bool nesterov_;
  double weight_decay_;
};

constexpr ParamSpec kParams[] = {
    {.name = "learning_rate", .type = ParamType::real, .min = 0.0, .doc = "step size (torch: lr)",
     .required = true},
    {.name = "momentum", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "momentum factor"},
    {.name = "dampening", .type = ParamType::real, .default_number = 0.0,
     .doc = "dampening for momentum"},
    {.name = "nesterov", .type = ParamType::boolean, .default_number = 0.0,
     .doc = "use Nesterov momentum (Sutskever et al., 2013)"},
    optimizer_params::l2_weight_decay,
};

Optimizer* make_sgd(const ParamValues& p) {
  return new Sgd(p.real("learning_rate"), p.real("momentum"), p.real("dampening"),
                 p.boolean("nesterov"), p.real("weight_decay"));
}
}  // namespace

const ComponentInfo sgd_component{
    "sgd",
    "d = g + wd*p; buf = momentum*buf + (1-dampening)*d (buf = d at first); p -= lr * (nesterov ? d + momentum*buf : buf)",
    kParams, std::size(kParams), &make_sgd};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::sgd_component, sgd)
