// softmax_cross_entropy: softmax and cross-entropy fused, on logits
// (torch.nn.CrossEntropyLoss with one-hot / probability targets).
// label_smoothing e (PyTorch 1.13, Szegedy et al., 2016) mixes the targets
// with the uniform distribution over the C columns: t' = (1 - e) t + e / C,
// which for one-hot rows is exactly PyTorch's class-index formula
// (1 - e) * nll + e / C * sum_k (lse - z_k), and for probability rows is
// PyTorch's probability-target formula.
//   per row   lse_i = m_i + log sum_k exp(z_ik - m_i),   m_i = max_k z_ik
//   sum       L  = sum_i sum_j t'_ij * (lse_i - z_ij)      (= lse_i - z_iy for one-hot, e = 0)
//   gradient  dz_ij = scale * (softmax(z)_ij * sum_k t'_ik - t'_ij)
//                   = scale * (softmax(z)_ij - t'_ij)      for one-hot rows
// Fusing avoids log(softmax) = log(0) = -inf for very negative logits: the
// log-sum-exp with the row maximum subtracted never overflows nor underflows
// to log(0). terms_per_sample is 1 (one term per sample, as PyTorch's mean).
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/loss.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace neurite::plugins {
namespace {
class SoftmaxCrossEntropy final : public Loss {
 public:
  explicit SoftmaxCrossEntropy(double label_smoothing) : smoothing_(label_smoothing) {}
  double sum(ConstMatrixRef pred, ConstMatrixRef target) const override {
    const double keep = 1.0 - smoothing_, uniform = smoothing_ / static_cast<double>(pred.cols());
    double total = 0.0;
    for (Index r = 0; r < pred.rows(); ++r) {
      const double m = pred.row(r).maxCoeff();
      double s = 0.0;
      for (Index c = 0; c < pred.cols(); ++c) s += std::exp(static_cast<double>(pred(r, c)) - m);
      const double lse = m + std::log(s);
      for (Index c = 0; c < pred.cols(); ++c)
        total += (keep * static_cast<double>(target(r, c)) + uniform) * (lse - static_cast<double>(pred(r, c)));
    }
    return total;
  }
  void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                MatrixRef dpred) const override {
    const float keep = static_cast<float>(1.0 - smoothing_);
    const float uniform = static_cast<float>(smoothing_ / static_cast<double>(pred.cols()));
    for (Index r = 0; r < pred.rows(); ++r) {  // row by row: no temporaries
      const float m = pred.row(r).maxCoeff();
      dpred.row(r).array() = (pred.row(r).array() - m).exp();
      // sum_k t'_k: 1 for one-hot rows
      const float mass = keep * target.row(r).sum() + static_cast<float>(smoothing_);
      dpred.row(r) *= mass / dpred.row(r).sum();
      dpred.row(r).array() = scale * (dpred.row(r).array() - keep * target.row(r).array() - uniform);
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
    if (pred.cols() == 2 && pred.outerStride() == 2 && target.outerStride() == 2 && dpred.outerStride() == 2)
      return two_classes(pred, target, scale, dpred);
    constexpr Index kBlock = 64;
    using Column = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, 1>>;
    float max_buf[kBlock], sum_buf[kBlock], mass_buf[kBlock], dot_buf[kBlock];
    const Index cols = pred.cols();
    const float keep = static_cast<float>(1.0 - smoothing_), smoothing = static_cast<float>(smoothing_);
    const float uniform = static_cast<float>(smoothing_ / static_cast<double>(cols));
    const float scale_keep = scale * keep, scale_uniform = scale * uniform;
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
        float s = 0.0f, mass = 0.0f, dot = 0.0f, z_sum = 0.0f;
        for (Index c = 0; c < cols; ++c) s += e[c], mass += t[c], dot += t[c] * z[c], z_sum += z[c];
        // t' = keep * t + uniform: mass' = keep * mass + smoothing, t'.z = keep * t.z + uniform * sum z
        sum_buf[i] = s, mass_buf[i] = keep * mass + smoothing, dot_buf[i] = keep * dot + uniform * z_sum;
      }
      Column row_max(max_buf, n), row_sum(sum_buf, n), mass(mass_buf, n), dot(dot_buf, n);
      // loss_i = mass'_i * lse_i - t'_i . z_i with lse_i = max_i + log(sum_i); mass' is 1 for one-hot rows
      dot = mass * (row_max + row_sum.log()) - dot;
      row_sum = scale * mass / row_sum;  // now the factor of each row's exponentials
      for (Index i = 0; i < n; ++i) {
        const float* t = target.row(begin + i).data();
        float* e = &dpred(begin + i, 0);
        total += static_cast<double>(dot_buf[i]);
        for (Index c = 0; c < cols; ++c) e[c] = sum_buf[i] * e[c] - scale_keep * t[c] - scale_uniform;
      }
    }
    return total;
  }
  Index terms_per_sample(Index /*output_cols*/) const override { return 1; }
  OutputKind output_kind() const override { return OutputKind::logits; }

 private:
  // The same arithmetic as the general path, for two columns (moons, XOR,
  // circles: the learning path's networks), column-wise over a block of rows:
  // the rows' two logits are split into two vectors, so every step is one
  // SIMD operation over 16 rows instead of a loop of two over each row.
  double two_classes(ConstMatrixRef pred, ConstMatrixRef target, float scale, MatrixRef dpred) const {
    constexpr Index kBlock = 64;
    using Column = Eigen::Array<float, Eigen::Dynamic, 1, 0, kBlock, 1>;  // on the stack
    using Pairs = Eigen::Map<const Eigen::Array<float, Eigen::Dynamic, 1>, 0, Eigen::InnerStride<2>>;
    using OutPairs = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, 1>, 0, Eigen::InnerStride<2>>;
    const float keep = static_cast<float>(1.0 - smoothing_), smoothing = static_cast<float>(smoothing_);
    const float uniform = static_cast<float>(smoothing_ / 2.0);
    const float scale_keep = scale * keep, scale_uniform = scale * uniform;
    double total = 0.0;
    for (Index begin = 0; begin < pred.rows(); begin += kBlock) {
      const Index n = std::min(kBlock, pred.rows() - begin);
      const float* z = pred.data() + 2 * begin;  // rows of two, contiguous
      const float* t = target.data() + 2 * begin;
      float* g = dpred.data() + 2 * begin;
      const Column z0 = Pairs(z, n), z1 = Pairs(z + 1, n);
      const Column t0 = Pairs(t, n), t1 = Pairs(t + 1, n);
      const Column m = z0.max(z1);
      const Column e0 = (z0 - m).exp(), e1 = (z1 - m).exp();
      const Column sum = e0 + e1;
      const Column mass = keep * (t0 + t1) + smoothing;
      const Column loss = mass * (m + sum.log()) - (keep * (t0 * z0 + t1 * z1) + uniform * (z0 + z1));
      const Column factor = scale * mass / sum;
      OutPairs(g, n) = factor * e0 - scale_keep * t0 - scale_uniform;
      OutPairs(g + 1, n) = factor * e1 - scale_keep * t1 - scale_uniform;
      for (Index i = 0; i < n; ++i) total += static_cast<double>(loss[i]);
    }
    return total;
  }

  double smoothing_;
};

constexpr ParamSpec kParams[] = {
    {.name = "label_smoothing", .type = ParamType::real, .default_number = 0.0, .min = 0.0, .max = 1.0,
     .doc = "mix the targets with the uniform distribution: (1 - e) t + e / C"},
};

Loss* make_softmax_cross_entropy(const ParamValues& p) {
  return new SoftmaxCrossEntropy(p.real("label_smoothing"));
}
}  // namespace

const ComponentInfo softmax_cross_entropy_component{
    "softmax_cross_entropy",
    "-mean(sum_j t'_j log softmax(z)_j) on logits z, t' = (1 - label_smoothing) t + label_smoothing / C (fused)",
    kParams, std::size(kParams), &make_softmax_cross_entropy};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::softmax_cross_entropy_component, softmax_cross_entropy)
