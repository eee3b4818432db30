// Mirrors framework/src/data/scaling.cpp.
#define BOOST_TEST_MODULE scaling
#include <boost/test/unit_test.hpp>

#include "data/scaling.hpp"

#include <cmath>

using namespace neurite;
using namespace neurite::data;

namespace {
Preprocessing fitted(const Matrix& x, const std::string& scale, std::vector<bool> scaled = {}) {
  if (scaled.empty()) scaled.assign(static_cast<std::size_t>(x.cols()), true);
  Preprocessing p;
  p.scale = scale;
  fit_scaling(x, scaled, p);
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(minmax_maps_training_range_to_unit_interval) {
  const Matrix x = (Matrix(3, 2) << 2, 5, 4, 5, 10, 5).finished();  // column 1 constant
  const Preprocessing p = fitted(x, "minmax");
  BOOST_TEST(p.shift == (std::vector<double>{2, 5}), boost::test_tools::per_element());
  BOOST_TEST(p.divisor == (std::vector<double>{8, 1}), boost::test_tools::per_element());
  Matrix y = x;
  apply_scaling(p, y);
  BOOST_TEST((y == (Matrix(3, 2) << 0, 0, 0.25f, 0, 1, 0).finished()));
  Matrix other = (Matrix(1, 2) << 14, 7).finished();  // outside the training range
  apply_scaling(p, other);
  BOOST_TEST(other(0, 0) == 1.5f);
  BOOST_TEST(other(0, 1) == 2.0f);  // constant column: shifted, not divided
}

BOOST_AUTO_TEST_CASE(standard_uses_population_stddev_and_skips_unscaled_columns) {
  const Matrix x = (Matrix(4, 3) << 1, 0, 3, 2, 1, 3, 3, 0, 3, 4, 1, 3).finished();
  const Preprocessing p = fitted(x, "standard", {true, false, true});
  BOOST_TEST(p.shift == (std::vector<double>{2.5, 0, 3}), boost::test_tools::per_element());
  BOOST_TEST(p.divisor[0] == static_cast<double>(std::sqrt(1.25f)), boost::test_tools::tolerance(1e-7));
  BOOST_TEST(p.divisor[1] == 1.0);
  BOOST_TEST(p.divisor[2] == 1.0);  // zero variance
  Matrix y = x;
  apply_scaling(p, y);
  BOOST_TEST((y.col(1) == x.col(1)));
  BOOST_TEST(y.col(2).isZero());
  BOOST_TEST(y.col(0).mean() == 0.0f, boost::test_tools::tolerance(1e-6f));
}

BOOST_AUTO_TEST_CASE(none_stores_nothing_and_changes_nothing) {
  const Matrix x = Matrix::Constant(2, 2, 3.0f);
  const Preprocessing p = fitted(x, "none");
  BOOST_TEST(p.shift.empty());
  Matrix y = x;
  apply_scaling(p, y);
  BOOST_TEST((y == x));
}
