// The kernel elu and selu share (PyTorch's selu is its elu kernel with fixed
// coefficients):
//   forward   a  = scale * max(z, 0) + neg * (exp(min(z, 0)) - 1)
//   backward  dz = scale * da if z > 0,  da * neg * exp(z) otherwise
// elu is scale = 1, neg = alpha; selu is scale = 1.0507..., neg = alpha * scale
// (formed in float, as PyTorch). On either side of 0 one term of the forward
// is exactly 0, so the value is PyTorch's without a per-element branch (and a
// scale of 1 changes no bit); min(z, 0) keeps exp from overflowing for large
// positive z. z == 0 takes the second branch, as PyTorch's elu_backward.
#pragma once
#include <neurite/plugin/activation.hpp>

namespace neurite::plugins {
class ExponentialLinear final : public Activation {
 public:
  ExponentialLinear(float scale, float neg) : scale_(scale), neg_(neg) {}

  void forward(ConstMatrixRef z, MatrixRef a) const override {
    a.array() = scale_ * z.array().max(0.0f) + neg_ * (z.array().min(0.0f).exp() - 1.0f);
  }
  // Two passes per row, both vectorised: the z <= 0 branch (with exp) for
  // every element, then a select that only copies (Eigen 3.4 evaluates
  // select() element by element, so exp inside it would run in scalar form).
  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da, MatrixRef dz) const override {
    for (Index r = 0; r < z.rows(); ++r) {
      const auto x = z.row(r).array(), g = da.row(r).array();
      auto out = dz.row(r).array();
      out = g * neg_ * x.min(0.0f).exp();
      out = (x > 0.0f).select(g * scale_, out);
    }
  }

 private:
  float scale_, neg_;
};
}  // namespace neurite::plugins
