// huber: quadratic near zero, linear beyond `delta` (Huber, 1964;
// torch.nn.HuberLoss, reduction='mean' once the trainer divides by rows * cols).
// With z = |p - t|:
//   sum       L  = sum_ij  0.5 z^2                 if z < delta
//                          delta (z - 0.5 delta)   otherwise
//   gradient  dp = scale * clamp(p - t, -delta, delta)
// Equals smooth_l1 with beta = delta times delta (PyTorch's HuberLoss docs);
// the two differ in scale and in the parameter's name, as in PyTorch.
// The span kernel (spans.hpp) writes the loss branch-free as c (z - 0.5 c), c = min(z, delta).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

namespace neurite::plugins {
namespace {
class Huber final : public Loss {
 public:
  explicit Huber(double delta) : delta_(delta), delta_f_(static_cast<float>(delta)) {
    if (!(delta > 0.0))  // PyTorch: "huber_loss does not support non-positive values for delta."
      throw std::invalid_argument("delta must be > 0 (got " + std::to_string(delta) + "), as in torch.nn.HuberLoss");
  }
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    return losses::sum_elements(pred, target, [delta = delta_](double p, double t) {
      const double z = std::abs(p - t);
      return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
    });
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    const float delta = delta_f_;
    losses::for_each_span(pred, target, dpred, [scale, delta](auto p, auto t, auto d) {
      d = scale * (p - t).max(-delta).min(delta);
      return 0.0f;
    });
  }
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    const float delta = delta_f_;
    return losses::for_each_span(pred, target, dpred, [scale, delta](auto p, auto t, auto d) {
      const float s = losses::clamped_difference(p, t, d, delta);  // d: the clamped difference c, signed
      d *= scale;
      return s;
    });
  }
  Index terms_per_sample(Index output_cols) const override { return output_cols; }
  OutputKind output_kind() const override { return OutputKind::values; }

 private:
  double delta_;
  float delta_f_;
};

constexpr ParamSpec kParams[] = {
    {.name = "delta", .type = ParamType::real, .default_number = 1.0, .min = 0.0,
     .doc = "where the loss turns from quadratic to linear (> 0)"},
};

Loss* make_huber(const ParamValues& p) { return new Huber(p.real("delta")); }
}  // namespace

const ComponentInfo huber_component{
    "huber", "mean of 0.5 (p - t)^2 if |p - t| < delta, else delta (|p - t| - 0.5 delta)", kParams,
    std::size(kParams), &make_huber};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::huber_component, huber)
