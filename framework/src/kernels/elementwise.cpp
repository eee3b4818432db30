// Chunked element-wise passes (neurite/kernels/elementwise.hpp).
#include <neurite/kernels/elementwise.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>

namespace neurite::kernels {
void for_each_chunk_impl(Index n, void (*fn)(void* context, Index begin, Index end), void* context) {
  if (n <= 0) return;
  const Index chunks = (n + kElementwiseChunk - 1) / kElementwiseChunk;
  // Below a few chunks a task costs more than it saves (microseconds).
  if (chunks < 4) {
    for (Index c = 0; c < chunks; ++c) fn(context, c * kElementwiseChunk, std::min(n, (c + 1) * kElementwiseChunk));
    return;
  }
  tbb::parallel_for(Index{0}, chunks, [&](Index c) {
    fn(context, c * kElementwiseChunk, std::min(n, (c + 1) * kElementwiseChunk));
  });
}
}  // namespace neurite::kernels
