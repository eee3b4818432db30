// Mirrors framework/src/kernels/gemm.cpp: the three dense-layer products
// against double-precision references on shapes that reach both backends,
// assign/accumulate contracts, strided views, and no heap allocation once a
// shape has been seen.
#define BOOST_TEST_MODULE kernels_gemm
#include <boost/test/unit_test.hpp>

#include <neurite/kernels/gemm.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <vector>

#include "../plugins/count_allocations.hpp"

// count_allocations.hpp counts malloc/calloc/realloc; libraries also use the
// aligned entry points, so count those too.
#if !defined(__SANITIZE_ADDRESS__)
extern "C" {
void* __libc_memalign(std::size_t, std::size_t);
int posix_memalign(void** p, std::size_t alignment, std::size_t n) noexcept {
  if (neurite::testing::g_count_allocations) ++neurite::testing::g_allocations;
  *p = __libc_memalign(alignment, n);
  return *p ? 0 : 12;  // ENOMEM
}
void* aligned_alloc(std::size_t alignment, std::size_t n) noexcept {
  if (neurite::testing::g_count_allocations) ++neurite::testing::g_allocations;
  return __libc_memalign(alignment, n);
}
void* memalign(std::size_t alignment, std::size_t n) noexcept {
  if (neurite::testing::g_count_allocations) ++neurite::testing::g_allocations;
  return __libc_memalign(alignment, n);
}
}
#endif

namespace nk = neurite::kernels;
namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

namespace {
struct Shape {
  Index n, in, out;
};
// Tiny and odd shapes, every layer of issue 8's workloads A, B, C, LR and the
// small layer of D, and two shapes past the libxsmm/OpenBLAS thresholds.
const Shape kShapes[] = {
    {1, 1, 1},     {1, 7, 3},      {3, 5, 1},      {17, 33, 9},    {5, 1, 13},     {31, 63, 65},
    {32, 2, 16},   {32, 16, 2},    {200, 2, 3},    {200, 3, 2},    {128, 784, 256}, {128, 256, 128},
    {128, 128, 10}, {128, 784, 10}, {256, 2048, 10}, {1, 2048, 300}, {64, 2048, 300}, {97, 129, 200},
    {96, 1000, 300},  // tiled (kernels/gemm.cpp) into tiles of unequal widths
};

Matrix random(Index rows, Index cols, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = u(gen);
  return m;
}

// |got - want| within a few float roundings of the magnitude of the terms
// summed (|a| |b| products), element by element; reports the worst one.
void expect_close(const Eigen::Ref<const Matrix>& got, const MatrixD& want, const MatrixD& magnitude,
                  const std::string& what) {
  BOOST_TEST_REQUIRE(got.rows() == want.rows());
  BOOST_TEST_REQUIRE(got.cols() == want.cols());
  double worst = 0.0;
  Index wr = 0, wc = 0;
  for (Index r = 0; r < want.rows(); ++r)
    for (Index c = 0; c < want.cols(); ++c) {
      const double err = std::abs(got(r, c) - want(r, c)) / (1e-5 * magnitude(r, c) + 1e-30);
      if (!(err <= worst)) worst = err, wr = r, wc = c;
    }
  BOOST_TEST_INFO(what << ": worst element (" << wr << ", " << wc << ") got " << got(wr, wc) << ", want "
                       << want(wr, wc) << ", terms' magnitude " << magnitude(wr, wc));
  BOOST_TEST(worst <= 1.0);
}

std::string label(const Shape& s) {
  return "n " + std::to_string(s.n) + ", in " + std::to_string(s.in) + ", out " + std::to_string(s.out);
}
}  // namespace

BOOST_AUTO_TEST_CASE(products_match_double_references_on_both_backends) {
  std::set<std::string> seen[3];
  for (const Shape& s : kShapes) {
    for (int p = 0; p < 3; ++p) seen[p].insert(nk::gemm_backend(p, s.n, s.in, s.out));
    const Matrix x = random(s.n, s.in, 1), w = random(s.out, s.in, 2), dy = random(s.n, s.out, 3);
    const MatrixD xd = x.cast<double>(), wd = w.cast<double>(), dyd = dy.cast<double>();
    const MatrixD xa = xd.cwiseAbs(), wa = wd.cwiseAbs(), dya = dyd.cwiseAbs();

    Matrix y = Matrix::Constant(s.n, s.out, std::numeric_limits<float>::quiet_NaN());
    nk::gemm_forward(x, w, y);
    expect_close(y, xd * wd.transpose(), xa * wa.transpose(), "forward, " + label(s));

    const Matrix dw0 = random(s.out, s.in, 4);
    Matrix dw = dw0;
    nk::gemm_weight_grad(dy, x, dw);
    expect_close(dw, dw0.cast<double>() + dyd.transpose() * xd,
                 dw0.cast<double>().cwiseAbs() + dya.transpose() * xa, "weight_grad, " + label(s));

    Matrix dx = Matrix::Constant(s.n, s.in, std::numeric_limits<float>::quiet_NaN());
    nk::gemm_input_grad(dy, w, dx);
    expect_close(dx, dyd * wd, dya * wa, "input_grad, " + label(s));
  }
  // The shape list reaches both backends in every product.
  for (int p = 0; p < 3; ++p) {
    BOOST_TEST_INFO("product " << p);
    BOOST_TEST(seen[p].size() == 2u);
  }
}

BOOST_AUTO_TEST_CASE(forward_and_input_grad_assign_and_weight_grad_accumulates) {
  for (const Shape& s : {Shape{4, 3, 2}, Shape{128, 784, 256}, Shape{64, 2048, 300}}) {
    BOOST_TEST_CONTEXT(label(s)) {
      const Matrix x = random(s.n, s.in, 5), w = random(s.out, s.in, 6), dy = random(s.n, s.out, 7);
      Matrix y1 = Matrix::Zero(s.n, s.out), y2 = Matrix::Constant(s.n, s.out, 1e30f);
      nk::gemm_forward(x, w, y1);
      nk::gemm_forward(x, w, y2);
      BOOST_TEST((y1.array() == y2.array()).all());  // old contents play no part
      Matrix dx1 = Matrix::Zero(s.n, s.in), dx2 = Matrix::Constant(s.n, s.in, -7.0f);
      nk::gemm_input_grad(dy, w, dx1);
      nk::gemm_input_grad(dy, w, dx2);
      BOOST_TEST((dx1.array() == dx2.array()).all());
      // Two calls add the product twice.
      Matrix once = Matrix::Zero(s.out, s.in), twice = Matrix::Zero(s.out, s.in);
      nk::gemm_weight_grad(dy, x, once);
      nk::gemm_weight_grad(dy, x, twice);
      nk::gemm_weight_grad(dy, x, twice);
      BOOST_TEST((twice - 2.0f * once).cwiseAbs().maxCoeff() <= 1e-5f * (1.0f + once.cwiseAbs().maxCoeff()));
    }
  }
}

BOOST_AUTO_TEST_CASE(views_with_outer_strides_read_and_write_only_their_block) {
  for (const Shape& s : {Shape{5, 3, 4}, Shape{33, 70, 20}, Shape{128, 784, 10}, Shape{64, 2048, 300}}) {
    BOOST_TEST_CONTEXT(label(s)) {
      // Operands are the top-left blocks of bigger buffers (rows longer than the view).
      const Matrix xb = random(s.n + 2, s.in + 3, 8), wb = random(s.out + 1, s.in + 5, 9),
                   dyb = random(s.n + 1, s.out + 7, 10);
      const auto x = xb.topLeftCorner(s.n, s.in);
      const auto w = wb.topLeftCorner(s.out, s.in);
      const auto dy = dyb.topLeftCorner(s.n, s.out);
      const Matrix xc = x, wc = w, dyc = dy;  // contiguous copies for the expected values
      Matrix want_y(s.n, s.out), want_dw = Matrix::Zero(s.out, s.in), want_dx(s.n, s.in);
      nk::gemm_forward(xc, wc, want_y);
      nk::gemm_weight_grad(dyc, xc, want_dw);
      nk::gemm_input_grad(dyc, wc, want_dx);

      const float guard = 42.0f;
      Matrix yb = Matrix::Constant(s.n + 3, s.out + 4, guard), dwb = Matrix::Constant(s.out + 2, s.in + 9, guard),
             dxb = Matrix::Constant(s.n + 1, s.in + 2, guard);
      dwb.topLeftCorner(s.out, s.in).setZero();
      auto y = yb.topLeftCorner(s.n, s.out);
      auto dw = dwb.topLeftCorner(s.out, s.in);
      auto dx = dxb.topLeftCorner(s.n, s.in);
      nk::gemm_forward(x, w, y);
      nk::gemm_weight_grad(dy, x, dw);
      nk::gemm_input_grad(dy, w, dx);
      const float tol = 1e-5f * (1.0f + static_cast<float>(s.in));
      BOOST_TEST((Matrix(y) - want_y).cwiseAbs().maxCoeff() <= tol);
      BOOST_TEST((Matrix(dw) - want_dw).cwiseAbs().maxCoeff() <= tol);
      BOOST_TEST((Matrix(dx) - want_dx).cwiseAbs().maxCoeff() <= tol);
      // Nothing outside the blocks was written.
      auto untouched = [&](const Matrix& big, Index r, Index c) {
        Matrix m = big;
        m.topLeftCorner(r, c).setConstant(guard);
        return (m.array() == guard).all();
      };
      BOOST_TEST(untouched(yb, s.n, s.out));
      BOOST_TEST(untouched(dwb, s.out, s.in));
      BOOST_TEST(untouched(dxb, s.n, s.in));
    }
  }
}

BOOST_AUTO_TEST_CASE(same_inputs_give_the_same_bits_on_any_thread) {
  for (const Shape& s : {Shape{32, 2, 16}, Shape{128, 784, 256}, Shape{64, 2048, 300}}) {
    const Matrix x = random(s.n, s.in, 11), w = random(s.out, s.in, 12), dy = random(s.n, s.out, 13);
    auto run = [&](Matrix& y, Matrix& dw, Matrix& dx) {
      y.resize(s.n, s.out), dx.resize(s.n, s.in), dw.setZero(s.out, s.in);
      nk::gemm_forward(x, w, y);
      nk::gemm_weight_grad(dy, x, dw);
      nk::gemm_input_grad(dy, w, dx);
    };
    Matrix y1, dw1, dx1, y2, dw2, dx2;
    run(y1, dw1, dx1);
    std::thread([&] { run(y2, dw2, dx2); }).join();
    BOOST_TEST_INFO(label(s));
    BOOST_TEST(((y1.array() == y2.array()).all() && (dw1.array() == dw2.array()).all() &&
                (dx1.array() == dx2.array()).all()));
  }
}

// Large products run as parallel tiles whose cut depends on the shape only:
// the same bits with 1, 2 and 8 threads.
BOOST_AUTO_TEST_CASE(tiled_products_give_the_same_bits_at_any_thread_count) {
  for (const Shape& s : {Shape{128, 784, 256}, Shape{96, 1000, 300}, Shape{256, 1024, 512}}) {
    const Matrix x = random(s.n, s.in, 31), w = random(s.out, s.in, 32), dy = random(s.n, s.out, 33);
    auto run = [&](int threads, Matrix& y, Matrix& dw, Matrix& dx) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
      y.resize(s.n, s.out), dx.resize(s.n, s.in), dw.setZero(s.out, s.in);
      nk::gemm_forward(x, w, y);
      nk::gemm_weight_grad(dy, x, dw);
      nk::gemm_input_grad(dy, w, dx);
    };
    Matrix y1, dw1, dx1;
    run(1, y1, dw1, dx1);
    for (int threads : {2, 8}) {
      Matrix y, dw, dx;
      run(threads, y, dw, dx);
      BOOST_TEST_INFO(label(s) << ", " << threads << " threads");
      BOOST_TEST(((y.array() == y1.array()).all() && (dw.array() == dw1.array()).all() &&
                  (dx.array() == dx1.array()).all()));
    }
  }
}

// TBB runs shards' layers concurrently: two threads at once on every shape
// (both backends) must give the bits one thread gives.
BOOST_AUTO_TEST_CASE(concurrent_calls_give_the_same_bits_as_sequential_ones) {
  struct Case {
    Matrix x, w, dy, y, dw, dx;  // inputs and the sequential results
  };
  std::vector<Case> cases;
  for (const Shape& s : kShapes) {
    Case c{random(s.n, s.in, 20), random(s.out, s.in, 21), random(s.n, s.out, 22),
           Matrix(s.n, s.out), Matrix::Zero(s.out, s.in), Matrix(s.n, s.in)};
    nk::gemm_forward(c.x, c.w, c.y);
    nk::gemm_weight_grad(c.dy, c.x, c.dw);
    nk::gemm_input_grad(c.dy, c.w, c.dx);
    cases.push_back(std::move(c));
  }
  bool same[2] = {true, true};
  auto worker = [&](int t) {
    for (int repeat = 0; repeat < 3; ++repeat)
      for (const Case& c : cases) {
        Matrix y(c.y.rows(), c.y.cols()), dw = Matrix::Zero(c.dw.rows(), c.dw.cols()), dx(c.dx.rows(), c.dx.cols());
        nk::gemm_forward(c.x, c.w, y);
        nk::gemm_weight_grad(c.dy, c.x, dw);
        nk::gemm_input_grad(c.dy, c.w, dx);
        same[t] = same[t] && (y.array() == c.y.array()).all() && (dw.array() == c.dw.array()).all() &&
                  (dx.array() == c.dx.array()).all();
      }
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  BOOST_TEST(same[0]);
  BOOST_TEST(same[1]);
}

BOOST_AUTO_TEST_CASE(zero_rows_change_nothing) {
  const Matrix x(0, 4), dy(0, 3), w = random(3, 4, 14);
  Matrix y(0, 3), dx(0, 4), dw = random(3, 4, 15);
  const Matrix dw0 = dw;
  nk::gemm_forward(x, w, y);
  nk::gemm_weight_grad(dy, x, dw);
  nk::gemm_input_grad(dy, w, dx);
  BOOST_TEST((dw.array() == dw0.array()).all());
}

BOOST_AUTO_TEST_CASE(bias_helpers_add_rows_and_column_sums) {
  const Matrix b = (Matrix(1, 3) << 1.0f, -2.0f, 0.5f).finished();
  Matrix y = random(4, 3, 16);
  const Matrix y0 = y;
  nk::add_bias_rows(b, y);
  BOOST_TEST((y - (y0.rowwise() + b.row(0))).cwiseAbs().maxCoeff() == 0.0f);
  Matrix db = b;
  nk::add_column_sums(y0, db);
  for (Index c = 0; c < 3; ++c) BOOST_TEST(std::abs(db(0, c) - (b(0, c) + y0.col(c).sum())) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(dispatch_sends_small_products_to_libxsmm_and_large_to_openblas) {
  // Workload A's layers and D's 2048x2048 layer (docs/gemm.md).
  for (int p = 0; p < 3; ++p) {
    BOOST_TEST(std::string(nk::gemm_backend(p, 32, 2, 16)) == "libxsmm");
    BOOST_TEST(std::string(nk::gemm_backend(p, 256, 2048, 2048)) == "openblas");
  }
}

BOOST_AUTO_TEST_CASE(no_heap_allocation_once_a_shape_has_been_seen) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  volatile std::size_t size = 64;  // the counter itself works
  BOOST_TEST(nt::allocations_during([&] { std::vector<char> v(size); }) > 0u);
  struct Operands {
    Matrix x, w, dy, y, dw, dx;
  };
  std::vector<Operands> ops;
  for (const Shape& s : kShapes)
    ops.push_back({random(s.n, s.in, 17), random(s.out, s.in, 18), random(s.n, s.out, 19),
                   Matrix(s.n, s.out), Matrix::Zero(s.out, s.in), Matrix(s.n, s.in)});
  auto all = [&] {
    for (Operands& o : ops) {
      nk::gemm_forward(o.x, o.w, o.y);
      nk::gemm_weight_grad(o.dy, o.x, o.dw);
      nk::gemm_input_grad(o.dy, o.w, o.dx);
      nk::add_bias_rows(o.dy.topRows(1), o.y);
      nk::add_column_sums(o.dy, o.y.topRows(1));
    }
  };
  all();  // first sight of each shape: libxsmm generates its kernels
  BOOST_TEST(nt::allocations_during(all) == 0u);
  // A thread that has not called the kernels yet. TBB allocates its own
  // per-thread state once, when a thread first takes part in parallel work
  // (tiled products do); training threads are TBB's workers and the main
  // thread, registered before the first step, so this thread is registered
  // first too.
  std::size_t on_new_thread = 1;
  std::thread([&] {
    tbb::parallel_for(0, 2, [](int) {});
    on_new_thread = nt::allocations_during(all);
  }).join();
  BOOST_TEST(on_new_thread == 0u);
}
