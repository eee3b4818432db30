// Microbenchmarks of the losses' fused sum_and_gradient() (the trainer's hot
// path) on the output of workload C: 128 samples x 10 columns, through the
// built-in plugin library. softmax_cross_entropy without label smoothing is in
// micro_bench.cpp; l1 is mae under another name.
#include <neurite/testing/plugins.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
enum class Targets { values, one_hot, binary, distributions, log_distributions };

Matrix make_targets(Targets kind, Index rows, Index cols) {
  Matrix t = nt::random_matrix(rows, cols, 12);
  switch (kind) {
    case Targets::values: break;
    case Targets::one_hot:
      t.setZero();
      for (Index r = 0; r < rows; ++r) t(r, (r * 7) % cols) = 1.0f;
      break;
    case Targets::binary: t = (t.array() > 0.0f).cast<float>(); break;
    case Targets::distributions:
    case Targets::log_distributions:
      t = (t.array() + 2.5f).matrix();
      for (Index r = 0; r < rows; ++r) t.row(r) /= t.row(r).sum();
      if (kind == Targets::log_distributions) t = t.array().log().matrix();
      break;
  }
  return t;
}

// `setting` is one "key=value" of the loss ("" for the defaults).
void loss_sum_and_gradient(benchmark::State& state, const char* name, const char* setting, Targets targets) {
  const Index rows = state.range(0), cols = state.range(1);
  neurite::ComponentSpec spec = nt::component_spec(name);
  if (const std::string kv = setting; !kv.empty())
    spec.params.push_back({kv.substr(0, kv.find('=')), kv.substr(kv.find('=') + 1), spec.where});
  auto loss = nt::builtin_registry().make_loss(spec);
  Matrix pred = nt::random_matrix(rows, cols, 11) * 2.0f;
  if (targets == Targets::one_hot || targets == Targets::distributions || targets == Targets::log_distributions)
    for (Index r = 0; r < rows; ++r)  // log-probabilities for nll and kl_divergence, harmless scores otherwise
      pred.row(r).array() -= std::log((pred.row(r).array()).exp().sum());
  const Matrix t = make_targets(targets, rows, cols);
  Matrix d(rows, cols);
  for (auto _ : state) benchmark::DoNotOptimize(loss->sum_and_gradient(pred, t, 1.0f / static_cast<float>(rows), d));
  state.SetItemsProcessed(state.iterations() * rows * cols);
}
}  // namespace

BENCHMARK_CAPTURE(loss_sum_and_gradient, mae, "mae", "", Targets::values)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, huber, "huber", "", Targets::values)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, smooth_l1, "smooth_l1", "", Targets::values)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, binary_cross_entropy_with_logits, "binary_cross_entropy_with_logits", "",
                  Targets::binary)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, softmax_cross_entropy_label_smoothing, "softmax_cross_entropy",
                  "label_smoothing=0.1", Targets::one_hot)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, nll, "nll", "", Targets::one_hot)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, multi_margin, "multi_margin", "", Targets::one_hot)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, multi_margin_p2, "multi_margin", "p=2", Targets::one_hot)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, kl_divergence, "kl_divergence", "", Targets::distributions)->Args({128, 10});
BENCHMARK_CAPTURE(loss_sum_and_gradient, kl_divergence_log_target, "kl_divergence", "log_target=true",
                  Targets::log_distributions)->Args({128, 10});
