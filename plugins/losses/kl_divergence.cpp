// kl_divergence: Kullback-Leibler divergence of target distributions t from
// the model's, given as log-probabilities x, e.g. a log_softmax output
// (torch.nn.KLDivLoss, 1.13: xlogy(t, t) - t x).
//   log_target = false   sum  L  = sum_ij xlogy(t, t) - t x     (0 log 0 = 0)
//                        grad dx = - scale * t
//   log_target = true    sum  L  = sum_ij exp(t) (t - x)        (t given as log-probabilities)
//                        grad dx = - scale * exp(t)
// terms_per_sample is 1: the trainer's mean is reduction='batchmean' (divide
// by the rows), the one PyTorch recommends and the true KL divergence per
// sample. PyTorch's default 'mean' divides by every element (rows * cols),
// which is 'batchmean' / cols; reduction: sum is PyTorch's 'sum'.
// output_kind is logits: OutputKind has no log-probabilities, and the argmax
// (what metrics read for k > 1 columns) is the same.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <cmath>
#include <iterator>
#include <limits>

namespace neurite::plugins {
namespace {
class KlDivergence final : public Loss {
 public:
  explicit KlDivergence(bool log_target) : log_target_(log_target) {}
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    return losses::sum_elements(pred, target, [log_target = log_target_](double x, double t) {
      return log_target ? std::exp(t) * (t - x) : (t == 0.0 ? 0.0 : t * std::log(t)) - t * x;
    });
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    if (log_target_)
      losses::for_each_span(pred, target, dpred, [scale](auto /*x*/, auto t, auto d) {
        d = -scale * t.exp();
        return 0.0f;
      });
    else
      dpred = -scale * target;
  }
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    if (log_target_)
      return losses::for_each_span(pred, target, dpred, [scale](auto x, auto t, auto d) {
        d = t.exp();
        const float s = (d * (t - x)).sum();
        d *= -scale;
        return s;
      });
    return losses::for_each_span(pred, target, dpred, [scale](auto x, auto t, auto d) {
      d = -scale * t;
      // xlogy(t, t) = t log max(t, FLT_MIN): 0 at t == 0 where t log t would
      // be 0 * -inf = NaN, and the same as t log t to the last bit above
      // FLT_MIN (below, both round to 0 next to any other term). Vectorised,
      // where select() is not. A negative target is NaN, as in PyTorch.
      const float s =
          (t * t.max(std::numeric_limits<float>::min()).log() - t * x).sum();
      return t.minCoeff() < 0.0f ? std::numeric_limits<float>::quiet_NaN() : s;
    });
  }
  Index terms_per_sample(Index /*output_cols*/) const override { return 1; }
  OutputKind output_kind() const override { return OutputKind::logits; }

 private:
  bool log_target_;
};

constexpr ParamSpec kParams[] = {
    {.name = "log_target", .type = ParamType::boolean, .default_number = 0.0,
     .doc = "targets are log-probabilities (else probabilities)"},
};

Loss* make_kl_divergence(const ParamValues& p) { return new KlDivergence(p.boolean("log_target")); }
}  // namespace

const ComponentInfo kl_divergence_component{
    "kl_divergence",
    "sum(t (log t - x)) / rows on log-probabilities x (torch KLDivLoss, reduction='batchmean')", kParams,
    std::size(kParams), &make_kl_divergence};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::kl_divergence_component, kl_divergence)
