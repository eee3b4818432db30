// Microbenchmarks of the layers beyond dense, through the built-in plugins a
// run would load: conv2d, max_pool2d, avg_pool2d, dropout, flatten. Shapes are
// those of a LeNet-style network on MNIST (Nielsen's convolutional chapter):
// batch 64, 1x28x28 -> conv 6@5x5 -> 6x24x24 -> pool 2 -> 6x12x12 ->
// conv 16@5x5 -> 16x8x8 -> pool 2. main() is in micro_bench.cpp.
#include "micro_common.hpp"

#include <neurite/testing/plugins.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
// A built layer with its workspace, gradient buffers and random x, dy.
struct LayerFixture {
  std::shared_ptr<neurite::Layer> layer;
  neurite::Workspace ws;
  std::vector<Matrix> grads;
  Matrix x, dy;
  LayerFixture(std::shared_ptr<neurite::Layer> l, Index rows, Index in) : layer(std::move(l)) {
    neurite::Rng rng(1);
    const Index out = layer->build(in, rng);
    std::vector<neurite::MatrixMap> maps;
    for (const auto& p : layer->parameters()) grads.push_back(Matrix::Zero(p.rows, p.cols));
    for (auto& g : grads) maps.emplace_back(g.data(), g.rows(), g.cols());
    ws.bind_gradients(maps);
    ws.set_rng(neurite::Rng(2));
    layer->reserve(ws, rows);
    x = nt::random_matrix(rows, in, 3);
    dy = nt::random_matrix(rows, out, 4);
  }
  void step() {
    benchmark::DoNotOptimize(layer->forward(x, ws).data());
    benchmark::DoNotOptimize(layer->backward(dy, ws).data());
  }
};

// rows, in_channels, image side, out_channels, kernel: forward + backward
// (dW, db and dx: the input gradient is computed even for a first layer).
void conv2d_forward_backward(benchmark::State& state) {
  const Index rows = state.range(0), cin = state.range(1), side = state.range(2), cout = state.range(3),
              k = state.range(4);
  LayerFixture f(nt::make_layer("conv2d", {{"in_channels", static_cast<int>(cin)},
                                           {"out_channels", static_cast<int>(cout)},
                                           {"kernel_size", static_cast<int>(k)}}),
                 rows, cin * side * side);
  for (auto _ : state) f.step();
  const double positions = static_cast<double>((side - k + 1) * (side - k + 1));
  neurite::bench::count_flops(state, 6.0 * static_cast<double>(rows) * positions * static_cast<double>(cin * k * k * cout));
}

void conv2d_forward(benchmark::State& state) {
  const Index rows = state.range(0), cin = state.range(1), side = state.range(2), cout = state.range(3),
              k = state.range(4);
  LayerFixture f(nt::make_layer("conv2d", {{"in_channels", static_cast<int>(cin)},
                                           {"out_channels", static_cast<int>(cout)},
                                           {"kernel_size", static_cast<int>(k)}}),
                 rows, cin * side * side);
  for (auto _ : state) benchmark::DoNotOptimize(f.layer->forward(f.x, f.ws).data());
  const double positions = static_cast<double>((side - k + 1) * (side - k + 1));
  neurite::bench::count_flops(state, 2.0 * static_cast<double>(rows) * positions * static_cast<double>(cin * k * k * cout));
}

// rows, channels, image side: 2x2 windows, stride 2.
void pool_forward_backward(benchmark::State& state, const char* name) {
  const Index rows = state.range(0), channels = state.range(1), side = state.range(2);
  LayerFixture f(nt::make_layer(name, {{"channels", static_cast<int>(channels)}, {"kernel_size", 2}}), rows,
                 channels * side * side);
  for (auto _ : state) f.step();
  state.SetItemsProcessed(state.iterations() * rows * channels * side * side);
}

// rows, cols: training mode (mask drawn every forward) or the identity.
void elementwise_layer_forward_backward(benchmark::State& state, const char* name) {
  const Index rows = state.range(0), cols = state.range(1);
  LayerFixture f(nt::make_layer(name), rows, cols);
  for (auto _ : state) f.step();
  state.SetItemsProcessed(state.iterations() * rows * cols);
}
}  // namespace

// LeNet's convolutions at batch 64: 1x28x28 -> 6@5x5, 6x12x12 -> 16@5x5.
BENCHMARK(conv2d_forward)->Args({64, 1, 28, 6, 5})->Args({64, 6, 12, 16, 5});
BENCHMARK(conv2d_forward_backward)->Args({64, 1, 28, 6, 5})->Args({64, 6, 12, 16, 5});
BENCHMARK_CAPTURE(pool_forward_backward, max_pool2d, "max_pool2d")->Args({64, 6, 24})->Args({64, 16, 8});
BENCHMARK_CAPTURE(pool_forward_backward, avg_pool2d, "avg_pool2d")->Args({64, 6, 24});
BENCHMARK_CAPTURE(elementwise_layer_forward_backward, dropout, "dropout")->Args({64, 100})->Args({128, 256});
BENCHMARK_CAPTURE(elementwise_layer_forward_backward, flatten, "flatten")->Args({64, 256});
