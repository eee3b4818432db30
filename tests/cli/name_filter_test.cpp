// Mirrors framework/src/cli/name_filter.cpp.
#define BOOST_TEST_MODULE name_filter
#include <boost/test/unit_test.hpp>

#include "cli/name_filter.hpp"

using namespace neurite;
using namespace neurite::cli;

namespace {
Batch batch_of(const std::vector<std::string>& names) {
  Batch batch;
  for (const auto& name : names) {
    BatchItem item;
    item.spec.name = name;
    batch.items.push_back(std::move(item));
  }
  return batch;
}

std::vector<std::string> names_of(const Batch& batch) {
  std::vector<std::string> names;
  for (const auto& item : batch.items) names.push_back(item.spec.name);
  return names;
}
}  // namespace

BOOST_AUTO_TEST_CASE(keeps_names_matching_any_pattern_in_order) {
  Batch batch = batch_of({"xor-logreg", "xor-mlp", "moons-mlp[units=8,seed=1]", "moons-logreg"});
  filter_batch(batch, {"*-mlp*", "moons-logreg"});
  BOOST_TEST(names_of(batch) == (std::vector<std::string>{"xor-mlp", "moons-mlp[units=8,seed=1]", "moons-logreg"}),
             boost::test_tools::per_element());
  BOOST_TEST(matches_any("moons-mlp[units=8]", {"moons-mlp\\[units=8\\]"}));
  BOOST_TEST(!matches_any("moons-mlp", {"moons"}));
}

BOOST_AUTO_TEST_CASE(no_match_is_a_usage_error_listing_the_names) {
  Batch batch = batch_of({"a", "b"});
  try {
    filter_batch(batch, {"c*"});
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == "run: --filter 'c*' matches no experiment (names: a, b)");
  }
  Batch untouched = batch_of({"a"});
  filter_batch(untouched, {});
  BOOST_TEST(untouched.items.size() == 1u);
}
