// The matrix products of a dense layer, for every built-in and third-party
// layer. Operands are row-major float matrices (tensor.hpp); a view may have
// an outer stride (a block of a bigger buffer) but no inner stride. W is
// stored as torch.nn.Linear stores it: (out, in).
//
//   gemm_forward      y  = x W^T     x: (n, in), W: (out, in), y: (n, out)  assigns y
//   gemm_weight_grad  dW += dy^T x   dy: (n, out), x: (n, in), dW: (out, in) adds to dW
//   gemm_input_grad   dx = dy W      dy: (n, out), W: (out, in), dx: (n, in) assigns dx
//
// The backend (libxsmm for small products, OpenBLAS for large ones, chosen by
// measurement: docs/gemm.md) is picked inside the core library and never
// shows here. Every call runs on the calling thread only, allocates nothing
// in the steady state, and may run concurrently from several threads on
// different outputs.
// requires (all): shapes as above; outputs do not overlap any input.
// Results may differ from a naive loop in the last bits (summation order), but
// a given shape on a given machine always gives the same bits.
#pragma once
#include <neurite/plugin/tensor.hpp>

namespace neurite::kernels {
/// Initialises the backends (libxsmm's JIT, OpenBLAS's thread setting) if
/// that has not happened yet. Called by the trainer before it starts its
/// clocks; every product also calls it, so it is never required.
void initialize();

/// y = x W^T (assigned; y's previous values are ignored, NaNs included).
void gemm_forward(ConstMatrixRef x, ConstMatrixRef w, MatrixRef y);

/// dw += dy^T x (accumulated into dw).
void gemm_weight_grad(ConstMatrixRef dy, ConstMatrixRef x, MatrixRef dw);

/// dx = dy W (assigned).
void gemm_input_grad(ConstMatrixRef dy, ConstMatrixRef w, MatrixRef dx);

/// y.row(r) += b for every row r (b: (1, y.cols())).
void add_bias_rows(ConstMatrixRef b, MatrixRef y);

/// db += column sums of dy (db: (1, dy.cols())), accumulated.
void add_column_sums(ConstMatrixRef dy, MatrixRef db);

/// Which backend a product of this shape runs on ("libxsmm" or "openblas"),
/// for benchmarks and reports. product: 0 forward, 1 weight_grad, 2 input_grad.
const char* gemm_backend(int product, Index n, Index in, Index out);
}  // namespace neurite::kernels
