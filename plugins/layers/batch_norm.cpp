// batch_norm: batch normalisation over features (torch.nn.BatchNorm1d on
// (n, features) input; Ioffe & Szegedy, 2015).
//   training  mu = mean over rows of x, var = biased variance over rows
//             xhat = (x - mu) / sqrt(var + eps),  y = weight * xhat + bias
//             running_mean = (1 - momentum) running_mean + momentum mu
//             running_var  = (1 - momentum) running_var  + momentum var * n / (n - 1)
//   eval      xhat = (x - running_mean) / sqrt(running_var + eps)
//   backward  (training) dx = inv_std / n * (n g - sum g - xhat sum(g xhat)),  g = dy * weight
//             (eval)     dx = dy * weight * inv_std
//             dweight += sum over rows of dy * xhat,  dbias += sum over rows of dy
// Parameters: weight (1, F) = 1, bias (1, F) = 0 (when affine), and the
// running statistics running_mean (1, F) = 0, running_var (1, F) = 1 as
// parameters that are not trained (stored with the model, skipped by
// optimizers). The statistics are those of the whole mini-batch, so the layer
// asks the trainer for one shard (needs_whole_batch); forward() in training
// mode updates the running statistics, which that single shard makes safe.
// A mini-batch of one row: PyTorch refuses it in training; here its variance
// is 0 (xhat = 0) and the running variance is left as it was.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include <cmath>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace neurite::plugins {
namespace {
class BatchNorm final : public Layer {
 public:
  BatchNorm(double momentum, double eps, bool affine)
      : momentum_(static_cast<float>(momentum)), eps_(static_cast<float>(eps)), affine_(affine) {}
  BatchNorm(const BatchNorm&) = delete;  // params_ points into the members
  BatchNorm& operator=(const BatchNorm&) = delete;

  Index build(Index input_cols, Rng& /*rng*/) override {
    if (input_cols < 1) throw std::invalid_argument("batch_norm: input has no columns");
    features_ = input_cols;
    weight_ = Matrix::Ones(1, features_);
    bias_ = Matrix::Zero(1, features_);
    running_mean_ = Matrix::Zero(1, features_);
    running_var_ = Matrix::Ones(1, features_);
    params_.clear();
    if (affine_) {
      params_.push_back({"weight", weight_.data(), 1, features_, true});
      params_.push_back({"bias", bias_.data(), 1, features_, true});
    }
    params_.push_back({"running_mean", running_mean_.data(), 1, features_, false});
    params_.push_back({"running_var", running_var_.data(), 1, features_, false});
    return features_;
  }

  // Buffer 0: y. Buffer 1: xhat. Buffer 2: dx. Buffer 3: per-feature rows
  // (inv_std, then two scratch rows: mean and variance, or backward's sums).
  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(0), max_rows, features_);
    resize_large(ws.buffer(1), max_rows, features_);
    resize_large(ws.buffer(2), max_rows, features_);
    resize_large(ws.buffer(3), 3, features_);
  }

  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    const Index n = x.rows();
    MatrixRef y = ws.rows(0, n), xhat = ws.rows(1, n), stats = ws.rows(3, 3);
    auto inv_std = stats.row(0), mean = stats.row(1), var = stats.row(2);
    if (ws.training() && n > 0) {
      mean = x.colwise().sum() / static_cast<float>(n);
      xhat = x.rowwise() - mean;
      var = xhat.colwise().squaredNorm() / static_cast<float>(n);
      inv_std.array() = (var.array() + eps_).rsqrt();
      running_mean_.array() = (1.0f - momentum_) * running_mean_.array() + momentum_ * mean.array();
      if (n > 1)
        running_var_.array() = (1.0f - momentum_) * running_var_.array() +
                               momentum_ * var.array() * (static_cast<float>(n) / static_cast<float>(n - 1));
    } else {
      inv_std.array() = (running_var_.array() + eps_).rsqrt();
      xhat = x.rowwise() - running_mean_.row(0);
    }
    xhat.array().rowwise() *= inv_std.array();
    y.array() = (xhat.array().rowwise() * weight_.row(0).array()).rowwise() + bias_.row(0).array();
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    const Index n = dy.rows();
    const auto xhat = ws.rows(1, n);
    MatrixRef stats = ws.rows(3, 3);
    auto inv_std = stats.row(0), sum_g = stats.row(1), sum_g_xhat = stats.row(2);
    if (affine_) {
      MatrixMap dweight = ws.gradient(0), dbias = ws.gradient(1);
      dweight += (dy.array() * xhat.array()).matrix().colwise().sum();
      dbias += dy.colwise().sum();
    }
    if (!ws.input_gradient_needed()) return ws.rows(2, 0);
    MatrixRef dx = ws.rows(2, n);
    dx.array() = dy.array().rowwise() * weight_.row(0).array();  // g = dy * weight
    if (ws.training()) {
      const float inv_n = 1.0f / static_cast<float>(n);
      sum_g = dx.colwise().sum() * inv_n;
      sum_g_xhat = (dx.array() * xhat.array()).matrix().colwise().sum() * inv_n;
      dx.array() = (dx.array() - xhat.array().rowwise() * sum_g_xhat.array()).rowwise() - sum_g.array();
    }
    dx.array().rowwise() *= inv_std.array();
    return dx;
  }

  std::span<ParamView> parameters() override { return params_; }
  bool needs_whole_batch() const override { return true; }

 private:
  float momentum_, eps_;
  bool affine_;
  Index features_ = 0;
  Matrix weight_, bias_;
  // Not trained; updated by forward() in training mode (one shard: no race).
  mutable Matrix running_mean_, running_var_;
  std::vector<ParamView> params_;
};

constexpr ParamSpec kParams[] = {
    {.name = "momentum", .type = ParamType::real, .default_number = 0.1, .min = 0.0, .max = 1.0,
     .doc = "weight of the current batch in the running statistics"},
    {.name = "eps", .type = ParamType::real, .default_number = 1e-5, .min = 0.0,
     .doc = "added to the variance before its square root"},
    {.name = "affine", .type = ParamType::boolean, .default_number = 1,
     .doc = "learn a per-feature scale (weight) and shift (bias)"},
};

Layer* make_batch_norm(const ParamValues& p) {
  if (!(p.real("eps") > 0.0)) throw std::invalid_argument("batch_norm: eps must be > 0");
  return new BatchNorm(p.real("momentum"), p.real("eps"), p.boolean("affine"));
}
}  // namespace

const ComponentInfo batch_norm_component{
    "batch_norm", "y = weight * (x - mean) / sqrt(var + eps) + bias per feature (torch.nn.BatchNorm1d)", kParams,
    std::size(kParams), &make_batch_norm};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::batch_norm_component, batch_norm)
