// Microbenchmarks of one optimizer step per built-in optimizer, through the
// plugin a run would load, on 235,146 parameters in one buffer (workload C's
// 784-256-128-10 network) with its default settings plus, where an option
// adds work to the update (moment buffers, amsgrad's maximum, centering),
// that option. sgd with momentum and plain adam live in micro_bench.cpp.
#include "micro_common.hpp"

#include <neurite/testing/plugins.hpp>

#include <benchmark/benchmark.h>

#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
constexpr Index kWorkloadCParams = 235146;

// One step of `name` (with `settings`) over state.range(0) parameters per iteration.
void step_of(benchmark::State& state, const char* name, nt::Settings settings) {
  neurite::bench::optimizer_loop(state, *nt::make_optimizer(name, settings));
}

void optimizer_step_sgd_plain(benchmark::State& state) { step_of(state, "sgd", {{"learning_rate", 0.01}}); }
void optimizer_step_sgd_nesterov(benchmark::State& state) {
  step_of(state, "sgd", {{"learning_rate", 0.01}, {"momentum", 0.9}, {"nesterov", true}, {"weight_decay", 1e-4}});
}
void optimizer_step_adam_amsgrad(benchmark::State& state) { step_of(state, "adam", {{"amsgrad", true}}); }
void optimizer_step_adagrad(benchmark::State& state) { step_of(state, "adagrad", {}); }
void optimizer_step_rmsprop(benchmark::State& state) { step_of(state, "rmsprop", {}); }
void optimizer_step_rmsprop_centered_momentum(benchmark::State& state) {
  step_of(state, "rmsprop", {{"centered", true}, {"momentum", 0.9}});
}
void optimizer_step_adamw(benchmark::State& state) { step_of(state, "adamw", {}); }
void optimizer_step_adamw_amsgrad(benchmark::State& state) { step_of(state, "adamw", {{"amsgrad", true}}); }
void optimizer_step_adamax(benchmark::State& state) { step_of(state, "adamax", {}); }
void optimizer_step_nadam(benchmark::State& state) { step_of(state, "nadam", {}); }
}  // namespace

BENCHMARK(optimizer_step_sgd_plain)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_sgd_nesterov)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_adam_amsgrad)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_adagrad)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_rmsprop)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_rmsprop_centered_momentum)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_adamw)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_adamw_amsgrad)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_adamax)->Arg(kWorkloadCParams);
BENCHMARK(optimizer_step_nadam)->Arg(kWorkloadCParams);
