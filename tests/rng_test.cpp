// Mirrors framework/include/neurite/rng.hpp: below() draws exactly what plain
// rejection sampling draws (a changed stream would change every shuffled run's
// results for the same seed), including where rejections happen, and stays in
// range; shuffle() is a permutation.
#define BOOST_TEST_MODULE rng
#include <boost/test/unit_test.hpp>

#include <neurite/rng.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

using neurite::Rng;

namespace {
// The textbook definition below() must match draw for draw.
std::uint64_t reference_below(Rng& rng, std::uint64_t n) {
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t r;
  do r = rng.next_u64();
  while (r >= limit);
  return r % n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(below_draws_what_rejection_sampling_draws) {
  const std::uint64_t top = ~std::uint64_t{0};
  // Small bounds (the shuffle's), powers of two, and bounds near 2^64 where a
  // third to a half of all draws are rejected.
  for (const std::uint64_t n : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{10},
                                std::uint64_t{1000}, std::uint64_t{1} << 32, (std::uint64_t{1} << 32) + 7,
                                std::uint64_t{1} << 63, (std::uint64_t{1} << 63) + 1, top / 3 * 2, top - 1,
                                top}) {
    Rng fast(42), reference(42);
    for (int i = 0; i < 2000; ++i) {
      const std::uint64_t got = fast.below(n);
      BOOST_TEST_REQUIRE(got == reference_below(reference, n), "n = " << n << ", draw " << i);
      BOOST_TEST_REQUIRE(got < n);
    }
    BOOST_TEST(fast.next_u64() == reference.next_u64(), "n = " << n << ": streams diverged");
  }
}

BOOST_AUTO_TEST_CASE(shuffle_is_a_permutation_and_follows_the_seed) {
  std::vector<int> a(1000), b(1000);
  std::iota(a.begin(), a.end(), 0);
  b = a;
  Rng r1(7), r2(7);
  r1.shuffle(a.begin(), a.end());
  r2.shuffle(b.begin(), b.end());
  BOOST_TEST(a == b);
  std::vector<int> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  BOOST_TEST(sorted == identity);
  BOOST_TEST(a != identity);
}
