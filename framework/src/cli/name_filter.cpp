#include "cli/name_filter.hpp"

#include <neurite/errors.hpp>

#include <fnmatch.h>

#include <algorithm>

namespace neurite::cli {
bool matches_any(const std::string& name, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return fnmatch(p.c_str(), name.c_str(), 0) == 0; });
}

void filter_batch(Batch& batch, const std::vector<std::string>& patterns) {
  if (patterns.empty() || batch.items.empty()) return;
  std::string names, wanted;
  for (const auto& item : batch.items) names += (names.empty() ? "" : ", ") + item.spec.name;
  for (const auto& p : patterns) wanted += (wanted.empty() ? "'" : ", '") + p + "'";
  std::erase_if(batch.items, [&](const BatchItem& item) { return !matches_any(item.spec.name, patterns); });
  if (batch.items.empty())
    throw Error(ExitCode::usage, "run: --filter " + wanted + " matches no experiment (names: " + names + ")");
}
}  // namespace neurite::cli
