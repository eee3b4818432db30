// The memory bound of workload LR's step: gathering a mini-batch of 128 random
// rows of 784 floats (3,136 bytes) from a 60,000-row data set (179 MiB, far
// larger than the caches) into a batch buffer, as the trainer does, against a
// sequential copy of the same rows. Reported as bytes per second of rows moved
// (bench/README.md, "Issue 8's targets", LR).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

namespace {
constexpr std::size_t kRows = 60000, kCols = 784, kBatch = 128;

struct Data {
  std::vector<float> table = std::vector<float>(kRows * kCols, 1.0f);
  std::vector<float> batch = std::vector<float>(kBatch * kCols);
  std::vector<std::size_t> order = std::vector<std::size_t>(kRows);
  Data() {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), std::mt19937(1));
  }
};

void gather_random_rows(benchmark::State& state) {
  static Data d;
  std::size_t start = 0;
  for (auto _ : state) {
    if (start + kBatch > kRows) start = 0;
    for (std::size_t r = 0; r < kBatch; ++r)
      std::memcpy(&d.batch[r * kCols], &d.table[d.order[start + r] * kCols], kCols * sizeof(float));
    start += kBatch;
    benchmark::DoNotOptimize(d.batch.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kBatch * kCols * sizeof(float)));
}

void copy_sequential_rows(benchmark::State& state) {
  static Data d;
  std::size_t start = 0;
  for (auto _ : state) {
    if (start + kBatch > kRows) start = 0;
    std::memcpy(d.batch.data(), &d.table[start * kCols], kBatch * kCols * sizeof(float));
    start += kBatch;
    benchmark::DoNotOptimize(d.batch.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kBatch * kCols * sizeof(float)));
}
}  // namespace

BENCHMARK(gather_random_rows);
BENCHMARK(copy_sequential_rows);
