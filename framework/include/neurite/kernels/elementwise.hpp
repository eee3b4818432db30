// Element-wise passes over large buffers (optimizer updates, gradient
// zeroing): the buffer is cut into chunks that stay in L1/L2 while every
// statement of the update runs over them, so a multi-statement update is one
// pass through memory; chunks of large buffers run as TBB tasks. Each element
// is computed from its own inputs only, so the bits never depend on the chunk
// boundaries or on the thread count.
#pragma once
#include <neurite/plugin/tensor.hpp>

#include <memory>
#include <type_traits>

namespace neurite::kernels {
/// Elements per chunk: 32 KiB of floats per buffer touched.
inline constexpr Index kElementwiseChunk = 8192;

/// Non-template core of for_each_chunk: calls fn(context, begin, end) over
/// consecutive chunks covering [0, n); never allocates.
void for_each_chunk_impl(Index n, void (*fn)(void* context, Index begin, Index end), void* context);

/// Calls f(begin, end) for consecutive chunks covering [0, n), in parallel
/// when n spans several chunks. f must only touch elements [begin, end).
template <class F>
void for_each_chunk(Index n, F&& f) {
  using Fn = std::remove_reference_t<F>;
  for_each_chunk_impl(
      n, [](void* context, Index begin, Index end) { (*static_cast<Fn*>(context))(begin, end); },
      const_cast<void*>(static_cast<const void*>(std::addressof(f))));
}
}  // namespace neurite::kernels
