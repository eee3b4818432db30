// Mirrors framework/src/results/statistics.cpp. Reference values from SciPy
// 1.10 (tests/reference/make_compare_reference.py). Boost.Math 1.74 inverts the
// t distribution to about 3e-10 (relative), hence the 1e-9 tolerances.
#define BOOST_TEST_MODULE statistics
#include <boost/test/unit_test.hpp>

#include <neurite/results/statistics.hpp>

#include <cmath>

namespace tt = boost::test_tools;
using neurite::student_t_quantile;

BOOST_AUTO_TEST_CASE(t_quantiles_match_scipy) {
  BOOST_TEST(student_t_quantile(0.975, 1) == 12.706204736432095, tt::tolerance(1e-9));
  BOOST_TEST(student_t_quantile(0.975, 2) == 4.302652729911275, tt::tolerance(1e-9));
  BOOST_TEST(student_t_quantile(0.975, 4) == 2.7764451051977987, tt::tolerance(1e-9));
  BOOST_TEST(student_t_quantile(0.975, 9) == 2.2621571627409915, tt::tolerance(1e-9));
  BOOST_TEST(student_t_quantile(0.975, 29) == 2.045229642132703, tt::tolerance(1e-9));
  BOOST_TEST(student_t_quantile(0.95, 3.5) == 2.2224334936496004, tt::tolerance(1e-9));
  BOOST_TEST(student_t_quantile(0.025, 7) == -2.3646242510103, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(summary_has_sample_std_and_t_interval) {
  const neurite::Summary s = neurite::summarize({0.86, 0.91, 0.82});
  BOOST_TEST(s.n == 3u);
  BOOST_TEST(s.mean == 0.8633333333333333, tt::tolerance(1e-9));
  BOOST_TEST(s.stddev == std::sqrt(0.00203333333333333), tt::tolerance(1e-9));  // ddof = 1
  BOOST_TEST(s.min == 0.82);
  BOOST_TEST(s.max == 0.91);
  const double half = 4.302652729911275 * s.stddev / std::sqrt(3.0);
  BOOST_TEST(s.ci_low == s.mean - half, tt::tolerance(1e-9));
  BOOST_TEST(s.ci_high == s.mean + half, tt::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(one_value_has_no_spread_and_none_has_nothing) {
  const neurite::Summary one = neurite::summarize({0.5});
  BOOST_TEST(one.n == 1u);
  BOOST_TEST(one.mean == 0.5);
  BOOST_TEST(one.min == 0.5);
  BOOST_TEST(std::isnan(one.stddev));
  BOOST_TEST(std::isnan(one.ci_low));
  const neurite::Summary none = neurite::summarize({});
  BOOST_TEST(none.n == 0u);
  BOOST_TEST(std::isnan(none.mean));
}

BOOST_AUTO_TEST_CASE(welch_matches_scipy_ttest_ind_unequal_var) {
  const std::vector<double> a = {0.86, 0.91, 0.82};
  auto w = neurite::welch_t_test({0.96, 0.93, 0.98, 0.95}, a);
  BOOST_TEST(w.t == 3.2694106405277044, tt::tolerance(1e-10));
  BOOST_TEST(w.p == 0.05597101210137088, tt::tolerance(1e-9));
  w = neurite::welch_t_test({0.85, 0.88, 0.84}, a);
  BOOST_TEST(w.t == -0.23249527748763987, tt::tolerance(1e-10));
  BOOST_TEST(w.p == 0.832018479522463, tt::tolerance(1e-9));
  w = neurite::welch_t_test({0.96, 0.97, 0.98}, {0.86, 0.85, 0.87, 0.86});
  BOOST_TEST(w.t == 15.556349186104045, tt::tolerance(1e-10));
  BOOST_TEST(w.p == 0.00012684182065468065, tt::tolerance(1e-8));
}

BOOST_AUTO_TEST_CASE(welch_needs_two_values_a_side_and_some_spread) {
  BOOST_TEST(std::isnan(neurite::welch_t_test({0.9}, {0.8, 0.85}).p));
  BOOST_TEST(std::isnan(neurite::welch_t_test({0.9, 0.9}, {0.8, 0.8}).p));
}
