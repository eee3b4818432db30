// Microbenchmarks of the operations a training step is made of, each through
// the built-in plugin a run would use: dense forward/backward, activations,
// fused softmax-cross-entropy, optimizer steps. Shapes are those of the
// workloads in bench/workloads (A: 2-16-2 batch 32, C: 784-256-128-10 batch 128).
#include "micro_common.hpp"

#include <neurite/testing/plugins.hpp>

#include <benchmark/benchmark.h>

#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
using neurite::bench::count_flops;

struct DenseFixture {
  std::shared_ptr<neurite::Layer> layer;
  neurite::Workspace ws;
  Matrix x, dy, dw, db;
  DenseFixture(Index rows, Index in, Index out) {
    layer = nt::make_layer("dense", {{"units", static_cast<int>(out)}});
    neurite::Rng rng(1);
    layer->build(in, rng);
    dw = Matrix::Zero(out, in);
    db = Matrix::Zero(1, out);
    ws.bind_gradients({neurite::MatrixMap(dw.data(), out, in), neurite::MatrixMap(db.data(), 1, out)});
    layer->reserve(ws, rows);
    x = nt::random_matrix(rows, in, 2);
    dy = nt::random_matrix(rows, out, 3);
  }
};

void dense_forward(benchmark::State& state) {
  const Index rows = state.range(0), in = state.range(1), out = state.range(2);
  DenseFixture f(rows, in, out);
  for (auto _ : state) benchmark::DoNotOptimize(f.layer->forward(f.x, f.ws).data());
  count_flops(state, 2.0 * rows * in * out);
}

void dense_forward_backward(benchmark::State& state) {
  const Index rows = state.range(0), in = state.range(1), out = state.range(2);
  DenseFixture f(rows, in, out);
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.layer->forward(f.x, f.ws).data());
    benchmark::DoNotOptimize(f.layer->backward(f.dy, f.ws).data());
  }
  count_flops(state, 6.0 * rows * in * out);
}

void activation_forward_backward(benchmark::State& state, const char* name) {
  neurite::bench::activation_loop(state, *nt::make_activation(name));
}

void softmax_cross_entropy(benchmark::State& state) {
  const Index rows = state.range(0), cols = state.range(1);
  auto loss = nt::make_loss("softmax_cross_entropy");
  const Matrix z = nt::random_matrix(rows, cols, 6) * 5.0f;
  Matrix t = Matrix::Zero(rows, cols), dz(rows, cols);
  for (Index r = 0; r < rows; ++r) t(r, r % cols) = 1.0f;
  for (auto _ : state) benchmark::DoNotOptimize(loss->sum_and_gradient(z, t, 1.0f / rows, dz));
  state.SetItemsProcessed(state.iterations() * rows);
}

void optimizer_step(benchmark::State& state, const char* name) {
  auto opt = name == std::string("sgd") ? nt::make_optimizer("sgd", {{"learning_rate", 0.01}, {"momentum", 0.9}})
                                         : nt::make_optimizer(name);
  neurite::bench::optimizer_loop(state, *opt);
}
}  // namespace

// rows, in, out: the layers of workloads A and C.
BENCHMARK(dense_forward)->Args({32, 2, 16})->Args({32, 16, 2})->Args({128, 784, 256})->Args({128, 256, 128})->Args({128, 128, 10});
BENCHMARK(dense_forward_backward)->Args({32, 2, 16})->Args({32, 16, 2})->Args({128, 784, 256})->Args({128, 256, 128})->Args({128, 128, 10});
BENCHMARK_CAPTURE(activation_forward_backward, tanh, "tanh")->Args({32, 16})->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, relu, "relu")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, sigmoid, "sigmoid")->Args({128, 256});
BENCHMARK(softmax_cross_entropy)->Args({32, 2})->Args({128, 10});
BENCHMARK_CAPTURE(optimizer_step, sgd_momentum, "sgd")->Arg(235146);
BENCHMARK_CAPTURE(optimizer_step, adam, "adam")->Arg(235146);
BENCHMARK_MAIN();
