// The update adam.cpp and adamw.cpp share (their files carry the formula):
// moments m and v, optionally AMSGrad's running maximum of v, bias correction
// in double, eps added to sqrt(u) / sqrt(bias_correction2). The two differ
// only in where weight_decay enters, chosen at compile time so each keeps its
// own float expression: L2 adds it to the gradient, decoupled decay scales p
// before the step. Internal to plugins/optimizers (not a public header).
#pragma once
#include <neurite/kernels/elementwise.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/optimizer.hpp>

#include "optimizer_params.hpp"
#include "optimizer_state.hpp"

#include <cmath>
#include <vector>

namespace neurite::plugins {
enum class WeightDecay { l2, decoupled };

inline constexpr ParamSpec kAmsgradParam = {
    .name = "amsgrad", .type = ParamType::boolean, .default_number = 0.0,
    .doc = "normalise by the running maximum of the second moment (AMSGrad, Reddi et al., 2018)"};

/// adam (WeightDecay::l2) or adamw (WeightDecay::decoupled), named `name` in
/// messages and configured from the parameters both declare alike.
template <WeightDecay kDecay>
class AdamFamily final : public optimizer_state::PerParameterOptimizer {
 public:
  AdamFamily(const char* name, const ParamValues& p)
      : PerParameterOptimizer(p.real("learning_rate"), {name, /*counts_steps=*/true, buffers(p.boolean("amsgrad"))}),
        beta1_(p.real("beta1")), beta2_(p.real("beta2")), eps_(p.real("eps")),
        weight_decay_(p.real("weight_decay")), amsgrad_(p.boolean("amsgrad")) {
    optimizer_params::check_betas(name, beta1_, beta2_);
  }

  void step(std::span<const ParamSlot> slots) override {
    const float wd = static_cast<float>(weight_decay_);
    const float decay = static_cast<float>(1.0 - lr_ * weight_decay_);
    const float b1 = static_cast<float>(beta1_), b2 = static_cast<float>(beta2_);
    const float one_minus_b1 = static_cast<float>(1.0 - beta1_), one_minus_b2 = static_cast<float>(1.0 - beta2_);
    const float eps = static_cast<float>(eps_);
    state_.step_each(slots, [&](std::size_t i, const ParamSlot& s, double t) {
      const double bias_correction1 = 1.0 - std::pow(beta1_, t);
      const double bias_correction2 = 1.0 - std::pow(beta2_, t);
      const float step_size = static_cast<float>(lr_ / bias_correction1);
      const float bc2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
      float* const param = s.param.data;
      const float* const grad = s.gradient;
      float* const avg = state_.value(i, 0).data();
      float* const avg_sq = state_.value(i, 1).data();
      float* const max_sq = amsgrad_ ? state_.value(i, 2).data() : nullptr;
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), m(avg + begin, n), v(avg_sq + begin, n);
        const auto update = [&](const auto& g) {
          m = b1 * m + one_minus_b1 * g;
          v = b2 * v + one_minus_b2 * g * g;
          if (max_sq == nullptr) {
            p -= step_size * m / (v.sqrt() / bc2_sqrt + eps);
          } else {
            Eigen::Map<Eigen::ArrayXf> v_max(max_sq + begin, n);
            v_max = v_max.max(v);
            p -= step_size * m / (v_max.sqrt() / bc2_sqrt + eps);
          }
        };
        if constexpr (kDecay == WeightDecay::l2) {
          update(Eigen::Map<const Eigen::ArrayXf>(grad + begin, n) + wd * p);  // per element
        } else {
          p *= decay;
          update(Eigen::Map<const Eigen::ArrayXf>(grad + begin, n));
        }
      });
    });
  }

 private:
  // PyTorch's state names; the maximum only with amsgrad.
  static std::vector<optimizer_state::PerParameter::Buffer> buffers(bool amsgrad) {
    if (amsgrad) return {{"exp_avg"}, {"exp_avg_sq"}, {"max_exp_avg_sq"}};
    return {{"exp_avg"}, {"exp_avg_sq"}};
  }

  double beta1_, beta2_, eps_, weight_decay_;
  bool amsgrad_;
};
}  // namespace neurite::plugins
