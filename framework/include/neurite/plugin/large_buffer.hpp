// Large buffers (weights, gradients, optimizer state, activations, data sets)
// backed by transparent huge pages where the system allows it.
//
// A 2 MiB page needs one TLB entry where 4 KiB pages need 512, and one page
// fault instead of 512. GEMMs that stream through megabytes of weights, and the
// gather of random rows from a data set, miss the TLB less: workload D (weights
// of 8 and 16 MiB) trains 3% faster and LR (a 179 MiB data set) 4% (bench/README.md).
// Debian's kernels ask programs to opt in (transparent_hugepage=madvise), which
// is what these helpers do; the advice must come before the pages are first
// written, so they allocate, advise, then fill. Header-only: plugins call them
// like the core does, and the plugin ABI is unchanged.
#pragma once
#include <neurite/plugin/tensor.hpp>

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace neurite {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

/// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes)
/// with huge pages. A hint: it does nothing for smaller buffers, on systems
/// without transparent huge pages, or where they are off; pages already
/// written keep their size.
inline void advise_huge_pages(void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto first = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (first + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const std::uintptr_t end = (first + bytes) & ~(kHugePageBytes - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

/// Resizes `m` to rows x cols as Matrix::resize does (contents unspecified
/// when the size changes), its new storage advised for huge pages.
inline void resize_large(Matrix& m, Index rows, Index cols) {
  if (m.rows() == rows && m.cols() == cols) return;
  m.resize(rows, cols);
  advise_huge_pages(m.data(), sizeof(float) * static_cast<std::size_t>(m.size()));
}

/// A rows x cols matrix of `value`, its storage advised for huge pages before
/// it is filled: Matrix::Constant(rows, cols, value) for large buffers.
inline Matrix large_matrix(Index rows, Index cols, float value) {
  Matrix m;
  resize_large(m, rows, cols);
  m.setConstant(value);
  return m;
}

}  // namespace neurite
