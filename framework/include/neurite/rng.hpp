// Deterministic random numbers, identical on every platform and standard
// library: xoshiro256** seeded through splitmix64, with our own uniform and
// normal transforms (std:: distributions are implementation-defined).
// Every random stream of a run derives from the experiment seed via derive().
#pragma once
#include <cmath>
#include <cstdint>
#include <utility>

namespace neurite {
class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& word : s_) word = splitmix64(x);
    has_spare_normal_ = false;
  }

  /// An independent stream for `stream_id` (e.g. "init of layer 3", "shuffle").
  /// Does not advance this generator.
  Rng derive(std::uint64_t stream_id) const {
    std::uint64_t x = s_[0] ^ (stream_id * 0x9E3779B97F4A7C15ull) ^ s_[3];
    return Rng(splitmix64(x) ^ stream_id);
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  /// Uniform integer in [0, n), unbiased (rejection sampling). requires: n > 0.
  /// Draws at or above `limit`, the largest multiple of n that fits, are drawn
  /// again. limit > 2^64 - 1 - n, so a draw at or below that passes without
  /// computing limit: one division per call instead of two (the shuffle's
  /// divisions were about 5% of workload A), and the same draws as before.
  std::uint64_t below(std::uint64_t n) {
    std::uint64_t r = next_u64();
    if (r > ~std::uint64_t{0} - n) [[unlikely]] {
      const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
      while (r >= limit) r = next_u64();
    }
    return r % n;
  }

  /// Standard normal via the Box-Muller transform (pairs cached).
  double normal() {
    if (has_spare_normal_) {
      has_spare_normal_ = false;
      return spare_normal_;
    }
    double u1;
    do u1 = uniform();
    while (u1 <= 0.0);
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 6.283185307179586 * u2;
    spare_normal_ = radius * std::sin(angle);
    has_spare_normal_ = true;
    return radius * std::cos(angle);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  /// Everything that determines the numbers still to come (checkpoints).
  struct State {
    std::uint64_t words[4];
    double spare_normal;
    bool has_spare_normal;
  };
  State state() const { return {{s_[0], s_[1], s_[2], s_[3]}, spare_normal_, has_spare_normal_}; }
  void set_state(const State& state) {
    for (int i = 0; i < 4; ++i) s_[i] = state.words[i];
    spare_normal_ = state.spare_normal;
    has_spare_normal_ = state.has_spare_normal;
  }

  /// Fisher-Yates shuffle of any random-access range.
  template <class It>
  void shuffle(It first, It last) {
    for (auto n = last - first; n > 1; --n) {
      auto j = static_cast<decltype(n)>(below(static_cast<std::uint64_t>(n)));
      std::swap(first[n - 1], first[j]);
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  std::uint64_t s_[4];
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};
}  // namespace neurite
