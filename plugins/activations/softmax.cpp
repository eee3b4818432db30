// softmax: normalised exponentials over each row (torch.nn.Softmax(dim=1)).
//   forward   a_ij = exp(z_ij - m_i) / sum_k exp(z_ik - m_i),   m_i = max_k z_ik
//   backward  dz_ij = a_ij * (da_ij - sum_k da_ik * a_ik)
// Subtracting the row maximum m_i changes nothing mathematically but keeps
// every exponent <= 0, so exp never overflows and the denominator is >= 1.
// For a classifier's last layer prefer the fused softmax_cross_entropy loss.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

namespace neurite::plugins {
namespace {
class Softmax final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    for (Index r = 0; r < z.rows(); ++r) {  // row by row: no temporaries
      const float m = z.row(r).maxCoeff();
      a.row(r).array() = (z.row(r).array() - m).exp();
      a.row(r) /= a.row(r).sum();
    }
  }
  void backward(ConstMatrixRef /*z*/, ConstMatrixRef a, ConstMatrixRef da,
                MatrixRef dz) const override {
    for (Index r = 0; r < a.rows(); ++r) {
      const float dot = a.row(r).dot(da.row(r));
      dz.row(r).array() = a.row(r).array() * (da.row(r).array() - dot);
    }
  }
};

Activation* make_softmax(const ParamValues& /*params*/) { return new Softmax(); }
}  // namespace

const ComponentInfo softmax_component{"softmax", "a_ij = exp(z_ij) / sum_k exp(z_ik), per row",
                                      nullptr, 0, &make_softmax};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::softmax_component, softmax)
