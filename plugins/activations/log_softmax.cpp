// log_softmax: logarithm of the softmax of each row (torch.nn.LogSoftmax(dim=1)).
//   forward   a_ij  = z_ij - m_i - log(sum_k exp(z_ik - m_i)),   m_i = max_k z_ik
//   backward  dz_ij = da_ij - exp(a_ij) * sum_k da_ik
// Subtracting the row maximum keeps every exponent <= 0, so exp never
// overflows and the sum is >= 1 (its log is finite): rows like (1000, 0)
// or (1e30, -1e30) give finite outputs. Same order of operations as
// PyTorch's CPU kernel. Pair it with the `nll` loss, or use the fused
// softmax_cross_entropy loss on logits.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include <cmath>

namespace neurite::plugins {
namespace {
class LogSoftmax final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override {
    for (Index r = 0; r < z.rows(); ++r) {  // row by row: contiguous, no temporaries
      const float m = z.row(r).maxCoeff();
      const float log_sum = std::log((z.row(r).array() - m).exp().sum());
      a.row(r).array() = z.row(r).array() - m - log_sum;
    }
  }
  void backward(ConstMatrixRef /*z*/, ConstMatrixRef a, ConstMatrixRef da,
                MatrixRef dz) const override {
    for (Index r = 0; r < a.rows(); ++r) {
      const float sum = da.row(r).sum();
      dz.row(r).array() = da.row(r).array() - a.row(r).array().exp() * sum;
    }
  }
};

Activation* make_log_softmax(const ParamValues& /*params*/) { return new LogSoftmax(); }
}  // namespace

const ComponentInfo log_softmax_component{
    "log_softmax", "a_ij = z_ij - log(sum_k exp(z_ik)), per row (stable: max subtracted)", nullptr, 0,
    &make_log_softmax};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::log_softmax_component, log_softmax)
