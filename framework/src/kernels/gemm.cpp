// Dense-layer GEMMs behind neurite/kernels/gemm.hpp. Two backends, chosen by
// shape in choose() below and nowhere else (measurements: docs/gemm.md):
//   libxsmm 1.17 (JIT kernels, column-major): fastest on small products, with
//     no call overhead to speak of, but its kernels are not cache-blocked
//     (slow once operands outgrow L2) and 1.17 has no TRANS_A kernels;
//   OpenBLAS 0.3.21 (cblas_sgemm, row-major): cache-blocked, for the rest.
// Neither allocates per call. Both run on the calling thread: OpenBLAS's own
// threads are switched off once (openblas_set_num_threads(1)), libxsmm has none.
//
// Row-major (r, c) with leading dimension ld is column-major (c, r) with the
// same ld, so each row-major product below is the transposed column-major one:
//   forward      y^T (out, n)   = W (out, in) * x^T (in, n)
//                (W's memory is column-major W^T: this needs TRANS_A, which
//                libxsmm 1.17 lacks, so libxsmm gets a copy of W^T instead)
//   weight_grad  dW^T (in, out) += x^T (in, n) * (dy^T (out, n))^T   (TRANS_B)
//   input_grad   dx^T (in, n)   = W^T (in, out) * dy^T (out, n)
#include <neurite/kernels/gemm.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdlib>

#include <cblas.h>
#include <libxsmm.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

// OpenBLAS's pthread build starts its server threads when it is loaded; they
// spin (sched_yield) for a time-out before sleeping, taking a core from TBB at
// every process start. Having switched to one thread, we stop them. The
// symbol is exported by OpenBLAS's pthread build (it is what its fork handler
// calls); declared weak so another OpenBLAS build without it still links.
// (Debian's serial build has no threads, but neither the locking that makes
// concurrent calls from our TBB workers safe.)
extern "C" int blas_thread_shutdown_(void) __attribute__((weak));

namespace neurite::kernels {
namespace {
enum class Product { forward, weight_grad, input_grad };
enum class Backend { libxsmm, openblas };

// The forward product through libxsmm copies W^T into this per-thread buffer
// (static storage: nothing to allocate), so it is used only for weights of up
// to kMaxTransposed elements.
constexpr Index kMaxTransposed = 16384;
alignas(64) thread_local float t_transposed[kMaxTransposed];

// The one place where a backend is chosen. Thresholds on the multiply-adds
// (n * in * out) of one call, from docs/gemm.md: libxsmm wins every product
// of workloads A, B, LR and the small layers of C and D (up to 1.5x), and the
// gradient products of C's 784-256 layer (25.7M); OpenBLAS wins the forward
// products from C's 256-128 layer (8.4M) up and everything of D's 2048-wide
// layers (537M and more), where libxsmm drops to a third.
Backend choose(Product p, Index n, Index in, Index out) {
  const std::int64_t mnk = static_cast<std::int64_t>(n) * in * out;
  switch (p) {
    case Product::forward:
      return in * out <= kMaxTransposed && mnk <= (std::int64_t{1} << 21) ? Backend::libxsmm
                                                                          : Backend::openblas;
    case Product::weight_grad:
    case Product::input_grad:
      return mnk <= (std::int64_t{1} << 25) ? Backend::libxsmm : Backend::openblas;
  }
  return Backend::openblas;
}

// libxsmm maps its code registry with MAP_LOCKED whenever the process may
// lock memory beyond RLIMIT_MEMLOCK (root, or CAP_IPC_LOCK): it then pins and
// zeroes about 10 MiB at start and unpins it at exit, 4 ms and 1.3 ms of every
// process here, for nothing we use. An ordinary user's process cannot, the
// lock fails, and libxsmm falls back to ordinary pages (1.2 ms and 0.4 ms).
// The capability is set aside for libxsmm_init only, and only on the calling
// thread (capabilities are per thread), so a root process gets the ordinary
// user's cost and keeps its rights.
class MemoryLockingSetAside {
 public:
  MemoryLockingSetAside() {
    if (::syscall(SYS_capget, &header_, data_) != 0 || !(data_[kWord].effective & kBit)) return;
    data_[kWord].effective &= ~kBit;
    set_aside_ = ::syscall(SYS_capset, &header_, data_) == 0;
  }
  ~MemoryLockingSetAside() {
    if (!set_aside_) return;
    data_[kWord].effective |= kBit;
    ::syscall(SYS_capset, &header_, data_);
  }
  MemoryLockingSetAside(const MemoryLockingSetAside&) = delete;
  MemoryLockingSetAside& operator=(const MemoryLockingSetAside&) = delete;

 private:
  static constexpr unsigned kWord = CAP_IPC_LOCK / 32;
  static constexpr std::uint32_t kBit = std::uint32_t{1} << (CAP_IPC_LOCK % 32);
  __user_cap_header_struct header_{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data_[_LINUX_CAPABILITY_U32S_3]{};
  bool set_aside_ = false;
};

struct Init {
  Init() {
    openblas_set_num_threads(1);  // our threads are TBB's; none of OpenBLAS's own
    if (blas_thread_shutdown_) blas_thread_shutdown_();
    const MemoryLockingSetAside unlocked;
    libxsmm_init();
  }
};
void ensure_init() { static const Init once; }
}  // namespace

void initialize() { ensure_init(); }

namespace {

// A JIT kernel for column-major C (m, n) = A (m, k) B (k, n) (+ C if accumulate);
// libxsmm caches it by shape, so after the first call this is a lookup in
// its registry. That lookup (descriptor, hash, thread id) costs about as
// much as a product of workload A's size, so each thread keeps the kernels
// it used last in a small direct-mapped cache in front of it.
struct KernelKey {
  Index m, n, k, lda, ldb, ldc;
  int flags;
  bool accumulate;
  bool operator==(const KernelKey&) const = default;
};
struct CachedKernel {
  KernelKey key{};
  libxsmm_smmfunction kernel = nullptr;
};
constexpr std::size_t kKernelCacheSize = 16;  // a power of two
thread_local CachedKernel t_kernel_cache[kKernelCacheSize];

libxsmm_smmfunction xsmm_kernel(Index m, Index n, Index k, Index lda, Index ldb, Index ldc,
                                bool accumulate, int flags) {
  const KernelKey key{m, n, k, lda, ldb, ldc, flags, accumulate};
  const auto slot = static_cast<std::size_t>(m * 31 + n * 17 + k * 7 + lda + ldb * 3 + ldc * 5 + flags +
                                             (accumulate ? 11 : 0)) & (kKernelCacheSize - 1);
  CachedKernel& cached = t_kernel_cache[slot];
  if (cached.kernel && cached.key == key) return cached.kernel;
  const float alpha = 1.0f, beta = accumulate ? 1.0f : 0.0f;
  const int prefetch = LIBXSMM_PREFETCH_NONE;  // the call passes no prefetch pointers
  const libxsmm_blasint M = m, N = n, K = k, LA = lda, LB = ldb, LC = ldc;
  const libxsmm_smmfunction kernel = libxsmm_smmdispatch(M, N, K, &LA, &LB, &LC, &alpha, &beta, &flags, &prefetch);
  if (kernel) cached = {key, kernel};
  return kernel;
}

void check_views([[maybe_unused]] ConstMatrixRef a, [[maybe_unused]] ConstMatrixRef b,
                 [[maybe_unused]] const MatrixRef& c) {
  assert(a.innerStride() == 1 && b.innerStride() == 1 && c.innerStride() == 1 &&
         "gemm: views must have contiguous rows");
}

void forward_tile(ConstMatrixRef x, ConstMatrixRef w, MatrixRef y) {
  const Index n = x.rows(), in = x.cols(), out = w.rows();
  assert(w.cols() == in && "gemm_forward: x is (n, in), W must be (out, in)");
  assert(y.rows() == n && y.cols() == out && "gemm_forward: y must be (n, out)");
  check_views(x, w, y);
  if (n == 0 || out == 0) return;
  ensure_init();
  if (choose(Product::forward, n, in, out) == Backend::libxsmm) {
    if (auto f = xsmm_kernel(out, n, in, out, x.outerStride(), y.outerStride(), false, LIBXSMM_GEMM_FLAG_NONE)) {
      float* wt = t_transposed;  // W^T, (in, out) row-major
      for (Index o = 0; o < out; ++o)
        for (Index i = 0; i < in; ++i) wt[i * out + o] = w(o, i);
      f(wt, x.data(), y.data());
      return;
    }
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(n), static_cast<int>(out),
              static_cast<int>(in), 1.0f, x.data(), static_cast<int>(x.outerStride()), w.data(),
              static_cast<int>(w.outerStride()), 0.0f, y.data(), static_cast<int>(y.outerStride()));
}

void weight_grad_tile(ConstMatrixRef dy, ConstMatrixRef x, MatrixRef dw) {
  const Index n = dy.rows(), out = dy.cols(), in = x.cols();
  assert(x.rows() == n && "gemm_weight_grad: dy and x must have the same rows");
  assert(dw.rows() == out && dw.cols() == in && "gemm_weight_grad: dW must be (out, in)");
  check_views(dy, x, dw);
  if (n == 0 || out == 0 || in == 0) return;
  ensure_init();
  if (choose(Product::weight_grad, n, in, out) == Backend::libxsmm) {
    if (auto f = xsmm_kernel(in, out, n, x.outerStride(), dy.outerStride(), dw.outerStride(), true,
                             LIBXSMM_GEMM_FLAG_TRANS_B)) {
      f(x.data(), dy.data(), dw.data());
      return;
    }
  }
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(out), static_cast<int>(in),
              static_cast<int>(n), 1.0f, dy.data(), static_cast<int>(dy.outerStride()), x.data(),
              static_cast<int>(x.outerStride()), 1.0f, dw.data(), static_cast<int>(dw.outerStride()));
}

void input_grad_tile(ConstMatrixRef dy, ConstMatrixRef w, MatrixRef dx) {
  const Index n = dy.rows(), out = dy.cols(), in = w.cols();
  assert(w.rows() == out && "gemm_input_grad: dy is (n, out), W must be (out, in)");
  assert(dx.rows() == n && dx.cols() == in && "gemm_input_grad: dx must be (n, in)");
  check_views(dy, w, dx);
  if (n == 0 || in == 0) return;
  ensure_init();
  if (out == 0) {
    dx.setZero();
    return;
  }
  if (choose(Product::input_grad, n, in, out) == Backend::libxsmm) {
    if (auto f = xsmm_kernel(in, n, out, w.outerStride(), dy.outerStride(), dx.outerStride(), false,
                             LIBXSMM_GEMM_FLAG_NONE)) {
      f(w.data(), dy.data(), dx.data());
      return;
    }
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(n), static_cast<int>(in),
              static_cast<int>(out), 1.0f, dy.data(), static_cast<int>(dy.outerStride()), w.data(),
              static_cast<int>(w.outerStride()), 0.0f, dx.data(), static_cast<int>(dx.outerStride()));
}

// Large products are cut into a fixed number of column tiles of the output,
// each a complete product over the whole inner dimension, and the tiles run as
// TBB tasks. The cut depends on the shape only, never on the thread count, so
// the bits are the same with 1 thread or 8; and no tile sums into another's
// output, so there is nothing to reduce. kTileMultiplyAdds: the smallest
// tile worth a task, and big enough to keep the libraries near full speed
// (bench/README.md, "Parallel products").
constexpr std::int64_t kTileMultiplyAdds = std::int64_t{1} << 23;
constexpr Index kMaxTiles = 8;
constexpr Index kTileAlign = 16;  // 64-byte column offsets

struct Tiling {
  Index count, width;
};

// Tiles across `columns` for a product of n * inner * columns multiply-adds.
Tiling tiling(Index n, Index inner, Index columns) {
  const std::int64_t mnk = static_cast<std::int64_t>(n) * inner * columns;
  Index count = std::clamp<Index>(static_cast<Index>(mnk / kTileMultiplyAdds), 1, kMaxTiles);
  count = std::min(count, (columns + kTileAlign - 1) / kTileAlign);
  if (count <= 1) return {1, columns};
  Index width = (columns + count - 1) / count;
  width = (width + kTileAlign - 1) / kTileAlign * kTileAlign;
  return {(columns + width - 1) / width, width};
}

template <class TileFn>
void for_each_tile(const Tiling& t, Index columns, TileFn&& tile) {
  if (t.count == 1) {
    tile(Index{0}, columns);
    return;
  }
  tbb::parallel_for(Index{0}, t.count, [&](Index i) {
    const Index begin = i * t.width;
    tile(begin, std::min(t.width, columns - begin));
  });
}
}  // namespace

void gemm_forward(ConstMatrixRef x, ConstMatrixRef w, MatrixRef y) {
  const Index out = w.rows();
  for_each_tile(tiling(x.rows(), x.cols(), out), out, [&](Index begin, Index width) {
    forward_tile(x, w.middleRows(begin, width), y.middleCols(begin, width));
  });
}

void gemm_weight_grad(ConstMatrixRef dy, ConstMatrixRef x, MatrixRef dw) {
  const Index out = dy.cols();
  for_each_tile(tiling(dy.rows(), x.cols(), out), out, [&](Index begin, Index width) {
    weight_grad_tile(dy.middleCols(begin, width), x, dw.middleRows(begin, width));
  });
}

void gemm_input_grad(ConstMatrixRef dy, ConstMatrixRef w, MatrixRef dx) {
  const Index in = w.cols();
  for_each_tile(tiling(dy.rows(), dy.cols(), in), in, [&](Index begin, Index width) {
    input_grad_tile(dy, w.middleCols(begin, width), dx.middleCols(begin, width));
  });
}

void add_bias_rows(ConstMatrixRef b, MatrixRef y) {
  assert(b.rows() == 1 && b.cols() == y.cols() && "add_bias_rows: b must be (1, y.cols())");
  y.rowwise() += b.row(0);
}

void add_column_sums(ConstMatrixRef dy, MatrixRef db) {
  assert(db.rows() == 1 && db.cols() == dy.cols() && "add_column_sums: db must be (1, dy.cols())");
  db.row(0) += dy.colwise().sum();
}

const char* gemm_backend(int product, Index n, Index in, Index out) {
  assert(product >= 0 && product <= 2 && "gemm_backend: product is 0, 1 or 2");
  return choose(static_cast<Product>(product), n, in, out) == Backend::libxsmm ? "libxsmm" : "openblas";
}
}  // namespace neurite::kernels
