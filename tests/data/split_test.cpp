// Mirrors framework/src/data/split.cpp.
#define BOOST_TEST_MODULE split
#include <boost/test/unit_test.hpp>

#include "data/split.hpp"
#include "data/streams.hpp"

#include <neurite/rng.hpp>

#include <algorithm>
#include <functional>
#include <numeric>

using namespace neurite;
using namespace neurite::data;
namespace tt = boost::test_tools;

namespace {
DataSpec spec_with(SplitSpec split, bool stratify = false) {
  DataSpec spec;
  spec.split = split;
  spec.stratify = stratify;
  spec.where = SourceLocation{"e.yaml", 2, 3};
  return spec;
}

// 0..n-1 with class k for the first counts[0] rows, then the next, ...
std::vector<int> classes(std::initializer_list<int> counts) {
  std::vector<int> labels;
  int k = 0;
  for (const int c : counts) labels.insert(labels.end(), static_cast<std::size_t>(c), k++);
  return labels;
}

std::size_t count_class(const std::vector<Index>& rows, const std::vector<int>& labels, int k) {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](Index r) {
    return labels[static_cast<std::size_t>(r)] == k;
  }));
}

std::vector<Index> sorted(std::vector<Index> v) {
  std::sort(v.begin(), v.end());
  return v;
}

void expect_usage(const std::function<void()>& action, const std::string& message) {
  try {
    action();
    BOOST_FAIL("no error, expected: " << message);
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == "e.yaml:2:3: " + message);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(plain_split_cuts_the_seeded_shuffle) {
  const RowSplit s = split_rows(7, {}, spec_with({0.7, 0.15, 0.15}), 9);  // 4.9 -> 5, 1.05 -> 1, rest 1
  std::vector<Index> order(7);
  std::iota(order.begin(), order.end(), Index{0});
  Rng rng = Rng(9).derive(kDataSplitStream);
  rng.shuffle(order.begin(), order.end());
  BOOST_TEST(s.train == std::vector<Index>(order.begin(), order.begin() + 5), tt::per_element());
  BOOST_TEST(s.validation == std::vector<Index>{order[5]}, tt::per_element());
  BOOST_TEST(s.test == std::vector<Index>{order[6]}, tt::per_element());
}

BOOST_AUTO_TEST_CASE(stratified_split_keeps_class_proportions) {
  const std::vector<int> labels = classes({80, 20});
  const RowSplit s = split_rows(100, labels, spec_with({0.5, 0.25, 0.25}, true), 3);
  BOOST_TEST(count_class(s.train, labels, 0) == 40u);
  BOOST_TEST(count_class(s.train, labels, 1) == 10u);
  BOOST_TEST(count_class(s.validation, labels, 0) == 20u);
  BOOST_TEST(count_class(s.validation, labels, 1) == 5u);
  BOOST_TEST(count_class(s.test, labels, 0) == 20u);
  BOOST_TEST(count_class(s.test, labels, 1) == 5u);
  std::vector<Index> all = s.train;
  all.insert(all.end(), s.validation.begin(), s.validation.end());
  all.insert(all.end(), s.test.begin(), s.test.end());
  std::vector<Index> want(100);
  std::iota(want.begin(), want.end(), Index{0});
  BOOST_TEST(sorted(all) == want, tt::per_element());
  BOOST_TEST((s.train != sorted(s.train)));  // shuffled, classes interleaved

  // Rounding per class: 3 rows x (0.7, 0.15, 0.15) -> 2, 0, 1; 7 rows -> 5, 1, 1.
  const std::vector<int> small = classes({3, 7});
  const RowSplit t = split_rows(10, small, spec_with({0.7, 0.15, 0.15}, true), 1);
  BOOST_TEST(count_class(t.train, small, 0) == 2u);
  BOOST_TEST(count_class(t.validation, small, 0) == 0u);
  BOOST_TEST(count_class(t.test, small, 0) == 1u);
  BOOST_TEST(count_class(t.train, small, 1) == 5u);
  BOOST_TEST(count_class(t.validation, small, 1) == 1u);
  BOOST_TEST(count_class(t.test, small, 1) == 1u);
}

BOOST_AUTO_TEST_CASE(every_row_is_in_exactly_one_validation_fold) {
  const std::size_t n = 103, k = 5;
  std::vector<int> seen(n, 0);
  for (std::size_t i = 0; i < k; ++i) {
    const RowSplit f = fold_rows(n, {}, spec_with({0.7, 0.3, 0.0}), 4, k, i);  // train/validation ratios unused
    BOOST_TEST(f.test.empty());
    BOOST_TEST((f.validation.size() == 20u || f.validation.size() == 21u));
    BOOST_TEST(f.train.size() + f.validation.size() == n);
    for (const Index r : f.validation) ++seen[static_cast<std::size_t>(r)];
    std::vector<Index> all = f.train;
    all.insert(all.end(), f.validation.begin(), f.validation.end());
    all = sorted(all);
    BOOST_TEST(all.size() == n);
    BOOST_TEST((std::adjacent_find(all.begin(), all.end()) == all.end()));
  }
  BOOST_TEST(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
}

BOOST_AUTO_TEST_CASE(test_rows_are_held_out_before_folding) {
  const RowSplit a = fold_rows(100, {}, spec_with({0.6, 0.2, 0.2}), 5, 4, 0);
  const RowSplit b = fold_rows(100, {}, spec_with({0.6, 0.2, 0.2}), 5, 4, 3);
  BOOST_TEST(a.test.size() == 20u);
  BOOST_TEST(a.test == b.test, tt::per_element());
  BOOST_TEST(a.validation.size() == 20u);
  BOOST_TEST(a.train.size() == 60u);
  for (const Index r : a.test) {
    BOOST_TEST((std::find(a.train.begin(), a.train.end(), r) == a.train.end()));
    BOOST_TEST((std::find(b.validation.begin(), b.validation.end(), r) == b.validation.end()));
  }
}

BOOST_AUTO_TEST_CASE(stratified_folds_are_balanced) {
  const std::vector<int> labels = classes({50, 31, 19});
  const std::size_t k = 4;
  std::vector<int> seen(labels.size(), 0);
  for (std::size_t i = 0; i < k; ++i) {
    const RowSplit f = fold_rows(labels.size(), labels, spec_with({0.8, 0.0, 0.2}, true), 2, k, i);
    // Test: round(0.2 * n_c) per class = 10, 6, 4.
    BOOST_TEST(count_class(f.test, labels, 0) == 10u);
    BOOST_TEST(count_class(f.test, labels, 1) == 6u);
    BOOST_TEST(count_class(f.test, labels, 2) == 4u);
    // The other 40, 25, 15 dealt over 4 folds: each class within one row of n_c / k.
    BOOST_TEST(count_class(f.validation, labels, 0) == 10u);
    BOOST_TEST((count_class(f.validation, labels, 1) == 6u || count_class(f.validation, labels, 1) == 7u));
    BOOST_TEST((count_class(f.validation, labels, 2) == 3u || count_class(f.validation, labels, 2) == 4u));
    BOOST_TEST((f.validation.size() == 20u || f.validation.size() == 21u));
    for (const Index r : f.validation) ++seen[static_cast<std::size_t>(r)];
  }
  BOOST_TEST(std::count(seen.begin(), seen.end(), 1) == 80);
  BOOST_TEST(std::count(seen.begin(), seen.end(), 0) == 20);
}

BOOST_AUTO_TEST_CASE(errors_point_at_the_data_section) {
  expect_usage([] { fold_rows(10, {}, spec_with({0.7, 0.15, 0.15}), 0, 1, 0); }, "data.folds must be an integer >= 2, got 1");
  expect_usage([] { fold_rows(10, {}, spec_with({0.7, 0.15, 0.15}), 0, 3, 3); }, "fold 3 does not exist: folds are 0..2");
  expect_usage([] { fold_rows(4, {}, spec_with({0.5, 0.0, 0.5}), 0, 3, 0); },
               "3 folds need at least 3 samples outside the test split, got 2");
  expect_usage([] { fold_rows(10, {}, spec_with({0.0, 0.0, 1.0}), 0, 2, 0); },
               "with data.folds the test ratio must lie in [0, 1), got 1");
  expect_usage([] { split_rows(10, {}, spec_with({0.7, 0.3, 0.0}, true), 0); },
               "data.stratify needs class labels; this data set has none (regression)");
  expect_usage([] { split_rows(10, {}, spec_with({0.7, 0.2, 0.2}), 0); },
               "split ratios must lie in [0, 1] with train > 0 and sum to 1, got 0.7 + 0.2 + 0.2");
  expect_usage([] { split_rows(1, {}, spec_with({0.4, 0.6, 0.0}), 0); },
               "the training split is empty: 1 samples x train ratio 0.4 rounds to 0");
}
