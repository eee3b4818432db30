// neurite_gemm_bench: single-thread SGEMM GFLOP/s of each candidate library on
// the three products of every dense layer of issue 8's workloads, row-major as
// neurite stores them (W is (out, in) as torch.nn.Linear):
//   forward      y  = x W^T      (n, out)   assigns
//   weight_grad  dW += dy^T x    (out, in)  accumulates
//   input_grad   dx = dy W       (n, in)    assigns
// plus the core's FMA peak (AVX-512 and AVX2 loops). Every (case, backend)
// pair is timed once per round and the rounds are interleaved, so a slow
// phase of the machine hits all backends alike; medians and min-max over the
// rounds are reported. Each library runs with its own threads off.
//
//   neurite_gemm_bench [--rounds N] [--sample-ms T] [--json FILE] [--only WORKLOAD]
#include "backends.hpp"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <time.h>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <tbb/global_control.h>

#ifdef NEURITE_BENCH_OPENBLAS
#include <cblas.h>
#endif
#ifdef NEURITE_BENCH_DNNL
#include <oneapi/dnnl/dnnl.h>
#include <omp.h>
#endif
#ifdef NEURITE_BENCH_XSMM
#include <libxsmm.h>
#endif
#ifdef NEURITE_BENCH_NEURITE
#include <neurite/kernels/gemm.hpp>
#endif

namespace nb = neurite_bench;

namespace {
// Thread CPU time, not wall time: the machine is shared (2 vCPUs, other
// builds running), and time spent descheduled must not count against a
// library. Wall-clock figures would only be lower and noisier.
double now_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
}  // namespace

namespace {
// ---------------------------------------------------------------- backends
struct Backend {
  std::string name;
  void (*forward)(const nb::Problem&);
  void (*weight_grad)(const nb::Problem&);
  void (*input_grad)(const nb::Problem&);
};

#ifdef NEURITE_BENCH_OPENBLAS
void blas_forward(const nb::Problem& p) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, p.n, p.out, p.in, 1.0f, p.x, p.in, p.w,
              p.in, 0.0f, p.y, p.out);
}
void blas_weight_grad(const nb::Problem& p) {
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, p.out, p.in, p.n, 1.0f, p.dy, p.out, p.x,
              p.in, 1.0f, p.dw, p.in);
}
void blas_input_grad(const nb::Problem& p) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, p.n, p.in, p.out, 1.0f, p.dy, p.out, p.w,
              p.in, 0.0f, p.dx, p.in);
}
#endif

#ifdef NEURITE_BENCH_DNNL
void dnnl_forward(const nb::Problem& p) {
  dnnl_sgemm('N', 'T', p.n, p.out, p.in, 1.0f, p.x, p.in, p.w, p.in, 0.0f, p.y, p.out);
}
void dnnl_weight_grad(const nb::Problem& p) {
  dnnl_sgemm('T', 'N', p.out, p.in, p.n, 1.0f, p.dy, p.out, p.x, p.in, 1.0f, p.dw, p.in);
}
void dnnl_input_grad(const nb::Problem& p) {
  dnnl_sgemm('N', 'N', p.n, p.in, p.out, 1.0f, p.dy, p.out, p.w, p.in, 0.0f, p.dx, p.in);
}
#endif

#ifdef NEURITE_BENCH_XSMM
// libxsmm is column-major: a row-major (r, c) matrix is its (c, r) transpose.
// libxsmm 1.17's JIT has no TRANS_A kernels, which the forward product needs
// (both x and W have `in` contiguous), so the forward copies W^T into scratch
// first; that copy is inside the timing.
libxsmm_smmfunction xsmm(long m, long n, long k, long lda, long ldb, long ldc, float beta, int flags) {
  const float alpha = 1.0f;
  const libxsmm_blasint M = m, N = n, K = k, LA = lda, LB = ldb, LC = ldc;
  libxsmm_smmfunction f = libxsmm_smmdispatch(M, N, K, &LA, &LB, &LC, &alpha, &beta, &flags, nullptr);
  if (!f) std::fprintf(stderr, "libxsmm: no kernel for m=%ld n=%ld k=%ld flags=%d\n", m, n, k, flags), std::abort();
  return f;
}
void xsmm_forward(const nb::Problem& p) {
  for (long o = 0; o < p.out; ++o)
    for (long i = 0; i < p.in; ++i) p.scratch[i * p.out + o] = p.w[o * p.in + i];
  // y^T (out, n) = Wt^T (out, in) x^T (in, n)
  xsmm(p.out, p.n, p.in, p.out, p.in, p.out, 0.0f, LIBXSMM_GEMM_FLAG_NONE)(p.scratch, p.x, p.y);
}
void xsmm_weight_grad(const nb::Problem& p) {
  // dW^T (in, out) += x^T (in, n) (dy^T (out, n))^T
  xsmm(p.in, p.out, p.n, p.in, p.out, p.in, 1.0f, LIBXSMM_GEMM_FLAG_TRANS_B)(p.x, p.dy, p.dw);
}
void xsmm_input_grad(const nb::Problem& p) {
  // dx^T (in, n) = W^T (in, out) dy^T (out, n)
  xsmm(p.in, p.n, p.out, p.in, p.out, p.in, 0.0f, LIBXSMM_GEMM_FLAG_NONE)(p.w, p.dy, p.dx);
}
#endif

#ifdef NEURITE_BENCH_NEURITE
namespace nk = neurite::kernels;
using CMap = Eigen::Map<const neurite::Matrix>;
using MMap = Eigen::Map<neurite::Matrix>;
void neurite_forward(const nb::Problem& p) {
  nk::gemm_forward(CMap(p.x, p.n, p.in), CMap(p.w, p.out, p.in), MMap(p.y, p.n, p.out));
}
void neurite_weight_grad(const nb::Problem& p) {
  nk::gemm_weight_grad(CMap(p.dy, p.n, p.out), CMap(p.x, p.n, p.in), MMap(p.dw, p.out, p.in));
}
void neurite_input_grad(const nb::Problem& p) {
  nk::gemm_input_grad(CMap(p.dy, p.n, p.out), CMap(p.w, p.out, p.in), MMap(p.dx, p.n, p.in));
}
#endif

std::vector<Backend> backends() {
  std::vector<Backend> b;
  b.push_back({"eigen", nb::eigen_portable::forward, nb::eigen_portable::weight_grad,
               nb::eigen_portable::input_grad});
  b.push_back({"eigen-native", nb::eigen_native::forward, nb::eigen_native::weight_grad,
               nb::eigen_native::input_grad});
#ifdef NEURITE_BENCH_OPENBLAS
  b.push_back({"openblas", blas_forward, blas_weight_grad, blas_input_grad});
#endif
#ifdef NEURITE_BENCH_DNNL
  b.push_back({"onednn", dnnl_forward, dnnl_weight_grad, dnnl_input_grad});
#endif
#ifdef NEURITE_BENCH_XSMM
  b.push_back({"libxsmm", xsmm_forward, xsmm_weight_grad, xsmm_input_grad});
#endif
#ifdef NEURITE_BENCH_NEURITE
  b.push_back({"neurite", neurite_forward, neurite_weight_grad, neurite_input_grad});
#endif
  return b;
}

// ---------------------------------------------------------------- FMA peak
// Independent chains (more than FMA latency x pipes) so only throughput counts.
__attribute__((target("avx512f"))) float fma_avx512(long iters) {
  constexpr int kChains = 16;
  __m512 acc[kChains];
  for (int j = 0; j < kChains; ++j) acc[j] = _mm512_set1_ps(static_cast<float>(j));
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (long i = 0; i < iters; ++i)
    for (int j = 0; j < kChains; ++j) acc[j] = _mm512_fmadd_ps(acc[j], a, b);
  __m512 s = acc[0];
  for (int j = 1; j < kChains; ++j) s = _mm512_add_ps(s, acc[j]);
  return _mm512_reduce_add_ps(s);
}
__attribute__((target("avx2,fma"))) float fma_avx2(long iters) {
  constexpr int kChains = 16;
  __m256 acc[kChains];
  for (int j = 0; j < kChains; ++j) acc[j] = _mm256_set1_ps(static_cast<float>(j));
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < iters; ++i)
    for (int j = 0; j < kChains; ++j) acc[j] = _mm256_fmadd_ps(acc[j], a, b);
  __m256 s = acc[0];
  for (int j = 1; j < kChains; ++j) s = _mm256_add_ps(s, acc[j]);
  float out[8];
  _mm256_storeu_ps(out, s);
  return out[0] + out[7];
}

// ---------------------------------------------------------------- cases
struct Workload {
  const char* name;
  long batch;
  std::vector<long> sizes;
};
const std::vector<Workload> kWorkloads = {
    {"A", 32, {2, 16, 2}},
    {"B", 200, {2, 3, 2}},
    {"C", 128, {784, 256, 128, 10}},
    {"D", 256, {1024, 2048, 2048, 10}},
    {"LR", 128, {784, 10}},
};
enum class Product { forward, weight_grad, input_grad };
const char* product_name(Product p) {
  return p == Product::forward ? "forward" : p == Product::weight_grad ? "weight_grad" : "input_grad";
}

float* alloc_floats(long count) {
  const std::size_t bytes = ((static_cast<std::size_t>(std::max(count, 1L)) * 4 + 63) / 64) * 64;
  return static_cast<float*>(std::aligned_alloc(64, bytes));
}

struct Layer {
  std::string workload;
  int index;  // layer number in its workload
  bool first;  // the input gradient of a first layer is never needed in training
  nb::Problem p;
};

struct Sample {
  std::vector<double> seconds_per_call;
  long iters = 1;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void run(const Backend& b, Product prod, const nb::Problem& p, long iters) {
  auto f = prod == Product::forward ? b.forward : prod == Product::weight_grad ? b.weight_grad : b.input_grad;
  for (long i = 0; i < iters; ++i) f(p);
}

// Largest relative error of one product against a double-precision reference.
double check(const Backend& b, Product prod, const nb::Problem& p) {
  const long rows = prod == Product::weight_grad ? p.out : p.n;
  const long cols = prod == Product::forward ? p.out : p.in;
  float* outp = prod == Product::forward ? p.y : prod == Product::weight_grad ? p.dw : p.dx;
  std::vector<float> before(outp, outp + rows * cols);
  run(b, prod, p, 1);
  double worst = 0.0;
  for (long r = 0; r < rows; ++r)
    for (long c = 0; c < cols; ++c) {
      double s = 0.0, mag = 0.0;
      if (prod == Product::forward)
        for (long k = 0; k < p.in; ++k) s += double(p.x[r * p.in + k]) * p.w[c * p.in + k], mag += std::abs(double(p.x[r * p.in + k]) * p.w[c * p.in + k]);
      else if (prod == Product::weight_grad)
        for (long k = 0; k < p.n; ++k) s += double(p.dy[k * p.out + r]) * p.x[k * p.in + c], mag += std::abs(double(p.dy[k * p.out + r]) * p.x[k * p.in + c]);
      else
        for (long k = 0; k < p.out; ++k) s += double(p.dy[r * p.out + k]) * p.w[k * p.in + c], mag += std::abs(double(p.dy[r * p.out + k]) * p.w[k * p.in + c]);
      if (prod == Product::weight_grad) s += before[r * cols + c], mag += std::abs(before[r * cols + c]);
      worst = std::max(worst, std::abs(outp[r * cols + c] - s) / std::max(mag, 1e-30));
    }
  return worst;
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}
}  // namespace

int main(int argc, char** argv) {
  // Single-thread figures: neurite cuts large products into tiles that run as
  // TBB tasks (kernels/gemm.cpp); held to one thread here they run in turn.
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  int rounds = 11;
  double sample_ms = 5.0;
  std::string json_path = "gemm_bench.json", only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] {
      if (i + 1 >= argc) std::fprintf(stderr, "%s needs a value\n", a.c_str()), std::exit(2);
      return std::string(argv[++i]);
    };
    if (a == "--rounds") rounds = std::stoi(next());
    else if (a == "--sample-ms") sample_ms = std::stod(next());
    else if (a == "--json") json_path = next();
    else if (a == "--only") only = next();
    else {
      std::fprintf(stderr, "usage: %s [--rounds N] [--sample-ms T] [--json FILE] [--only WORKLOAD]\n", argv[0]);
      return 2;
    }
  }

  // Every library single-threaded.
#ifdef NEURITE_BENCH_OPENBLAS
  openblas_set_num_threads(1);
#endif
#ifdef NEURITE_BENCH_DNNL
  omp_set_num_threads(1);  // Debian's libdnnl uses OpenMP; its gemm asks omp_get_max_threads()
#endif
#ifdef NEURITE_BENCH_XSMM
  libxsmm_init();
#endif

  const auto bs = backends();
  std::mt19937 gen(42);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<Layer> layers;
  for (const auto& w : kWorkloads) {
    if (!only.empty() && only != w.name) continue;
    for (std::size_t l = 0; l + 1 < w.sizes.size(); ++l) {
      nb::Problem p{w.batch, w.sizes[l], w.sizes[l + 1], nullptr, nullptr, nullptr,
                    nullptr, nullptr, nullptr, nullptr};
      auto fill = [&](long count) {
        float* m = alloc_floats(count);
        for (long i = 0; i < count; ++i) m[i] = u(gen);
        return m;
      };
      p.x = fill(p.n * p.in), p.w = fill(p.out * p.in), p.dy = fill(p.n * p.out);
      p.y = fill(p.n * p.out), p.dw = fill(p.out * p.in), p.dx = fill(p.n * p.in);
      p.scratch = fill(p.in * p.out);
      layers.push_back({w.name, static_cast<int>(l), l == 0, p});
    }
  }
  const Product products[] = {Product::forward, Product::weight_grad, Product::input_grad};

  // Correctness first: a fast wrong answer is no answer.
  for (const auto& b : bs)
    for (const auto& L : layers)
      for (Product prod : products) {
        const double err = check(b, prod, L.p);
        if (!(err < 1e-5)) {
          std::fprintf(stderr, "%s %s layer %d %s: relative error %g\n", b.name.c_str(), L.workload.c_str(),
                       L.index, product_name(prod), err);
          return 1;
        }
      }

  // Calibrate: iterations per sample so one sample lasts about sample_ms.
  struct Cell {
    std::size_t layer, backend;
    Product prod;
    Sample s;
  };
  std::vector<Cell> cells;
  for (std::size_t l = 0; l < layers.size(); ++l)
    for (Product prod : products)
      for (std::size_t b = 0; b < bs.size(); ++b) {
        Cell c{l, b, prod, {}};
        run(bs[b], prod, layers[l].p, 3);  // warm-up (JIT, caches, first-touch)
        long iters = 1;
        for (;;) {
          const double t0 = now_seconds();
          run(bs[b], prod, layers[l].p, iters);
          const double ms = 1e3 * (now_seconds() - t0);
          if (ms >= sample_ms / 4 || iters > (1L << 28)) {
            c.s.iters = std::max(1L, static_cast<long>(iters * sample_ms / std::max(ms, 1e-6)));
            break;
          }
          iters *= 4;
        }
        cells.push_back(c);
      }

  std::vector<double> peak512, peak256;
  const long fma_iters = 2'000'000;
  volatile float sink = 0;
  for (int r = 0; r < rounds; ++r) {
    // Alternate the order of backends per round as well.
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Cell& c = cells[r % 2 ? cells.size() - 1 - i : i];
      const double t0 = now_seconds();
      run(bs[c.backend], c.prod, layers[c.layer].p, c.s.iters);
      c.s.seconds_per_call.push_back((now_seconds() - t0) / c.s.iters);
    }
    // Several short bursts per round: on a shared machine the best burst is
    // the closest to the core's real peak (the median is reported too).
    for (int burst = 0; burst < 5; ++burst) {
      double t0 = now_seconds();
      sink = sink + fma_avx512(fma_iters);
      peak512.push_back(fma_iters * 16.0 * 16 * 2 / (now_seconds() - t0) / 1e9);
      t0 = now_seconds();
      sink = sink + fma_avx2(fma_iters);
      peak256.push_back(fma_iters * 16.0 * 8 * 2 / (now_seconds() - t0) / 1e9);
    }
  }

  // ---------------------------------------------------------------- report
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&now));
  std::string corename = "n/a";
#ifdef NEURITE_BENCH_OPENBLAS
  corename = openblas_get_corename();
#endif
  std::string xsmm_arch = "n/a";
#ifdef NEURITE_BENCH_XSMM
  xsmm_arch = libxsmm_get_target_arch();
#endif
  auto minmax = [](const std::vector<double>& v) { return std::minmax_element(v.begin(), v.end()); };
  auto gflops = [&](const Cell& c, double sec) {
    const auto& p = layers[c.layer].p;
    return 2.0 * p.n * p.in * p.out / sec / 1e9;
  };

  std::printf("# Single-thread SGEMM, GFLOP/s (thread CPU time, median of %d interleaved rounds, [min-max])\n\n", rounds);
  std::printf("%s; OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s (OpenBLAS core: %s); libxsmm arch: %s; "
              "Eigen SIMD: portable %s / native %s\n\n",
              date, env_or("OPENBLAS_CORETYPE", "(unset)").c_str(), env_or("OPENBLAS_L2_SIZE", "(unset)").c_str(),
              corename.c_str(), xsmm_arch.c_str(), nb::eigen_portable::simd(), nb::eigen_native::simd());
  {
    const auto a = minmax(peak512), b = minmax(peak256);
    std::printf("FMA peak, one core (median [min-max] of %zu bursts): AVX-512 %.1f [%.1f-%.1f], "
                "AVX2 %.1f [%.1f-%.1f]\n\n",
                peak512.size(), median(peak512), *a.first, *a.second, median(peak256), *b.first, *b.second);
  }
  std::printf("| workload | layer (in-out, rows) | product | M x N x K |");
  for (const auto& b : bs) std::printf(" %s |", b.name.c_str());
  std::printf("\n|---|---|---|---|");
  for (std::size_t b = 0; b < bs.size(); ++b) std::printf("---|");
  std::printf("\n");
  for (std::size_t l = 0; l < layers.size(); ++l)
    for (Product prod : products) {
      const auto& p = layers[l].p;
      const long M = prod == Product::weight_grad ? p.out : p.n;
      const long N = prod == Product::forward ? p.out : p.in;
      const long K = prod == Product::forward ? p.in : prod == Product::weight_grad ? p.n : p.out;
      std::printf("| %s | %d: %ld-%ld, %ld | %s%s | %ldx%ldx%ld |", layers[l].workload.c_str(), layers[l].index,
                  p.in, p.out, p.n, product_name(prod),
                  layers[l].first && prod == Product::input_grad ? " (unused)" : "", M, N, K);
      for (const Cell& c : cells) {
        if (c.layer != l || c.prod != prod) continue;
        const auto mm = minmax(c.s.seconds_per_call);
        std::printf(" %.1f [%.1f-%.1f] |", gflops(c, median(c.s.seconds_per_call)), gflops(c, *mm.second),
                    gflops(c, *mm.first));
      }
      std::printf("\n");
    }

  // Per workload: the flops of one training step's GEMMs (first layer's input
  // gradient excluded) over the sum of the median times.
  std::printf("\n| workload | GEMM flops per step |");
  for (const auto& b : bs) std::printf(" %s |", b.name.c_str());
  std::printf("\n|---|---|");
  for (std::size_t b = 0; b < bs.size(); ++b) std::printf("---|");
  std::printf("\n");
  std::vector<std::string> names;
  for (const auto& L : layers)
    if (names.empty() || names.back() != L.workload) names.push_back(L.workload);
  for (const auto& w : names) {
    double flops = 0;
    std::vector<double> sec(bs.size(), 0.0);
    for (const Cell& c : cells) {
      const auto& L = layers[c.layer];
      if (L.workload != w || (L.first && c.prod == Product::input_grad)) continue;
      if (c.backend == 0) flops += 2.0 * L.p.n * L.p.in * L.p.out;
      sec[c.backend] += median(c.s.seconds_per_call);
    }
    std::printf("| %s | %.3g |", w.c_str(), flops);
    for (std::size_t b = 0; b < bs.size(); ++b) std::printf(" %.1f |", flops / sec[b] / 1e9);
    std::printf("\n");
  }

  if (FILE* f = std::fopen(json_path.c_str(), "w")) {
    std::fprintf(f, "{\n  \"date\": \"%s\",\n  \"rounds\": %d,\n  \"openblas_coretype\": \"%s\",\n"
                    "  \"openblas_l2_size\": \"%s\",\n  \"openblas_core\": \"%s\",\n  \"libxsmm_arch\": \"%s\",\n",
                 date, rounds, env_or("OPENBLAS_CORETYPE", "").c_str(), env_or("OPENBLAS_L2_SIZE", "").c_str(),
                 corename.c_str(), xsmm_arch.c_str());
    auto arr = [&](const std::vector<double>& v) {
      std::string s = "[";
      for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
      return s + "]";
    };
    std::fprintf(f, "  \"fma_peak_gflops\": {\"avx512\": %s, \"avx2\": %s},\n  \"results\": [\n",
                 arr(peak512).c_str(), arr(peak256).c_str());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      const auto& L = layers[c.layer];
      std::vector<double> g;
      for (double s : c.s.seconds_per_call) g.push_back(gflops(c, s));
      std::fprintf(f,
                   "    {\"workload\": \"%s\", \"layer\": %d, \"rows\": %ld, \"in\": %ld, \"out\": %ld, "
                   "\"product\": \"%s\", \"backend\": \"%s\", \"iterations\": %ld, \"gflops_median\": %.3f, "
                   "\"gflops\": %s}%s\n",
                   L.workload.c_str(), L.index, L.p.n, L.p.in, L.p.out, product_name(c.prod),
                   bs[c.backend].name.c_str(), c.s.iters, gflops(c, median(c.s.seconds_per_call)),
                   arr(g).c_str(), i + 1 < cells.size() ? "," : "");
    }
    std::fprintf(f, "  ]\n}\n");
    std::fclose(f);
    std::printf("\nJSON: %s\n", json_path.c_str());
  }
  return 0;
}
