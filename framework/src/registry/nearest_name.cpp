// "Did you mean" suggestions: the candidate with the smallest edit distance,
// if it is close enough to be a plausible typo.
#include <neurite/registry/plugin_registry.hpp>

#include <algorithm>
#include <vector>

namespace neurite {
namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string nearest_name(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {  // ties keep the first (callers pass sorted lists)
    const std::size_t d = edit_distance(word, candidate);
    const bool is_prefix = candidate.rfind(word, 0) == 0 || word.rfind(candidate, 0) == 0;
    const std::size_t effective = is_prefix ? std::min<std::size_t>(d, 1) : d;
    if (effective < best_distance) best_distance = effective, best = candidate;
  }
  return best;
}
}  // namespace neurite
