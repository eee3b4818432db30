// The three dense-layer products written with Eigen, compiled twice by
// CMakeLists.txt: once with the core library's flags (portable, SSE2) and once
// with -march=native, in namespaces named by NEURITE_BENCH_EIGEN_NS.
#include "backends.hpp"

#include <Eigen/Core>

namespace neurite_bench::NEURITE_BENCH_EIGEN_NS {
namespace {
using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using CMap = Eigen::Map<const Mat, 0, Eigen::OuterStride<>>;
using MMap = Eigen::Map<Mat, 0, Eigen::OuterStride<>>;
}  // namespace

// y(n, out) = x(n, in) W(out, in)^T
void forward(const Problem& p) {
  CMap x(p.x, p.n, p.in, Eigen::OuterStride<>(p.in));
  CMap w(p.w, p.out, p.in, Eigen::OuterStride<>(p.in));
  MMap y(p.y, p.n, p.out, Eigen::OuterStride<>(p.out));
  y.noalias() = x * w.transpose();
}
// dW(out, in) += dy(n, out)^T x(n, in)
void weight_grad(const Problem& p) {
  CMap x(p.x, p.n, p.in, Eigen::OuterStride<>(p.in));
  CMap dy(p.dy, p.n, p.out, Eigen::OuterStride<>(p.out));
  MMap dw(p.dw, p.out, p.in, Eigen::OuterStride<>(p.in));
  dw.noalias() += dy.transpose() * x;
}
// dx(n, in) = dy(n, out) W(out, in)
void input_grad(const Problem& p) {
  CMap dy(p.dy, p.n, p.out, Eigen::OuterStride<>(p.out));
  CMap w(p.w, p.out, p.in, Eigen::OuterStride<>(p.in));
  MMap dx(p.dx, p.n, p.in, Eigen::OuterStride<>(p.in));
  dx.noalias() = dy * w;
}
const char* simd() { return Eigen::SimdInstructionSetsInUse(); }
}  // namespace neurite_bench::NEURITE_BENCH_EIGEN_NS
