// softmax_cross_entropy: softmax and cross-entropy fused, on logits
// (torch.nn.CrossEntropyLoss with one-hot / probability targets).
//   per row   lse_i = m_i + log sum_k exp(z_ik - m_i),   m_i = max_k z_ik
//   sum       L  = sum_i sum_j t_ij * (lse_i - z_ij)      (= lse_i - z_iy for one-hot)
//   gradient  dz_ij = scale * (softmax(z)_ij * sum_k t_ik - t_ij)
//                   = scale * (softmax(z)_ij - t_ij)      for one-hot rows
// Fusing avoids log(softmax) = log(0) = -inf for very negative logits: the
// log-sum-exp with the row maximum subtracted never overflows nor underflows
// to log(0). terms_per_sample is 1 (one term per sample, as PyTorch's mean).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include <algorithm>
#include <cmath>

namespace neurite::plugins {
namespace {
class SoftmaxCrossEntropy final : public Loss {
 public:
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    double total = 0.0;
    for (Index r = 0; r < pred.rows(); ++r) {
      const double m = pred.row(r).maxCoeff();
      double s = 0.0;
      for (Index c = 0; c < pred.cols(); ++c) s += std::exp(static_cast<double>(pred(r, c)) - m);
      const double lse = m + std::log(s);
      for (Index c = 0; c < pred.cols(); ++c)
        total += static_cast<double>(target(r, c)) * (lse - static_cast<double>(pred(r, c)));
    }
    return total;
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                MatrixRef dpred) const override {
    for (Index r = 0; r < pred.rows(); ++r) {  // row by row: no temporaries
      const float m = pred.row(r).maxCoeff();
      dpred.row(r).array() = (pred.row(r).array() - m).exp();
      const float mass = target.row(r).sum();  // 1 for one-hot rows
      dpred.row(r) *= mass / dpred.row(r).sum();
      dpred.row(r) = scale * (dpred.row(r) - target.row(r));
    }
  }
  // One pass: the exponentials of the gradient also give the log-sum-exp.
  // Rows go in blocks: each row gets its maximum subtracted (plain loops: with
  // few classes a row is shorter than a SIMD register, and Eigen's per-row
  // expressions cost more than the arithmetic), then exp runs over the whole
  // block at once and log over the block's row sums, both vectorised; the
  // per-row scratch is on the stack (no allocation). The row's log-sum-exp is
  // float, so the value can differ from sum() in the last bits.
  double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                          MatrixRef dpred) const override {
    constexpr Index kBlock = 64;
    using Column = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, 1>>;
    float max_buf[kBlock], sum_buf[kBlock], mass_buf[kBlock], dot_buf[kBlock];
    const Index cols = pred.cols();
    double total = 0.0;
    for (Index begin = 0; begin < pred.rows(); begin += kBlock) {
      const Index n = std::min(kBlock, pred.rows() - begin);
      for (Index i = 0; i < n; ++i) {
        const float* z = pred.row(begin + i).data();
        float* e = &dpred(begin + i, 0);
        float m = z[0];
        for (Index c = 1; c < cols; ++c) m = std::max(m, z[c]);
        for (Index c = 0; c < cols; ++c) e[c] = z[c] - m;
        max_buf[i] = m;
      }
      auto block = dpred.middleRows(begin, n);
      if (block.outerStride() == cols)  // contiguous rows: one flat, vectorised exp
        Eigen::Map<Eigen::ArrayXf>(block.data(), block.size()) =
            Eigen::Map<Eigen::ArrayXf>(block.data(), block.size()).exp();
      else
        block.array() = block.array().exp();
      for (Index i = 0; i < n; ++i) {
        const float* z = pred.row(begin + i).data();
        const float* t = target.row(begin + i).data();
        const float* e = &dpred(begin + i, 0);
        float s = 0.0f, mass = 0.0f, dot = 0.0f;
        for (Index c = 0; c < cols; ++c) s += e[c], mass += t[c], dot += t[c] * z[c];
        sum_buf[i] = s, mass_buf[i] = mass, dot_buf[i] = dot;  // mass is 1 for one-hot rows
      }
      Column row_max(max_buf, n), row_sum(sum_buf, n), mass(mass_buf, n), dot(dot_buf, n);
      // loss_i = mass_i * lse_i - t_i . z_i with lse_i = max_i + log(sum_i)
      dot = mass * (row_max + row_sum.log()) - dot;
      row_sum = scale * mass / row_sum;  // now the factor of each row's exponentials
      for (Index i = 0; i < n; ++i) {
        const float* t = target.row(begin + i).data();
        float* e = &dpred(begin + i, 0);
        total += static_cast<double>(dot_buf[i]);
        for (Index c = 0; c < cols; ++c) e[c] = sum_buf[i] * e[c] - scale * t[c];
      }
    }
    return total;
  }
  Index terms_per_sample(Index /*output_cols*/) const override { return 1; }
  OutputKind output_kind() const override { return OutputKind::logits; }
};

Loss* make_softmax_cross_entropy(const ParamValues& /*params*/) { return new SoftmaxCrossEntropy(); }
}  // namespace

const ComponentInfo softmax_cross_entropy_component{
    "softmax_cross_entropy", "cross-entropy of softmax(logits) against one-hot targets (fused)",
    nullptr, 0, &make_softmax_cross_entropy};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::softmax_cross_entropy_component, softmax_cross_entropy)
