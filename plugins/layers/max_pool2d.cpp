// max_pool2d: maximum over k x k windows of each channel of NCHW images
// (torch.nn.MaxPool2d with ceil_mode=False, return_indices=False).
//   forward   y[c][i][j] = max over p, q < k of x[c][i*s - pad + p*d][j*s - pad + q*d]
//             (positions outside the image are skipped: implicit -inf padding);
//             Ho = floor((H + 2 pad - d (k - 1) - 1) / s) + 1, Wo alike
//   backward  dx[c][h][w] = sum of dy[c][i][j] over the windows whose maximum is (h, w)
// The maximum of a window is found as PyTorch's CPU kernel finds it: scanning
// rows then columns, replacing it when a value is greater or NaN, so a tie
// goes to the first maximum in that order and a NaN wins (and propagates).
// `stride` 0 means kernel_size (torch's stride=None); torch's rule
// padding <= kernel_size / 2 holds, so no window lies wholly in the padding.
// forward() records each window's argmax (its column in the row, stored as
// the bits of an int32 in a float buffer) for backward().
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include "image_shape.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>

namespace neurite::plugins {
namespace {
class MaxPool2d final : public Layer {
 public:
  MaxPool2d(Index channels, Index kernel, Index stride, Index padding, Index dilation, Index height, Index width)
      : channels_(channels), kernel_(kernel), stride_(stride), padding_(padding), dilation_(dilation),
        height_(height), width_(width) {}

  Index build(Index input_cols, Rng& /*rng*/) override {
    in_ = image::resolve("max_pool2d", input_cols, channels_, height_, width_);
    out_h_ = image::output_size("max_pool2d", "height", in_.height, kernel_, stride_, padding_, dilation_);
    out_w_ = image::output_size("max_pool2d", "width", in_.width, kernel_, stride_, padding_, dilation_);
    check_windows("height", in_.height, out_h_);
    check_windows("width", in_.width, out_w_);
    return channels_ * out_h_ * out_w_;
  }

  // Buffer 0: y. 1: argmax per output (int32 bits). 2: dx.
  void reserve(Workspace& ws, Index max_rows) const override {
    resize_large(ws.buffer(kY), max_rows, channels_ * out_h_ * out_w_);
    resize_large(ws.buffer(kArgmax), max_rows, channels_ * out_h_ * out_w_);
    resize_large(ws.buffer(kDx), max_rows, in_.size());
  }

  // One output row (c, i) at a time, the taps (p, q) of the windows in
  // PyTorch's scan order outermost, and for each tap a run over the outputs
  // j whose window it falls in: no branch on the data (a branch on which
  // value wins mispredicts on random data), and the inner loops vectorise.
  // arg starts at -1: a window's first tap inside the image is always taken,
  // as PyTorch starts from the first position (kept even if everything is -inf).
  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    const Index n = x.rows(), h = in_.height, w = in_.width, plane = h * w, s = stride_;
    MatrixRef y = ws.rows(kY, n), argmax = ws.rows(kArgmax, n);
    const float none = std::bit_cast<float>(std::int32_t{-1});
    for (Index r = 0; r < n; ++r) {
      const float* image = x.data() + r * x.outerStride();
      for (Index c = 0; c < channels_; ++c)
        for (Index i = 0; i < out_h_; ++i) {
          const Index at = (c * out_h_ + i) * out_w_;
          float* best = y.data() + r * y.outerStride() + at;
          float* arg = argmax.data() + r * argmax.outerStride() + at;
          std::fill_n(best, out_w_, -std::numeric_limits<float>::infinity());
          std::fill_n(arg, out_w_, none);
          for (Index p = 0; p < kernel_; ++p) {
            const Index ih = i * s - padding_ + p * dilation_;
            if (ih < 0 || ih >= h) continue;
            const Index row_start = c * plane + ih * w;
            const float* row = image + row_start;
            for (Index q = 0; q < kernel_; ++q) {
              const Index offset = q * dilation_ - padding_;
              const image::Run run = image::inside(offset, s, w, out_w_);
              for (Index j = run.lo; j < run.hi; ++j) {
                const float v = row[j * s + offset];
                const bool take = v > best[j] || std::isnan(v) || std::bit_cast<std::int32_t>(arg[j]) < 0;
                best[j] = take ? v : best[j];
                arg[j] = take ? std::bit_cast<float>(static_cast<std::int32_t>(row_start + j * s + offset)) : arg[j];
              }
            }
          }
        }
    }
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    const Index n = dy.rows();
    if (!ws.input_gradient_needed()) return ws.rows(kDx, 0);
    const auto argmax = ws.rows(kArgmax, n);
    MatrixRef dx = ws.rows(kDx, n);
    dx.setZero();
    for (Index r = 0; r < n; ++r) {
      float* grad = dx.data() + r * dx.outerStride();
      for (Index o = 0; o < dy.cols(); ++o) grad[std::bit_cast<std::int32_t>(argmax(r, o))] += dy(r, o);
    }
    return dx;
  }

  std::span<ParamView> parameters() override { return {}; }

 private:
  enum : std::size_t { kY = 0, kArgmax = 1, kDx = 2 };

  // With dilation, padding <= kernel_size / 2 does not keep every window off
  // the padding alone (k 2, d 3, pad 1); such a window has no maximum.
  void check_windows(const char* axis, Index size, Index outputs) const {
    for (Index i = 0; i < outputs; ++i) {
      bool hits = false;
      for (Index p = 0; p < kernel_; ++p) {
        const Index at = i * stride_ - padding_ + p * dilation_;
        hits = hits || (at >= 0 && at < size);
      }
      if (!hits)
        throw std::invalid_argument("max_pool2d: window " + std::to_string(i) + " along the " + axis +
                                    " lies wholly in the padding (kernel_size " + std::to_string(kernel_) +
                                    ", dilation " + std::to_string(dilation_) + ", padding " +
                                    std::to_string(padding_) + ")");
    }
  }
  Index channels_, kernel_, stride_, padding_, dilation_, height_, width_;
  image::Shape in_;
  Index out_h_ = 0, out_w_ = 0;
};

constexpr ParamSpec kParams[] = {
    {.name = "kernel_size", .type = ParamType::integer, .min = 1, .doc = "side k of the square window",
     .required = true},
    {.name = "channels", .type = ParamType::integer, .min = 1, .doc = "channels C of the input image",
     .required = true},
    {.name = "stride", .type = ParamType::integer, .default_number = 0, .min = 0,
     .doc = "step s between windows (0: kernel_size, torch's default)"},
    {.name = "padding", .type = ParamType::integer, .default_number = 0, .min = 0,
     .doc = "implicit -inf padding on every side (at most kernel_size / 2)"},
    {.name = "dilation", .type = ParamType::integer, .default_number = 1, .min = 1,
     .doc = "spacing d between window elements"},
    image::kHeightParam,
    image::kWidthParam,
};

Layer* make_max_pool2d(const ParamValues& p) {
  const image::PoolWindow w = image::pool_window("max_pool2d", p);
  return new MaxPool2d(static_cast<Index>(p.integer("channels")), w.kernel, w.stride, w.padding,
                       static_cast<Index>(p.integer("dilation")), static_cast<Index>(p.integer("height")),
                       static_cast<Index>(p.integer("width")));
}
}  // namespace

const ComponentInfo max_pool2d_component{
    "max_pool2d", "y[c][i][j] = max of x[c] over the k x k window at (i*stride, j*stride) (torch.nn.MaxPool2d)",
    kParams, std::size(kParams), &make_max_pool2d};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::max_pool2d_component, max_pool2d)
