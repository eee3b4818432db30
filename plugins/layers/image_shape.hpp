// Image geometry shared by conv2d, max_pool2d and avg_pool2d. A batch row
// holds one image flattened channel-major (NCHW, like x.reshape(N, C, H, W)
// in PyTorch): element (c, h, w) sits at column c*H*W + h*W + w.
#pragma once
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/tensor.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace neurite::plugins::image {
struct Shape {
  Index channels = 0, height = 0, width = 0;
  Index size() const { return channels * height * width; }
};

/// The image shape of rows of `input_cols` columns with `channels` channels.
/// `height`/`width` > 0 are taken as given (and checked), 0 means "infer":
/// from the other one when only one is given, else a square image.
/// throws: std::invalid_argument with the numbers when they do not fit.
inline Shape resolve(const std::string& layer, Index input_cols, Index channels, Index height, Index width) {
  const std::string cols = std::to_string(input_cols), ch = std::to_string(channels);
  if (input_cols < 1 || channels < 1 || input_cols % channels != 0)
    throw std::invalid_argument(layer + ": input has " + cols + " columns, which is not a multiple of " + ch +
                                " channels (a row is channels*height*width values)");
  const Index per_channel = input_cols / channels;
  if (height == 0 && width == 0) {
    const auto side = static_cast<Index>(std::llround(std::sqrt(static_cast<double>(per_channel))));
    if (side * side != per_channel)
      throw std::invalid_argument(layer + ": input has " + cols + " columns = " + ch + " channels x " +
                                  std::to_string(per_channel) +
                                  " values, not a square image; set height and width");
    height = width = side;
  } else if (width == 0 || height == 0) {
    const Index known = height != 0 ? height : width;
    if (per_channel % known != 0)
      throw std::invalid_argument(layer + ": input has " + cols + " columns = " + ch + " channels x " +
                                  std::to_string(per_channel) + " values, not a multiple of " +
                                  (height != 0 ? "height " : "width ") + std::to_string(known));
    if (height != 0) width = per_channel / height;
    else height = per_channel / width;
  }
  if (channels * height * width != input_cols)
    throw std::invalid_argument(layer + ": input has " + cols + " columns but channels x height x width = " + ch +
                                " x " + std::to_string(height) + " x " + std::to_string(width) + " = " +
                                std::to_string(channels * height * width));
  return {channels, height, width};
}

/// Output length along one axis, as torch's conv/pooling shape rule (no ceil_mode):
///   floor((size + 2 padding - dilation (kernel - 1) - 1) / stride) + 1
/// throws: std::invalid_argument when that is below 1 (the kernel does not fit).
inline Index output_size(const std::string& layer, const char* axis, Index size, Index kernel, Index stride,
                         Index padding, Index dilation) {
  const Index span = dilation * (kernel - 1) + 1;
  const Index room = size + 2 * padding - span;
  if (room < 0)
    throw std::invalid_argument(layer + ": " + axis + " " + std::to_string(size) + " + 2 x padding " +
                                std::to_string(padding) + " is smaller than the kernel's extent " +
                                std::to_string(span) + " (dilation x (kernel_size - 1) + 1)");
  return room / stride + 1;
}
/// The outputs j in [lo, hi) of a row of `outputs` whose input position
/// j * stride + offset lies inside [0, size): the run a kernel tap (offset =
/// tap * dilation - padding) reads from the image rather than the padding.
struct Run {
  Index lo, hi;
};
inline Run inside(Index offset, Index stride, Index size, Index outputs) {
  const Index lo = std::min(outputs, offset >= 0 ? 0 : (stride - 1 - offset) / stride);
  const Index hi = size - offset <= 0 ? 0 : std::min(outputs, (size - offset + stride - 1) / stride);
  return {lo, std::max(lo, hi)};
}

/// The image-size parameters every image layer declares (conv2d, pools).
inline constexpr ParamSpec kHeightParam{.name = "height", .type = ParamType::integer, .default_number = 0, .min = 0,
                                        .doc = "input image height H (0: from width, or a square image)"};
inline constexpr ParamSpec kWidthParam{.name = "width", .type = ParamType::integer, .default_number = 0, .min = 0,
                                       .doc = "input image width W (0: from height, or a square image)"};

/// A pooling window as the pools read it: stride 0 means kernel_size (torch's
/// default); padding at most half the kernel (torch's rule).
struct PoolWindow {
  Index kernel, stride, padding;
};
inline PoolWindow pool_window(const std::string& layer, const ParamValues& p) {
  const auto kernel = static_cast<Index>(p.integer("kernel_size"));
  const auto stride = static_cast<Index>(p.integer("stride"));
  const auto padding = static_cast<Index>(p.integer("padding"));
  if (padding > kernel / 2)
    throw std::invalid_argument(layer + ": padding " + std::to_string(padding) +
                                " must be at most half of kernel_size " + std::to_string(kernel));
  return {kernel, stride == 0 ? kernel : stride, padding};
}
}  // namespace neurite::plugins::image
