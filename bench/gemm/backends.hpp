// One dense layer's operands (row-major float, contiguous) and the three
// products every backend of the GEMM benchmark implements:
//   forward      y  = x W^T      x: (n, in), W: (out, in), y: (n, out)   assigns
//   weight_grad  dW += dy^T x    dy: (n, out), dW: (out, in)             accumulates
//   input_grad   dx = dy W       dx: (n, in)                             assigns
#pragma once

namespace neurite_bench {
struct Problem {
  long n, in, out;
  const float *x, *w, *dy;
  float *y, *dw, *dx;
  float* scratch;  // (in, out) floats, for backends that need a transposed copy
};

// Each Eigen variant is its own shared library with hidden visibility: in one
// executable, Eigen's template instances from both would merge (one
// definition rule) and both variants would run the same code.
#define NEURITE_BENCH_API __attribute__((visibility("default")))
namespace eigen_portable {
NEURITE_BENCH_API void forward(const Problem&);
NEURITE_BENCH_API void weight_grad(const Problem&);
NEURITE_BENCH_API void input_grad(const Problem&);
NEURITE_BENCH_API const char* simd();
}  // namespace eigen_portable
namespace eigen_native {
NEURITE_BENCH_API void forward(const Problem&);
NEURITE_BENCH_API void weight_grad(const Problem&);
NEURITE_BENCH_API void input_grad(const Problem&);
NEURITE_BENCH_API const char* simd();
}  // namespace eigen_native
}  // namespace neurite_bench
