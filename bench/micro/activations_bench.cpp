// Microbenchmarks of the activations: forward + backward of each at 128 x 256
// (workload C's widest hidden layer), through the built-in plugin a run would
// load. Activations of the first catalogue (tanh, relu, sigmoid) are in
// micro_bench.cpp, which also holds main().
#include "micro_common.hpp"

#include <neurite/testing/plugins.hpp>

#include <benchmark/benchmark.h>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
void activation_forward_backward(benchmark::State& state, const char* name, const char* key = nullptr,
                                 const char* value = nullptr) {
  auto act = key ? nt::make_activation(name, {{key, value}}) : nt::make_activation(name);
  neurite::bench::activation_loop(state, *act, 3.0f);
}
}  // namespace

BENCHMARK_CAPTURE(activation_forward_backward, leaky_relu, "leaky_relu")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, elu, "elu")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, selu, "selu")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, gelu, "gelu")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, gelu_tanh, "gelu", "approximate", "tanh")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, softplus, "softplus")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, silu, "silu")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, mish, "mish")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, hardtanh, "hardtanh")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, hardsigmoid, "hardsigmoid")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, softsign, "softsign")->Args({128, 256});
BENCHMARK_CAPTURE(activation_forward_backward, log_softmax, "log_softmax")->Args({128, 256});
