// mae (alias l1): mean absolute error (torch.nn.L1Loss; reduction='mean'
// once the trainer divides the sum by rows * cols, every element, as PyTorch).
//   sum       L  = sum_ij |p_ij - t_ij|
//   gradient  dp = scale * sign(p - t)        (0 where p == t, as torch.sign)
// `l1` is the same component under PyTorch's name: both descriptors share the
// factory.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <cmath>

namespace neurite::plugins {
namespace {
// d = scale * sign(p - t): 0 at ties as torch.sign, NaN stays NaN.
void scaled_sign(losses::ConstSpan p, losses::ConstSpan t, losses::Span d, float scale) {
  losses::map_elements(p, t, d, [scale](float pi, float ti, float /*di*/) {
    const float v = pi - ti;
    return v > 0.0f ? scale : (v < 0.0f ? -scale : v * 0.0f);
  });
}

class Mae final : public Loss {
 public:
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    return losses::sum_elements(pred, target, [](double p, double t) { return std::abs(p - t); });
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    losses::for_each_span(pred, target, dpred, [scale](auto p, auto t, auto d) {
      scaled_sign(p, t, d, scale);
      return 0.0f;
    });
  }
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    return losses::for_each_span(pred, target, dpred, [scale](auto p, auto t, auto d) {
      scaled_sign(p, t, d, scale);
      return (p - t).abs().sum();
    });
  }
  Index terms_per_sample(Index output_cols) const override { return output_cols; }
  OutputKind output_kind() const override { return OutputKind::values; }
};

Loss* make_mae(const ParamValues& /*params*/) { return new Mae(); }
}  // namespace

const ComponentInfo mae_component{"mae", "mean absolute error: mean(|pred - target|) (torch L1Loss)", nullptr,
                                  0, &make_mae};
const ComponentInfo l1_component{"l1", "alias of mae: mean(|pred - target|) (torch L1Loss)", nullptr, 0,
                                 &make_mae};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::mae_component, mae)
NEURITE_EXPORT_COMPONENT(neurite::plugins::l1_component, l1)
