// dropout: zeroes each element with probability p while training and scales
// the rest by 1 / (1 - p) ("inverted" dropout, torch.nn.Dropout; Srivastava
// et al., 2014), so evaluation needs no rescaling.
//   training  m = 1 / (1 - p) with probability 1 - p, else 0, per element
//             y = x * m,   dx = dy * m      (the same m)
//   eval      y = x,       dx = dy          (ws.training() false)
// As torch: p = 0 is the identity, p = 1 gives y = x * 0 (zeros; a NaN or
// infinite x stays NaN, as torch's multiplication keeps it), and neither
// draws random numbers. Otherwise m comes from ws.rng() (derived by the
// trainer from the seed per step, shard and layer): one uniform u in [0, 1)
// per element in row-major order, kept when u >= p. The mask lives in the
// workspace between forward() and backward(). The outputs are copies in the
// workspace even when they equal the inputs: the Layer contract makes y a
// view into ws, valid until the next forward(), whoever owns x.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include <iterator>
#include <stdexcept>

namespace neurite::plugins {
namespace {
class Dropout final : public Layer {
 public:
  explicit Dropout(double p) : p_(p) {}

  Index build(Index input_cols, Rng& /*rng*/) override {
    if (input_cols < 1) throw std::invalid_argument("dropout: input has no columns");
    return cols_ = input_cols;
  }

  // Buffer 0: y. 1: the mask m. 2: dx.
  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(kY), max_rows, cols_);
    resize_large(ws.buffer(kMask), max_rows, cols_);
    resize_large(ws.buffer(kDx), max_rows, cols_);
  }

  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    const Index n = x.rows();
    MatrixRef y = ws.rows(kY, n);
    if (!masked(ws)) {
      y = x;
      return y;
    }
    MatrixRef mask = ws.rows(kMask, n);
    if (p_ >= 1.0) {
      mask.setZero();
    } else {
      const float scale = static_cast<float>(1.0 / (1.0 - p_));
      Rng& rng = ws.rng();
      for (Index r = 0; r < n; ++r)
        for (Index c = 0; c < cols_; ++c) mask(r, c) = rng.uniform() >= p_ ? scale : 0.0f;
    }
    y.array() = x.array() * mask.array();
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    const Index n = dy.rows();
    if (!ws.input_gradient_needed()) return ws.rows(kDx, 0);
    MatrixRef dx = ws.rows(kDx, n);
    if (masked(ws)) dx.array() = dy.array() * ws.rows(kMask, n).array();
    else dx = dy;
    return dx;
  }

  std::span<ParamView> parameters() override { return {}; }

 private:
  enum : std::size_t { kY = 0, kMask = 1, kDx = 2 };
  bool masked(const Workspace& ws) const { return ws.training() && p_ > 0.0; }

  double p_;
  Index cols_ = 0;
};

constexpr ParamSpec kParams[] = {
    {.name = "p", .type = ParamType::real, .default_number = 0.5, .min = 0.0, .max = 1.0,
     .doc = "probability of zeroing an element while training"},
};

Layer* make_dropout(const ParamValues& p) { return new Dropout(p.real("p")); }
}  // namespace

const ComponentInfo dropout_component{
    "dropout", "training: y = x * m / (1 - p), m ~ Bernoulli(1 - p); eval: y = x (torch.nn.Dropout)", kParams,
    std::size(kParams), &make_dropout};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::dropout_component, dropout)
