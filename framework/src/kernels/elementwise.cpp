// Chunked element-wise passes (neurite/kernels/elementwise.hpp).
#include <neurite/kernels/elementwise.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>

namespace neurite::kernels {
namespace {
// Below this many chunks a pass runs on the calling thread: a task costs more
// than it saves (microseconds). A 1 MiB threshold was measured and reverted
// (training/trainer.cpp, above kMinShardFlops).
constexpr Index kMinParallelChunks = 4;
}  // namespace

void for_each_chunk_impl(Index n, void (*fn)(void* context, Index begin, Index end), void* context) {
  if (n <= 0) return;
  const Index chunks = (n + kElementwiseChunk - 1) / kElementwiseChunk;
  if (chunks < kMinParallelChunks) {
    for (Index c = 0; c < chunks; ++c) fn(context, c * kElementwiseChunk, std::min(n, (c + 1) * kElementwiseChunk));
    return;
  }
  tbb::parallel_for(Index{0}, chunks, [&](Index c) {
    fn(context, c * kElementwiseChunk, std::min(n, (c + 1) * kElementwiseChunk));
  });
}
}  // namespace neurite::kernels
