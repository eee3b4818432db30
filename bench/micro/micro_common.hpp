// The loops every microbenchmark file shares (micro_bench.cpp and the
// per-area <area>_bench.cpp files): one component, fixed inputs, one call per
// iteration.
#pragma once
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/testing/plugins.hpp>

#include <benchmark/benchmark.h>

#include <vector>

namespace neurite::bench {
/// Reports flops/s (Google Benchmark's "FLOPS" counter) for `flops_per_iteration`.
inline void count_flops(benchmark::State& state, double flops_per_iteration) {
  state.counters["FLOPS"] = benchmark::Counter(flops_per_iteration, benchmark::Counter::kIsIterationInvariantRate);
}

/// forward + backward of `act` on state.range(0) x state.range(1) inputs in
/// [-2 z_scale, 2 z_scale].
inline void activation_loop(benchmark::State& state, const Activation& act, float z_scale = 1.0f) {
  const Index rows = state.range(0), cols = state.range(1);
  const Matrix z = z_scale * testing::random_matrix(rows, cols, 4), da = testing::random_matrix(rows, cols, 5);
  Matrix a(rows, cols), dz(rows, cols);
  for (auto _ : state) {
    act.forward(z, a);
    act.backward(z, a, da, dz);
    benchmark::DoNotOptimize(dz.data());
  }
  state.SetItemsProcessed(state.iterations() * rows * cols);
}

/// One step of `opt` over state.range(0) parameters per iteration; the
/// gradient stays fixed, the parameters and moments evolve as in training.
inline void optimizer_loop(benchmark::State& state, Optimizer& opt) {
  const Index params = state.range(0);
  Matrix w = testing::random_matrix(1, params, 7), g = testing::random_matrix(1, params, 8);
  std::vector<ParamView> views{{"weight", w.data(), 1, params, true}};
  opt.bind(views);
  std::vector<ParamSlot> slots{{views[0], g.data()}};
  for (auto _ : state) {
    opt.step(slots);
    benchmark::DoNotOptimize(w.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * params);
}
}  // namespace neurite::bench
