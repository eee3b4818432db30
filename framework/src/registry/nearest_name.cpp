// "Did you mean" suggestions for plugin names and parameters: the candidate
// with the smallest edit distance (text/did_you_mean.hpp, shared with the
// config schema), if it is close enough to be a plausible typo.
#include <neurite/registry/plugin_registry.hpp>

#include "text/did_you_mean.hpp"

#include <algorithm>
#include <vector>

namespace neurite {

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
