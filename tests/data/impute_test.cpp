// Mirrors framework/src/data/impute.cpp; expected values match
// sklearn.impute.SimpleImputer and numpy.median.
#define BOOST_TEST_MODULE impute
#include <boost/test/unit_test.hpp>

#include "data/impute.hpp"

using namespace neurite::data;

BOOST_AUTO_TEST_CASE(numeric_fills) {
  const std::vector<double> v{4, 1, 3, 1, 10, 3};
  BOOST_TEST(numeric_fill(v, "mean") == 22.0 / 6.0);
  BOOST_TEST(numeric_fill(v, "median") == 3.0);                   // (3 + 3) / 2
  BOOST_TEST(numeric_fill({4, 1, 2, 7}, "median") == 3.0);        // (2 + 4) / 2
  BOOST_TEST(numeric_fill({5, 1, 9}, "median") == 5.0);
  BOOST_TEST(numeric_fill(v, "most_frequent") == 1.0);            // 1 and 3 twice: the smaller
  BOOST_TEST(numeric_fill({2, 7, 7}, "most_frequent") == 7.0);
}

BOOST_AUTO_TEST_CASE(most_frequent_category_breaks_ties_by_order) {
  BOOST_TEST(most_frequent({{"b", 2}, {"a", 2}, {"c", 1}}) == "a");
  BOOST_TEST(most_frequent({{"b", 3}, {"a", 2}}) == "b");
}
