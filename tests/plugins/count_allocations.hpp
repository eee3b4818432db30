// Counts heap allocations in a scope, to prove "no allocation in the steady
// state" (forward/backward after reserve(), optimizer steps after bind()).
// It replaces malloc/calloc/realloc in the test executable; the dynamic linker
// resolves the plugin libraries' calls to these too. Include it from exactly
// one file per test executable. Under AddressSanitizer (which owns malloc)
// the counter is unavailable and available() is false.
#pragma once
#include <cstddef>
#include <cstdlib>

namespace neurite::testing {
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kCountAllocationsAvailable = false;
#else
inline constexpr bool kCountAllocationsAvailable = true;
#endif

inline bool g_count_allocations = false;
inline std::size_t g_allocations = 0;

/// Allocations made while `f()` runs.
template <class F>
std::size_t allocations_during(F&& f) {
  g_allocations = 0;
  g_count_allocations = true;
  f();
  g_count_allocations = false;
  return g_allocations;
}
}  // namespace neurite::testing

#if !defined(__SANITIZE_ADDRESS__)
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);

void* malloc(std::size_t n) noexcept {
  if (neurite::testing::g_count_allocations) ++neurite::testing::g_allocations;
  return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) noexcept {
  if (neurite::testing::g_count_allocations) ++neurite::testing::g_allocations;
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) noexcept {
  if (neurite::testing::g_count_allocations) ++neurite::testing::g_allocations;
  return __libc_realloc(p, n);
}
}
#endif
