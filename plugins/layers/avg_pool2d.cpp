// avg_pool2d: mean over k x k windows of each channel of NCHW images
// (torch.nn.AvgPool2d with ceil_mode=False, divisor_override=None).
//   forward   y[c][i][j] = (sum of x[c][h][w] over the window's positions inside the image) / divisor
//             window rows i*s - pad .. i*s - pad + k - 1, columns alike;
//             Ho = floor((H + 2 pad - k) / s) + 1, Wo alike
//             divisor = k*k with count_include_pad (torch's default: padded zeros count),
//                       else the number of the window's positions inside the image
//   backward  dx[c][h][w] = sum of dy[c][i][j] / divisor over the windows containing (h, w)
// `stride` 0 means kernel_size (torch's stride=None); torch's rule
// padding <= kernel_size / 2 holds, so every window reaches into the image.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include "image_shape.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

namespace neurite::plugins {
namespace {
class AvgPool2d final : public Layer {
 public:
  AvgPool2d(Index channels, Index kernel, Index stride, Index padding, bool count_include_pad, Index height,
            Index width)
      : channels_(channels), kernel_(kernel), stride_(stride), padding_(padding),
        count_include_pad_(count_include_pad), height_(height), width_(width) {}

  Index build(Index input_cols, Rng& /*rng*/) override {
    in_ = image::resolve("avg_pool2d", input_cols, channels_, height_, width_);
    out_h_ = image::output_size("avg_pool2d", "height", in_.height, kernel_, stride_, padding_, 1);
    out_w_ = image::output_size("avg_pool2d", "width", in_.width, kernel_, stride_, padding_, 1);
    divisors_.resize(out_h_ * out_w_);
    for (Index i = 0; i < out_h_; ++i)
      for (Index j = 0; j < out_w_; ++j) divisors_(i * out_w_ + j) = divisor(i, j);
    return channels_ * out_h_ * out_w_;
  }

  // Buffer 0: y. 1: dx. 2: one output row's dy / divisor.
  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(kY), max_rows, channels_ * out_h_ * out_w_);
    resize_large(ws.buffer(kDx), max_rows, in_.size());
    resize_large(ws.buffer(kShare), 1, out_w_);
  }

  // One output row (c, i) at a time, the taps (p, q) of the windows in
  // PyTorch's order outermost (so each window sums in PyTorch's order), and
  // for each tap a run over the outputs j whose window it falls in.
  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    const Index n = x.rows(), h = in_.height, w = in_.width, plane = h * w, s = stride_;
    MatrixRef y = ws.rows(kY, n);
    for (Index r = 0; r < n; ++r) {
      const float* image = x.data() + r * x.outerStride();
      for (Index c = 0; c < channels_; ++c)
        for (Index i = 0; i < out_h_; ++i) {
          float* sum = y.data() + r * y.outerStride() + (c * out_h_ + i) * out_w_;
          std::fill_n(sum, out_w_, 0.0f);
          for (Index p = 0; p < kernel_; ++p) {
            const Index ih = i * s - padding_ + p;
            if (ih < 0 || ih >= h) continue;
            const float* row = image + c * plane + ih * w;
            for (Index q = 0; q < kernel_; ++q) {
              const Index offset = q - padding_;
              const image::Run run = image::inside(offset, s, w, out_w_);
              for (Index j = run.lo; j < run.hi; ++j) sum[j] += row[j * s + offset];
            }
          }
          const float* divisor = divisors_.data() + i * out_w_;
          for (Index j = 0; j < out_w_; ++j) sum[j] /= divisor[j];
        }
    }
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    const Index n = dy.rows(), h = in_.height, w = in_.width, plane = h * w, s = stride_;
    if (!ws.input_gradient_needed()) return ws.rows(kDx, 0);
    MatrixRef dx = ws.rows(kDx, n), share = ws.rows(kShare, 1);
    dx.setZero();
    for (Index r = 0; r < n; ++r) {
      float* image = dx.data() + r * dx.outerStride();
      for (Index c = 0; c < channels_; ++c)
        for (Index i = 0; i < out_h_; ++i) {
          // Each output's gradient divided once, as PyTorch does, then spread over its window.
          const float* grad = dy.data() + r * dy.outerStride() + (c * out_h_ + i) * out_w_;
          const float* divisor = divisors_.data() + i * out_w_;
          float* g = share.data();
          for (Index j = 0; j < out_w_; ++j) g[j] = grad[j] / divisor[j];
          for (Index p = 0; p < kernel_; ++p) {
            const Index ih = i * s - padding_ + p;
            if (ih < 0 || ih >= h) continue;
            float* row = image + c * plane + ih * w;
            for (Index q = 0; q < kernel_; ++q) {
              const Index offset = q - padding_;
              const image::Run run = image::inside(offset, s, w, out_w_);
              for (Index j = run.lo; j < run.hi; ++j) row[j * s + offset] += g[j];
            }
          }
        }
    }
    return dx;
  }

  std::span<ParamView> parameters() override { return {}; }

 private:
  enum : std::size_t { kY = 0, kDx = 1, kShare = 2 };

  // The divisor of output (i, j), as PyTorch's CPU kernel computes it: the
  // window's size after clipping to the padded image (k*k unless ceil_mode,
  // which this layer does not have), or, without count_include_pad, the
  // number of its positions inside the image.
  float divisor(Index i, Index j) const {
    Index h0 = i * stride_ - padding_, w0 = j * stride_ - padding_;
    Index h1 = std::min(h0 + kernel_, in_.height + padding_), w1 = std::min(w0 + kernel_, in_.width + padding_);
    const Index pool_size = (h1 - h0) * (w1 - w0);
    h0 = std::max<Index>(h0, 0), w0 = std::max<Index>(w0, 0);
    h1 = std::min(h1, in_.height), w1 = std::min(w1, in_.width);
    return static_cast<float>(count_include_pad_ ? pool_size : (h1 - h0) * (w1 - w0));
  }

  Index channels_, kernel_, stride_, padding_;
  bool count_include_pad_;
  Index height_, width_;
  image::Shape in_;
  Index out_h_ = 0, out_w_ = 0;
  RowVector divisors_;  // (1, Ho*Wo): divisor(i, j) at i*Wo + j
};

constexpr ParamSpec kParams[] = {
    {.name = "kernel_size", .type = ParamType::integer, .min = 1, .doc = "side k of the square window",
     .required = true},
    {.name = "channels", .type = ParamType::integer, .min = 1, .doc = "channels C of the input image",
     .required = true},
    {.name = "stride", .type = ParamType::integer, .default_number = 0, .min = 0,
     .doc = "step s between windows (0: kernel_size, torch's default)"},
    {.name = "padding", .type = ParamType::integer, .default_number = 0, .min = 0,
     .doc = "zero padding on every side (at most kernel_size / 2)"},
    {.name = "count_include_pad", .type = ParamType::boolean, .default_number = 1,
     .doc = "divide by k*k, counting padded zeros (else by the positions inside the image)"},
    image::kHeightParam,
    image::kWidthParam,
};

Layer* make_avg_pool2d(const ParamValues& p) {
  const image::PoolWindow w = image::pool_window("avg_pool2d", p);
  return new AvgPool2d(static_cast<Index>(p.integer("channels")), w.kernel, w.stride, w.padding,
                       p.boolean("count_include_pad"), static_cast<Index>(p.integer("height")),
                       static_cast<Index>(p.integer("width")));
}
}  // namespace

const ComponentInfo avg_pool2d_component{
    "avg_pool2d", "y[c][i][j] = mean of x[c] over the k x k window at (i*stride, j*stride) (torch.nn.AvgPool2d)",
    kParams, std::size(kParams), &make_avg_pool2d};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::avg_pool2d_component, avg_pool2d)
