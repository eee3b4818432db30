// binary_cross_entropy_with_logits: sigmoid and binary cross-entropy fused, on
// logits x (torch.nn.BCEWithLogitsLoss; reduction='mean' once the trainer
// divides by rows * cols). With w = pos_weight and l = 1 + (w - 1) t:
//   sum       L  = sum_ij (1 - t) x + l * softplus(-x)
//   gradient  dx = scale * (l * sigmoid(x) - w t)      (= sigmoid(x) - t for w = 1)
// softplus(-x) = max(-x, 0) + log1p(exp(-|x|)) and sigmoid(x) from the same
// e = exp(-|x|) (1 / (1 + e) for x >= 0, e / (1 + e) below) never overflow:
// x = +-1000 gives exact, finite values where log(sigmoid(x)) would be -inf.
// pos_weight: PyTorch takes a tensor broadcast over the columns (one weight
// per class); here it is one scalar for every column. 1 (the default) is
// PyTorch's pos_weight=None. PyTorch's per-element `weight` is not offered.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace neurite::plugins {
namespace {
// d holds e = exp(-|x|) on entry; leaves scale * (l * sigmoid(x) - w t).
void gradient_from_e(losses::ConstSpan x, losses::ConstSpan t, losses::Span d, float scale, float w) {
  losses::map_elements(x, t, d, [scale, w](float xi, float ti, float e) {
    const float sigmoid = (xi >= 0.0f ? 1.0f : e) / (1.0f + e);
    return scale * ((1.0f + (w - 1.0f) * ti) * sigmoid - w * ti);
  });
}

class BinaryCrossEntropyWithLogits final : public Loss {
 public:
  explicit BinaryCrossEntropyWithLogits(double pos_weight)
      : pos_weight_(pos_weight), pos_weight_f_(static_cast<float>(pos_weight)) {}
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    return losses::sum_elements(pred, target, [w = pos_weight_](double x, double t) {
      const double softplus_neg = std::max(-x, 0.0) + std::log1p(std::exp(-std::abs(x)));
      return (1.0 - t) * x + (1.0 + (w - 1.0) * t) * softplus_neg;
    });
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    const float w = pos_weight_f_;
    losses::for_each_span(pred, target, dpred, [scale, w](auto x, auto t, auto d) {
      d = (-x.abs()).exp();
      gradient_from_e(x, t, d, scale, w);
      return 0.0f;
    });
  }
  // One exp per element serves both the loss and the gradient.
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    const float w = pos_weight_f_;
    return losses::for_each_span(pred, target, dpred, [scale, w](auto x, auto t, auto d) {
      d = (-x.abs()).exp();  // e
      // log(1 + e) as PyTorch's kernel (Eigen's log is vectorised; log1p differs only below 1e-7 * e)
      const float s = ((1.0f - t) * x + (1.0f + (w - 1.0f) * t) * ((-x).max(0.0f) + (1.0f + d).log())).sum();
      gradient_from_e(x, t, d, scale, w);
      return s;
    });
  }
  Index terms_per_sample(Index output_cols) const override { return output_cols; }
  OutputKind output_kind() const override { return OutputKind::logits; }

 private:
  double pos_weight_;
  float pos_weight_f_;
};

constexpr ParamSpec kParams[] = {
    {.name = "pos_weight", .type = ParamType::real, .default_number = 1.0, .min = 0.0,
     .doc = "weight of the positive term t log sigmoid(x), one scalar for all columns (1: unweighted)"},
};

Loss* make_binary_cross_entropy_with_logits(const ParamValues& p) {
  return new BinaryCrossEntropyWithLogits(p.real("pos_weight"));
}
}  // namespace

const ComponentInfo binary_cross_entropy_with_logits_component{
    "binary_cross_entropy_with_logits",
    "-mean(pos_weight t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))) on logits x (fused, stable)", kParams,
    std::size(kParams), &make_binary_cross_entropy_with_logits};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::binary_cross_entropy_with_logits_component,
                         binary_cross_entropy_with_logits)
