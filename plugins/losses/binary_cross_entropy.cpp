// binary_cross_entropy: cross-entropy between predicted probabilities and 0/1
// (or soft) targets (torch.nn.BCELoss). Put a sigmoid before it.
//   sum       L  = sum_ij -( t_ij * max(log p_ij, -100) + (1 - t_ij) * max(log(1 - p_ij), -100) )
//   gradient  dp = scale * (p - t) / max(p * (1 - p), 1e-12)
// Both clamps are PyTorch's: the log at -100 keeps L finite for p = 0 or 1,
// and the denominator floor (EPSILON in its binary_cross_entropy_backward)
// keeps the gradient finite there.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include <algorithm>
#include <cmath>

namespace neurite::plugins {
namespace {
class BinaryCrossEntropy final : public Loss {
 public:
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    double total = 0.0;
    for (Index r = 0; r < pred.rows(); ++r)
      for (Index c = 0; c < pred.cols(); ++c) {
        const double p = pred(r, c), t = target(r, c);
        const double log_p = std::max(std::log(p), -100.0);
        const double log_1mp = std::max(std::log1p(-p), -100.0);
        total -= t * log_p + (1.0 - t) * log_1mp;
      }
    return total;
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                MatrixRef dpred) const override {
    dpred.array() = scale * (pred.array() - target.array()) /
                    (pred.array() * (1.0f - pred.array())).max(1e-12f);
  }
  Index terms_per_sample(Index output_cols) const override { return output_cols; }
  OutputKind output_kind() const override { return OutputKind::probabilities; }
};

Loss* make_binary_cross_entropy(const ParamValues& /*params*/) { return new BinaryCrossEntropy(); }
}  // namespace

const ComponentInfo binary_cross_entropy_component{
    "binary_cross_entropy", "-mean(t log p + (1 - t) log(1 - p)) on probabilities p", nullptr, 0,
    &make_binary_cross_entropy};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::binary_cross_entropy_component, binary_cross_entropy)
