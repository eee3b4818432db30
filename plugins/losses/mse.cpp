// mse: squared error (torch.nn.MSELoss; reduction='mean' once the trainer
// divides the sum by rows * cols).
//   sum       L  = sum_ij (p_ij - t_ij)^2
//   gradient  dp = scale * 2 * (p - t)
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

namespace neurite::plugins {
namespace {
class Mse final : public Loss {
 public:
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    return losses::sum_elements(pred, target, [](double p, double t) { return (p - t) * (p - t); });
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                MatrixRef dpred) const override {
    dpred.array() = (2.0f * scale) * (pred.array() - target.array());
  }
  Index terms_per_sample(Index output_cols) const override { return output_cols; }
  OutputKind output_kind() const override { return OutputKind::values; }
};

Loss* make_mse(const ParamValues& /*params*/) { return new Mse(); }
}  // namespace

const ComponentInfo mse_component{"mse", "mean squared error: mean((pred - target)^2)", nullptr, 0,
                                  &make_mse};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::mse_component, mse)
