// Edit distance and "did you mean" hints for unknown names in experiment files.
#include "text/did_you_mean.hpp"

#include <algorithm>
#include <numeric>

namespace neurite {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  // d[i][j]: distance between a[0, i) and b[0, j); three rows suffice for the
  // transposition case.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string> sorted = candidates;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : sorted) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) best = &candidate, best_distance = d;
  }
  return best ? "; did you mean '" + *best + "'?" : std::string{};
}

std::string sorted_list(std::vector<std::string> candidates) {
  std::sort(candidates.begin(), candidates.end());
  std::string out;
  for (const auto& c : candidates) out += (out.empty() ? "" : ", ") + c;
  return out;
}

std::string unknown_name_message(std::string_view what, std::string_view word,
                                 std::string_view where,
                                 const std::vector<std::string>& candidates,
                                 std::string_view list_word) {
  std::string message = "unknown " + std::string(what) + " '" + std::string(word) + "'";
  if (!where.empty()) message += " in '" + std::string(where) + "'";
  message += did_you_mean(word, candidates);
  message += " (" + std::string(list_word) + ": " + sorted_list(candidates) + ")";
  return message;
}
}  // namespace neurite
