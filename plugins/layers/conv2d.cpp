// conv2d: 2-D convolution over NCHW images (torch.nn.Conv2d with groups=1,
// padding_mode "zeros", square kernel/stride/padding/dilation).
//   x: (n, C*H*W), each row an image x[c][h][w]; y: (n, O*Ho*Wo), y[o][i][j]
//   forward   y[o][i][j] = b[o] + sum_{c,p,q} W[o][c][p][q] * x[c][i*s - pad + p*d][j*s - pad + q*d]
//             (x is 0 outside the image),  Ho = floor((H + 2 pad - d (k - 1) - 1) / s) + 1, Wo alike
//   backward  dW[o][c][p][q] += sum_{rows,i,j} dy[o][i][j] * x[c][i*s - pad + p*d][j*s - pad + q*d]
//             db[o] += sum_{rows,i,j} dy[o][i][j]
//             dx[c][h][w] = sum of dy[o][i][j] * W[o][c][p][q] over every (o,i,j,p,q) reaching (h, w)
// W is stored (O, C*k*k): torch's (out, in, k, k) weight flattened, so a
// state_dict tensor reshaped to (out, -1) means the same thing here.
//
// Implementation: im2col in Caffe's layout, over chunks of rows, and the
// core's GEMM kernels (L = Ho*Wo output positions per image, P = C*k*k;
// a chunk of m rows has m*L columns):
//   cols  (P, n*L)  cols[c*k*k + p*k + q][r*L + i*Wo + j] = x[r][c][i*s - pad + p*d][j*s - pad + q*d]
//                   (0 outside the image); kept from forward() for dW
//   yt    = W cols           (O, m*L)  gemm_input_grad; + b per row; the run of L
//                                      columns of row r is y[r]'s channel plane o
//   dyt   = dy's planes side by side (O, m*L), the reverse copy
//   dW^T  = cols dyt^T       (P, O)    gemm_forward into scratch, added transposed to dW
//   db   += row sums of dyt
//   dcols = W^T dyt          (P, m*L)  gemm_input_grad with W^T copied once per
//                                      backward(); col2im adds each patch into dx
// Why this layout: y and dy keep their NCHW planes as contiguous runs of L
// (a copy, no transpose), and im2col/col2im copy runs of Wo values (a
// contiguous run of the image when the stride is 1) instead of k at a time.
// Measured on LeNet's layers at batch 64 (bench/micro/layers_bench.cpp; CPU
// time on a shared 2-core machine, so indicative), forward + backward took
// 2.8 ms (first layer) and 1.8 ms (second) with the (n*L, P) layout, one
// product for the whole batch and a transpose of y and dy per row; 1.3 ms
// and 1.5 ms like this. Why chunks of rows: cols for
// a whole batch outgrows the caches (3.7 MB for LeNet's first layer at batch
// 64), and at batch 256 whole-batch products took 11 and 9.4 ms against 7.3
// and 7.6 ms in chunks of kChunkFloats; smaller chunks (256 KB) were slower
// again (1.9 and 2.1 ms at batch 64), their products too small to run well.
// Why not one product per image: that is the smallest chunk of all. The
// chunking depends on the shapes only, never on the thread count, so the
// bits are the same with any number of threads.
//
// Initialisation: `init`/`bias_init` as dense (initializers.hpp) with
// fan_in = C*k*k, fan_out = O*k*k; "default" is nn.Conv2d.reset_parameters,
// W, b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). Draw order: W row-major, then b.
#include <neurite/kernels/gemm.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/layer.hpp>

#include "image_shape.hpp"
#include "initializers.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace neurite::plugins {
namespace {
struct ConvSettings {
  Index in_channels, out_channels, kernel, stride, padding, dilation, height, width;
  bool use_bias, zero_bias;
  init::WeightInit weight_init;
};

// Floats of cols per chunk of rows (1 MB; measured, see the head of the file).
constexpr Index kChunkFloats = 262144;

class Conv2d final : public Layer {
 public:
  explicit Conv2d(const ConvSettings& s) : s_(s) {}
  Conv2d(const Conv2d&) = delete;  // params_ points into weight_ and bias_
  Conv2d& operator=(const Conv2d&) = delete;

  Index build(Index input_cols, Rng& rng) override {
    in_ = image::resolve("conv2d", input_cols, s_.in_channels, s_.height, s_.width);
    out_h_ = image::output_size("conv2d", "height", in_.height, s_.kernel, s_.stride, s_.padding, s_.dilation);
    out_w_ = image::output_size("conv2d", "width", in_.width, s_.kernel, s_.stride, s_.padding, s_.dilation);
    positions_ = out_h_ * out_w_;
    patch_ = s_.in_channels * s_.kernel * s_.kernel;
    chunk_rows_ = std::max<Index>(1, kChunkFloats / (positions_ * patch_));
    const double k2 = static_cast<double>(s_.kernel * s_.kernel);
    const double fan_in = static_cast<double>(s_.in_channels) * k2;
    const double fan_out = static_cast<double>(s_.out_channels) * k2;
    weight_ = Matrix::Zero(s_.out_channels, patch_);
    init::fill_weight(weight_, s_.weight_init, fan_in, fan_out, rng);
    params_.clear();
    params_.push_back({"weight", weight_.data(), s_.out_channels, patch_, true});
    if (s_.use_bias) {
      bias_ = Matrix::Zero(1, s_.out_channels);
      init::fill_bias(bias_, s_.zero_bias, fan_in, rng);
      params_.push_back({"bias", bias_.data(), 1, s_.out_channels, true});
    }
    return s_.out_channels * positions_;
  }

  // Buffer 0: y (rows, O*L). 1: cols (P, rows*L). 2: yt, then dyt, of one
  // chunk (O, chunk*L). 3: dcols of one chunk (P, chunk*L). 4: dx (rows, C*H*W).
  // 5: W^T (P, O) on top of the dW^T scratch (P, O).
  void reserve(Workspace& ws, Index max_rows) const override {
    const Index chunk = std::min(chunk_rows_, max_rows), o = s_.out_channels;
    resize_large(ws.buffer(kY), max_rows, o * positions_);
    resize_large(ws.buffer(kCols), patch_, max_rows * positions_);
    resize_large(ws.buffer(kPlanes), o, chunk * positions_);
    resize_large(ws.buffer(kDcols), patch_, chunk * positions_);
    resize_large(ws.buffer(kDx), max_rows, in_.size());
    resize_large(ws.buffer(kSmall), 2 * patch_, o);
  }

  ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const override {
    const Index n = x.rows(), o = s_.out_channels, l = positions_;
    MatrixRef y = ws.rows(kY, n);
    for (Index r0 = 0; r0 < n; r0 += chunk_rows_) {
      const Index m = std::min(chunk_rows_, n - r0);
      MatrixRef cols = ws.buffer(kCols).middleCols(r0 * l, m * l);
      MatrixRef yt = ws.buffer(kPlanes).leftCols(m * l);
      im2col(x.middleRows(r0, m), cols);
      kernels::gemm_input_grad(weight_, cols, yt);
      if (s_.use_bias) yt.array().colwise() += bias_.row(0).transpose().array();
      for (Index r = 0; r < m; ++r)
        MatrixMap(y.data() + (r0 + r) * y.outerStride(), o, l) = yt.middleCols(r * l, l);
    }
    return y;
  }

  ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const override {
    const Index n = dy.rows(), o = s_.out_channels, l = positions_;
    const bool input_gradient = ws.input_gradient_needed();
    MatrixMap dw = ws.gradient(0);
    MatrixRef dx = ws.rows(kDx, input_gradient ? n : 0);
    MatrixRef dw_t = ws.buffer(kSmall).topRows(patch_), w_t = ws.buffer(kSmall).bottomRows(patch_);
    if (input_gradient) w_t = weight_.transpose();
    for (Index r0 = 0; r0 < n; r0 += chunk_rows_) {
      const Index m = std::min(chunk_rows_, n - r0);
      MatrixRef cols = ws.buffer(kCols).middleCols(r0 * l, m * l);
      MatrixRef dyt = ws.buffer(kPlanes).leftCols(m * l);
      for (Index r = 0; r < m; ++r)
        dyt.middleCols(r * l, l) = ConstMatrixMap(dy.data() + (r0 + r) * dy.outerStride(), o, l);
      kernels::gemm_forward(cols, dyt, dw_t);
      dw += dw_t.transpose();
      if (s_.use_bias) {
        MatrixMap db = ws.gradient(1);
        db += dyt.rowwise().sum().transpose();
      }
      // The first layer's dL/dx goes nowhere: skip dcols and col2im.
      if (!input_gradient) continue;
      MatrixRef dcols = ws.buffer(kDcols).leftCols(m * l);
      kernels::gemm_input_grad(w_t, dyt, dcols);
      col2im(dcols, dx.middleRows(r0, m));
    }
    return dx;
  }

  std::span<ParamView> parameters() override { return params_; }

 private:
  enum : std::size_t { kY = 0, kCols = 1, kPlanes = 2, kDcols = 3, kDx = 4, kSmall = 5 };

  // cols[c*k*k + p*k + q][r*L + i*Wo + j] = x[r][c][i*s - pad + p*d][j*s - pad + q*d], or 0
  // outside the image: for each (c, p, q) and output row i, a run over j.
  void im2col(ConstMatrixRef x, MatrixRef cols) const {
    const Index k = s_.kernel, h = in_.height, w = in_.width, plane = h * w, s = s_.stride;
    for (Index r = 0; r < x.rows(); ++r) {
      const float* image = x.data() + r * x.outerStride();
      for (Index c = 0; c < s_.in_channels; ++c)
        for (Index p = 0; p < k; ++p)
          for (Index q = 0; q < k; ++q) {
            float* dst = cols.data() + ((c * k + p) * k + q) * cols.outerStride() + r * positions_;
            const Index offset = q * s_.dilation - s_.padding;
            const image::Run run = image::inside(offset, s, w, out_w_);
            for (Index i = 0; i < out_h_; ++i, dst += out_w_) {
              const Index ih = i * s - s_.padding + p * s_.dilation;
              if (ih < 0 || ih >= h) {
                std::fill_n(dst, out_w_, 0.0f);
                continue;
              }
              const float* row = image + c * plane + ih * w;
              Index j = 0;
              for (; j < run.lo; ++j) dst[j] = 0.0f;
              for (; j < run.hi; ++j) dst[j] = row[j * s + offset];
              for (; j < out_w_; ++j) dst[j] = 0.0f;
            }
          }
    }
  }

  // dx = 0, then every element of dcols added where im2col read it from.
  void col2im(ConstMatrixRef dcols, MatrixRef dx) const {
    const Index k = s_.kernel, h = in_.height, w = in_.width, plane = h * w, s = s_.stride;
    dx.setZero();
    for (Index r = 0; r < dx.rows(); ++r) {
      float* image = dx.data() + r * dx.outerStride();
      for (Index c = 0; c < s_.in_channels; ++c)
        for (Index p = 0; p < k; ++p)
          for (Index q = 0; q < k; ++q) {
            const float* src = dcols.data() + ((c * k + p) * k + q) * dcols.outerStride() + r * positions_;
            const Index offset = q * s_.dilation - s_.padding;
            const image::Run run = image::inside(offset, s, w, out_w_);
            for (Index i = 0; i < out_h_; ++i, src += out_w_) {
              const Index ih = i * s - s_.padding + p * s_.dilation;
              if (ih < 0 || ih >= h) continue;
              float* row = image + c * plane + ih * w;
              for (Index j = run.lo; j < run.hi; ++j) row[j * s + offset] += src[j];
            }
          }
    }
  }

  ConvSettings s_;
  image::Shape in_;
  Index out_h_ = 0, out_w_ = 0, positions_ = 0, patch_ = 0, chunk_rows_ = 1;
  Matrix weight_;  // (O, C*k*k)
  Matrix bias_;    // (1, O)
  std::vector<ParamView> params_;
};

constexpr ParamSpec kParams[] = {
    {.name = "in_channels", .type = ParamType::integer, .min = 1, .doc = "channels C of the input image",
     .required = true},
    {.name = "out_channels", .type = ParamType::integer, .min = 1, .doc = "channels O of the output (filters)",
     .required = true},
    {.name = "kernel_size", .type = ParamType::integer, .min = 1, .doc = "side k of the square kernel",
     .required = true},
    {.name = "stride", .type = ParamType::integer, .default_number = 1, .min = 1,
     .doc = "step s between kernel positions"},
    {.name = "padding", .type = ParamType::integer, .default_number = 0, .min = 0,
     .doc = "zeros added on every side of the image"},
    {.name = "dilation", .type = ParamType::integer, .default_number = 1, .min = 1,
     .doc = "spacing d between kernel elements"},
    {.name = "use_bias", .type = ParamType::boolean, .default_number = 1,
     .doc = "add a learned bias per output channel (torch.nn.Conv2d's bias=True)"},
    image::kHeightParam,
    image::kWidthParam,
    init::kInit,
    init::kInitValue,
    init::kInitMean,
    init::kInitStd,
    init::kInitLow,
    init::kInitHigh,
    init::kBiasInit,
};

Layer* make_conv2d(const ParamValues& p) {
  auto get = [&](const char* name) { return static_cast<Index>(p.integer(name)); };
  return new Conv2d(ConvSettings{get("in_channels"), get("out_channels"), get("kernel_size"), get("stride"),
                                 get("padding"), get("dilation"), get("height"), get("width"),
                                 p.boolean("use_bias"), p.text("bias_init") == "zeros",
                                 init::parse_weight_init(p, "conv2d")});
}
}  // namespace

const ComponentInfo conv2d_component{
    "conv2d", "y[o] = b[o] + sum_c W[o][c] (*) x[c], NCHW cross-correlation (torch.nn.Conv2d)", kParams,
    std::size(kParams), &make_conv2d};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::conv2d_component, conv2d)
