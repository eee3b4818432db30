// gelu: Gaussian error linear unit (Hendrycks & Gimpel, 2016; torch.nn.GELU).
// approximate = "none" (exact, with the standard normal CDF Phi and density phi):
//   forward   a  = z * Phi(z) = z * 0.5 * (1 + erf(z / sqrt(2)))
//   backward  dz = da * (Phi(z) + z * phi(z)),   phi(z) = exp(-z^2 / 2) / sqrt(2 pi)
// approximate = "tanh", with u = sqrt(2 / pi) * (z + 0.044715 * z^3):
//   forward   a  = 0.5 * z * (1 + tanh(u))
//   backward  dz = da * (0.5 * (1 + tanh(u))
//                        + 0.5 * z * (1 - tanh(u)^2) * sqrt(2 / pi) * (1 + 3 * 0.044715 * z^2))
// Constants as in PyTorch's CPU kernels (GeluKernelImpl, GeluBackwardKernelImpl).
//
// Accuracy. Both are evaluated to a few float32 ulp everywhere, which PyTorch's
// kernels are not, so results agree with PyTorch to PyTorch's own error:
// - Phi(z) = 0.5 * erfc(-z / sqrt(2)), with erfc(x) for x >= 0 from the
//   Chebyshev fit of Press et al., Numerical Recipes (2nd ed., 6.2; relative
//   error < 1.2e-7) and erfc(-x) = 2 - erfc(x). 1 + erf(z / sqrt(2)) would
//   lose all digits in the left tail (PyTorch: ~2.6e-7 absolute).
// - 0.5 * (1 + tanh(u)) = 1 / (1 + exp(-2u)) =: s and 1 - tanh(u)^2 = 4 s (1 - s),
//   with 1 - s = 1 / (1 + exp(2u)) computed directly. PyTorch's 1 - tanh(u)^2
//   cancels as |tanh(u)| -> 1 (its gradient is off by ~1e-6 near |z| = 5).
// - In the tanh backward, z^2 is taken of z clamped to +-1e4, where 1 - s or s
//   is already 0, and u saturates to +-inf without NaN: PyTorch's gradient is
//   0 * inf = NaN for |z| > 1.8e19, ours is 0 or 1.
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

#include "row_chunks.hpp"

#include <cmath>
#include <iterator>

namespace neurite::plugins {
namespace {
constexpr float kSqrtHalf = static_cast<float>(M_SQRT1_2);                       // 1 / sqrt(2)
constexpr float kInvSqrt2Pi = static_cast<float>(M_2_SQRTPI * M_SQRT1_2 * 0.5);  // 1 / sqrt(2 pi)
constexpr float kSqrt2OverPi = static_cast<float>(M_SQRT2 * M_2_SQRTPI * 0.5);   // sqrt(2 / pi)
constexpr float kKappa = 0.044715f;
constexpr float kSquareLimit = 1e4f;  // |z| beyond which the tanh form is saturated

// Phi(z) for one chunk: 0.5 * erfc(|z| / sqrt(2)) by Numerical Recipes'
// erfcc (relative error < 1.2e-7, exp argument <= 0), which is Phi(-|z|),
// then 1 - it where z > 0.
template <class X>
void normal_cdf(const X& z, Chunk& phi) {
  Chunk w = z.abs() * kSqrtHalf;
  const Chunk t = 1.0f / (1.0f + 0.5f * w);
  phi = -1.26551223f +
        t * (1.00002368f +
             t * (0.37409196f +
                  t * (0.09678418f +
                       t * (-0.18628806f +
                            t * (0.27886807f +
                                 t * (-1.13520398f +
                                      t * (1.48851587f + t * (-0.82215223f + t * 0.17087277f))))))));
  phi = 0.5f * t * (phi - w * w).exp();  // Phi(-|z|)
  // Where z > 0, 1 - that. A 0/1 mask (z * 2^254 clamped to [0, 1]: 1 for
  // every z > 0, denormals included) blends exactly and stays vectorised,
  // where Eigen 3.4's select() runs element by element.
  w = (z * 0x1p127f * 0x1p127f).max(0.0f).min(1.0f);
  phi = w * (1.0f - phi) + (1.0f - w) * phi;
}

class Gelu final : public Activation {
 public:
  explicit Gelu(bool tanh_approximation) : tanh_(tanh_approximation) {}

  void forward(ConstMatrixRef z, MatrixRef a) const override {
    for_each_row_chunk(z.rows(), z.cols(), [&](Index r, Index c, Index n) {
      const auto x = z.row(r).segment(c, n).array();
      auto out = a.row(r).segment(c, n).array();
      if (tanh_) {
        out = x / (1.0f + (-2.0f * kSqrt2OverPi * (x + kKappa * (x * x * x))).exp());  // z * s
      } else {
        Chunk phi(n);
        normal_cdf(x, phi);
        out = x * phi;
      }
    });
  }

  void backward(ConstMatrixRef z, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    for_each_row_chunk(z.rows(), z.cols(), [&](Index r, Index c, Index n) {
      const auto x = z.row(r).segment(c, n).array(), g = da.row(r).segment(c, n).array();
      auto out = dz.row(r).segment(c, n).array();
      if (tanh_) {
        const Chunk u = kSqrt2OverPi * (x + kKappa * (x * x * x));
        const Chunk s = 1.0f / (1.0f + (-2.0f * u).exp());  // 0.5 * (1 + tanh(u))
        const auto one_minus_s = 1.0f / (1.0f + (2.0f * u).exp());
        const auto x_sq = x.max(-kSquareLimit).min(kSquareLimit).square();
        const auto inner_derivative = kSqrt2OverPi * (1.0f + (3.0f * kKappa) * x_sq);
        out = g * (s + (0.5f * x) * (4.0f * s * one_minus_s) * inner_derivative);
      } else {
        Chunk phi(n);
        normal_cdf(x, phi);
        out = g * (phi + x * (kInvSqrt2Pi * (x * x * -0.5f).exp()));
      }
    });
  }

 private:
  bool tanh_;
};

constexpr ParamSpec kParams[] = {
    {.name = "approximate", .type = ParamType::text,
     .doc = "'none': exact, with erf; 'tanh': the tanh approximation (torch.nn.GELU's approximate)",
     .default_text = "none", .choices = "none|tanh"},
};

Activation* make_gelu(const ParamValues& p) { return new Gelu(p.text("approximate") == "tanh"); }
}  // namespace

const ComponentInfo gelu_component{
    "gelu",
    "a = z * Phi(z) = 0.5 * z * (1 + erf(z / sqrt(2))); approximate=tanh: "
    "0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 * z^3)))",
    kParams, std::size(kParams), &make_gelu};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::gelu_component, gelu)
