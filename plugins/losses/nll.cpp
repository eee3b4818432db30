// nll: negative log-likelihood of log-probabilities x, e.g. a log_softmax
// output (torch.nn.NLLLoss with class-index targets, given here as one-hot
// rows; reduction='mean' divides by the rows: terms_per_sample is 1).
//   sum       L  = - sum_i x_{i,y_i}  = - sum_ij t_ij x_ij   over t_ij != 0
//   gradient  dx = - scale * t
// Only target entries count, as PyTorch picks x[y]: a log-probability of
// -inf in another column (log 0) leaves the loss finite, where t * x would
// make it NaN. Soft target rows give - sum_j t_ij x_ij. PyTorch's class
// `weight` and `ignore_index` are not offered.
// output_kind is logits: OutputKind has no log-probabilities, and the argmax
// (what metrics read for k > 1 columns) is the same. Needs k >= 2 columns.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <cmath>

namespace neurite::plugins {
namespace {
class Nll final : public Loss {
 public:
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    double total = 0.0;
    for (Index r = 0; r < pred.rows(); ++r)
      for (Index c = 0; c < pred.cols(); ++c)
        if (target(r, c) != 0.0f) total -= static_cast<double>(target(r, c)) * static_cast<double>(pred(r, c));
    return total;
  }
  void gradient(ConstMatrixRef /*pred*/, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    dpred = -scale * target;
  }
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    return losses::for_each_span(pred, target, dpred, [scale](auto x, auto t, auto d) {
      d = -scale * t;
      const float s = -(t * x).sum();  // vectorised; select() is not
      if (!std::isnan(s)) return s;
      return -(t != 0.0f).select(t * x, 0.0f).sum();  // 0 * -inf off target, or a NaN to keep
    });
  }
  Index terms_per_sample(Index /*output_cols*/) const override { return 1; }
  OutputKind output_kind() const override { return OutputKind::logits; }
};

Loss* make_nll(const ParamValues& /*params*/) { return new Nll(); }
}  // namespace

const ComponentInfo nll_component{"nll", "-mean over samples of x[target] on log-probabilities x (log_softmax output)",
                                  nullptr, 0, &make_nll};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::nll_component, nll)
