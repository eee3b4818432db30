// Chunked element-wise passes (neurite/kernels/elementwise.hpp).
#include <neurite/kernels/elementwise.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>

namespace neurite::kernels {
namespace {
constexpr Index kMinParallelChunks = 32;
}  // namespace

void for_each_chunk_impl(Index n, void (*fn)(void* context, Index begin, Index end), void* context) {
  if (n <= 0) return;
  const Index chunks = (n + kElementwiseChunk - 1) / kElementwiseChunk;
  // Below 32 chunks (1 MiB of floats per buffer) the pass is serial: a task
  // for the other thread must first wake it, which on this VM can take longer
  // than the pass itself. C at 2 threads, whose largest buffer is 25 chunks:
  // 100.6k samples/s with tasks from 4 chunks, 146.5k serial (medians of 5,
  // with the shard rule below in trainer.cpp); D's 512-chunk buffers still split.
  if (chunks < kMinParallelChunks) {
    for (Index c = 0; c < chunks; ++c) fn(context, c * kElementwiseChunk, std::min(n, (c + 1) * kElementwiseChunk));
    return;
  }
  tbb::parallel_for(Index{0}, chunks, [&](Index c) {
    fn(context, c * kElementwiseChunk, std::min(n, (c + 1) * kElementwiseChunk));
  });
}
}  // namespace neurite::kernels
