// multi_margin: multi-class hinge loss (Weston & Watkins, 1999, as
// torch.nn.MultiMarginLoss) on scores x, targets one-hot (class y = the
// row's argmax). With C columns and z_c = margin - x_y + x_c:
//   sum       L  = sum_i sum_{c != y_i} max(0, z_ic)^p / C
//   gradient  dx_ic = scale * p * max(0, z_ic)^(p-1) / C   for c != y_i with z_ic > 0, else 0
//             dx_iy = - sum_{c != y} dx_ic
// The division by C is inside each sample's loss (PyTorch's per-sample
// value), so terms_per_sample is 1: reduction='mean' divides by the rows and
// reduction: sum equals PyTorch's 'sum'. PyTorch's class `weight` is not offered.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include "spans.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace neurite::plugins {
namespace {
class MultiMargin final : public Loss {
 public:
  MultiMargin(long long p, double margin) : p_(static_cast<int>(p)), margin_(margin) {}
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    const Index cols = pred.cols();
    double total = 0.0;
    for (Index r = 0; r < pred.rows(); ++r) {
      const Index y = target_class(target.row(r).data(), cols);
      const double base = margin_ - static_cast<double>(pred(r, y));
      double row = 0.0;
      for (Index c = 0; c < cols; ++c) {
        const double z = base + static_cast<double>(pred(r, c));
        if (c != y && z > 0.0) row += p_ == 1 ? z : z * z;
      }
      total += row / static_cast<double>(cols);
    }
    return total;
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const override {
    sum_and_gradient(pred, target, scale, dpred);  // the sum costs a few additions more
  }
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    return p_ == 1 ? pass<1>(pred, target, scale, dpred) : pass<2>(pred, target, scale, dpred);
  }
  Index terms_per_sample(Index /*output_cols*/) const override { return 1; }
  OutputKind output_kind() const override { return OutputKind::logits; }

 private:
  // The first column holding the row's largest target (the 1 of a one-hot row).
  static Index target_class(const float* t, Index cols) {
    Index y = 0;
    float best = t[0];  // in a register: no load waits on the previous choice
    for (Index c = 1; c < cols; ++c) {
      const bool better = t[c] > best;
      best = better ? t[c] : best;
      y = better ? c : y;
    }
    return y;
  }

  // Row by row (a row is one sample's few classes): the hinges in a plain
  // loop that vectorises, the row's sums as Eigen reductions.
  template <int P>
  double pass(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const {
    const Index cols = pred.cols();
    const float margin = static_cast<float>(margin_);
    const float k = P * scale / static_cast<float>(cols);  // d max(0, z)^P / dz / C, times scale
    double total = 0.0;
    for (Index r = 0; r < pred.rows(); ++r) {
      const float* x = pred.row(r).data();
      float* d = dpred.row(r).data();
      const Index y = target_class(target.row(r).data(), cols);
      const float base = margin - x[y];  // PyTorch's order: (margin - x_y) + x_c
      for (Index c = 0; c < cols; ++c) d[c] = std::max(base + x[c], 0.0f);
      d[y] = 0.0f;
      losses::Span hinge(d, cols);
      float row;
      if constexpr (P == 1) {
        row = hinge.sum();
        for (Index c = 0; c < cols; ++c) d[c] = d[c] > 0.0f ? k : 0.0f;
      } else {
        row = hinge.square().sum();
        hinge *= k;
      }
      d[y] = -hinge.sum();
      total += static_cast<double>(row) / static_cast<double>(cols);
    }
    return total;
  }

  int p_;
  double margin_;
};

constexpr ParamSpec kParams[] = {
    {.name = "p", .type = ParamType::integer, .default_number = 1.0, .min = 1.0, .max = 2.0,
     .doc = "exponent of the hinge: 1 (linear) or 2 (squared)"},
    {.name = "margin", .type = ParamType::real, .default_number = 1.0,
     .doc = "required gap between the target's score and every other score"},
};

Loss* make_multi_margin(const ParamValues& p) { return new MultiMargin(p.integer("p"), p.real("margin")); }
}  // namespace

const ComponentInfo multi_margin_component{
    "multi_margin", "mean over samples of sum_{c != y} max(0, margin - x_y + x_c)^p / C (multi-class hinge)",
    kParams, std::size(kParams), &make_multi_margin};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::multi_margin_component, multi_margin)
