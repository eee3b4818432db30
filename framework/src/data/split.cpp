// split_rows() and fold_rows(): row assignment to training, validation and
// test (rules in split.hpp).
#include "data/split.hpp"

#include "data/streams.hpp"

#include <neurite/rng.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace neurite::data {
namespace {
constexpr std::size_t kTest = static_cast<std::size_t>(-1);  // part of a held-out test row

std::size_t rounded(std::size_t n, double ratio) {
  return static_cast<std::size_t>(std::llround(static_cast<double>(n) * ratio));
}

std::vector<Index> shuffled(std::size_t n, std::uint64_t seed) {
  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  Rng rng = Rng(seed).derive(kDataSplitStream);
  rng.shuffle(order.begin(), order.end());
  return order;
}

// Rows split alike, each list in shuffled order: all rows, or one list per class.
std::vector<std::vector<Index>> groups(const std::vector<Index>& order, const std::vector<int>& labels,
                                       const DataSpec& spec) {
  if (!spec.stratify) return {order};
  if (labels.size() != order.size())
    throw Error(ExitCode::usage, spec.where, "data.stratify needs class labels; this data set has none (regression)");
  const int classes = labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
  std::vector<std::vector<Index>> by_class(static_cast<std::size_t>(classes));
  for (const Index row : order) by_class[static_cast<std::size_t>(labels[static_cast<std::size_t>(row)])].push_back(row);
  return by_class;
}

// part[row]: 0 train, 1 validation, 2 test (split_rows); a fold or kTest (fold_rows).
template <class Select>
std::vector<Index> rows_where(const std::vector<Index>& order, const std::vector<std::size_t>& part, Select select) {
  std::vector<Index> rows;
  for (const Index row : order)
    if (select(part[static_cast<std::size_t>(row)])) rows.push_back(row);
  return rows;
}
}  // namespace

RowSplit split_rows(std::size_t n, const std::vector<int>& labels, const DataSpec& spec, std::uint64_t seed) {
  const SplitSpec& s = spec.split;
  const auto in_unit = [](double r) { return r >= 0.0 && r <= 1.0; };
  if (!(s.train > 0.0) || !in_unit(s.train) || !in_unit(s.validation) || !in_unit(s.test) ||
      std::abs(s.train + s.validation + s.test - 1.0) > 1e-6) {
    std::ostringstream message;
    message << "split ratios must lie in [0, 1] with train > 0 and sum to 1, got " << s.train << " + "
            << s.validation << " + " << s.test;
    throw Error(ExitCode::usage, spec.where, message.str());
  }
  const std::vector<Index> order = shuffled(n, seed);
  std::vector<std::size_t> part(n, 2);
  for (const auto& group : groups(order, labels, spec)) {
    const std::size_t size = group.size();
    const std::size_t n_train = std::min(rounded(size, s.train), size);
    const std::size_t n_validation = std::min(rounded(size, s.validation), size - n_train);
    for (std::size_t j = 0; j < n_train + n_validation; ++j)
      part[static_cast<std::size_t>(group[j])] = j < n_train ? 0 : 1;
  }
  RowSplit out;
  out.train = rows_where(order, part, [](std::size_t p) { return p == 0; });
  out.validation = rows_where(order, part, [](std::size_t p) { return p == 1; });
  out.test = rows_where(order, part, [](std::size_t p) { return p == 2; });
  if (out.train.empty()) {
    std::ostringstream message;
    message << "the training split is empty: " << n << " samples x train ratio " << s.train << " rounds to 0";
    throw Error(ExitCode::usage, spec.where, message.str());
  }
  return out;
}

RowSplit fold_rows(std::size_t n, const std::vector<int>& labels, const DataSpec& spec, std::uint64_t seed,
                   std::size_t folds, std::size_t fold) {
  if (folds < 2)
    throw Error(ExitCode::usage, spec.where, "data.folds must be an integer >= 2, got " + std::to_string(folds));
  if (fold >= folds)
    throw Error(ExitCode::usage, spec.where,
                "fold " + std::to_string(fold) + " does not exist: folds are 0.." + std::to_string(folds - 1));
  const double test = spec.split.test;
  if (!(test >= 0.0 && test < 1.0)) {
    std::ostringstream message;
    message << "with data.folds the test ratio must lie in [0, 1), got " << test;
    throw Error(ExitCode::usage, spec.where, message.str());
  }
  const std::vector<Index> order = shuffled(n, seed);
  std::vector<std::size_t> part(n, kTest);
  std::size_t dealt = 0;
  for (const auto& group : groups(order, labels, spec)) {
    const std::size_t keep = group.size() - std::min(rounded(group.size(), test), group.size());
    for (std::size_t j = 0; j < keep; ++j) part[static_cast<std::size_t>(group[j])] = dealt++ % folds;
  }
  if (dealt < folds) {
    std::ostringstream message;
    message << folds << " folds need at least " << folds << " samples outside the test split, got " << dealt;
    throw Error(ExitCode::usage, spec.where, message.str());
  }
  RowSplit out;
  out.train = rows_where(order, part, [&](std::size_t p) { return p != fold && p != kTest; });
  out.validation = rows_where(order, part, [&](std::size_t p) { return p == fold; });
  out.test = rows_where(order, part, [](std::size_t p) { return p == kTest; });
  return out;
}
}  // namespace neurite::data
