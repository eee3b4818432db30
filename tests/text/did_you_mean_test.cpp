// Mirrors framework/src/config/did_you_mean.cpp.
#define BOOST_TEST_MODULE did_you_mean
#include <boost/test/unit_test.hpp>

#include "text/did_you_mean.hpp"

using namespace neurite;

BOOST_AUTO_TEST_CASE(edit_distance_counts_typos) {
  BOOST_TEST(edit_distance("", "") == 0u);
  BOOST_TEST(edit_distance("seed", "seed") == 0u);
  BOOST_TEST(edit_distance("sampels", "samples") == 1u);  // transposition
  BOOST_TEST(edit_distance("sed", "seed") == 1u);
  BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
  BOOST_TEST(edit_distance("", "abc") == 3u);
}

BOOST_AUTO_TEST_CASE(suggests_only_close_names) {
  const std::vector<std::string> keys = {"seed", "name", "model", "data"};
  BOOST_TEST(did_you_mean("sed", keys) == "; did you mean 'seed'?");
  BOOST_TEST(did_you_mean("modle", keys) == "; did you mean 'model'?");
  BOOST_TEST(did_you_mean("optimizer", keys) == "");
  BOOST_TEST(sorted_list(keys) == "data, model, name, seed");
}
