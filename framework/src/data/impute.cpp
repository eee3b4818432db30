// numeric_fill() and most_frequent(): imputation values (rules in impute.hpp).
#include "data/impute.hpp"

#include <algorithm>

namespace neurite::data {
double numeric_fill(std::vector<double> values, const std::string& method) {
  const std::size_t n = values.size();
  if (method == "mean") {
    double sum = 0;
    for (const double v : values) sum += v;
    return sum / static_cast<double>(n);
  }
  std::sort(values.begin(), values.end());
  if (method == "median") return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  // most_frequent: the longest run of equal values; the first (smallest) wins ties.
  double best = values[0];
  std::size_t best_run = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && values[j] == values[i]) ++j;
    if (j - i > best_run) {
      best_run = j - i;
      best = values[i];
    }
    i = j;
  }
  return best;
}

std::string most_frequent(const std::map<std::string, std::size_t>& counts) {
  std::string best;
  std::size_t best_count = 0;
  for (const auto& [category, count] : counts)  // sorted: the first of equal counts is the smallest
    if (count > best_count) {
      best_count = count;
      best = category;
    }
  return best;
}
}  // namespace neurite::data
