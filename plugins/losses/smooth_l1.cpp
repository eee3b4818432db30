// smooth_l1: L1 with a quadratic piece below `beta` (Girshick, Fast R-CNN,
// 2015; torch.nn.SmoothL1Loss, reduction='mean' once the trainer divides by
// rows * cols). With z = |p - t|:
//   sum       L  = sum_ij  0.5 z^2 / beta          if z < beta
//                          z - 0.5 beta            otherwise
//   gradient  dp = scale * clamp((p - t) / beta, -1, 1)
// beta = 0 gives mae's values, and the gradient of PyTorch 1.13's
// smooth_l1_backward kernel: scale * (p - t > 0 ? 1 : -1), so -scale at a tie
// p == t (its test is x <= -beta), where mae (torch.sign) gives 0.
// smooth_l1 = huber(delta = beta) / beta for beta > 0: the two differ in scale
// and in the parameter's name, as in PyTorch.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <cmath>
#include <iterator>

namespace neurite::plugins {
namespace {
// beta = 0: d = +-scale, -scale at ties (torch tests x <= -beta first); NaN stays NaN.
void scaled_step(losses::ConstSpan p, losses::ConstSpan t, losses::Span d, float scale) {
  losses::map_elements(p, t, d, [scale](float pi, float ti, float /*di*/) {
    const float v = pi - ti;
    return v > 0.0f ? scale : (v <= 0.0f ? -scale : v);
  });
}

class SmoothL1 final : public Loss {
 public:
  explicit SmoothL1(double beta)
      : beta_(beta), beta_f_(static_cast<float>(beta)), inv_beta_f_(beta > 0.0 ? static_cast<float>(1.0 / beta) : 0.0f) {}
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    return losses::sum_elements(pred, target, [beta = beta_](double p, double t) {
      const double z = std::abs(p - t);
      return z < beta ? 0.5 * z * z / beta : z - 0.5 * beta;
    });
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    if (beta_ == 0.0) {
      losses::for_each_span(pred, target, dpred, [scale](auto p, auto t, auto d) {
        scaled_step(p, t, d, scale);
        return 0.0f;
      });
      return;
    }
    const float inv_beta = inv_beta_f_;
    losses::for_each_span(pred, target, dpred, [scale, inv_beta](auto p, auto t, auto d) {
      d = scale * ((p - t) * inv_beta).max(-1.0f).min(1.0f);
      return 0.0f;
    });
  }
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    if (beta_ == 0.0)
      return losses::for_each_span(pred, target, dpred, [scale](auto p, auto t, auto d) {
        scaled_step(p, t, d, scale);
        return (p - t).abs().sum();
      });
    const float beta = beta_f_, inv_beta = inv_beta_f_;
    return losses::for_each_span(pred, target, dpred, [scale, beta, inv_beta](auto p, auto t, auto d) {
      // huber(delta = beta) / beta: 0.5 z^2 / beta below beta, z - 0.5 beta above.
      const float s = losses::clamped_difference(p, t, d, beta) * inv_beta;
      d *= scale * inv_beta;
      return s;
    });
  }
  Index terms_per_sample(Index output_cols) const override { return output_cols; }
  OutputKind output_kind() const override { return OutputKind::values; }

 private:
  double beta_;
  float beta_f_, inv_beta_f_;
};

constexpr ParamSpec kParams[] = {
    {.name = "beta", .type = ParamType::real, .default_number = 1.0, .min = 0.0,
     .doc = "where the loss turns from quadratic to linear; 0 gives mae"},
};

Loss* make_smooth_l1(const ParamValues& p) { return new SmoothL1(p.real("beta")); }
}  // namespace

const ComponentInfo smooth_l1_component{
    "smooth_l1", "mean of 0.5 (p - t)^2 / beta if |p - t| < beta, else |p - t| - 0.5 beta", kParams,
    std::size(kParams), &make_smooth_l1};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::smooth_l1_component, smooth_l1)
