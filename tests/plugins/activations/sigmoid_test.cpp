// Mirrors plugins/activations/sigmoid.cpp; loads it through the registry.
#define BOOST_TEST_MODULE sigmoid
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }
}  // namespace

BOOST_AUTO_TEST_CASE(forward_matches_formula) {
  auto act = nt::make_activation("sigmoid");
  const Matrix z = (Matrix(2, 4) << -3.0f, -0.5f, 0.0f, 0.25f, 1.0f, 2.0f, 5.0f, -20.0f).finished();
  Matrix a(2, 4);
  act->forward(z, a);
  BOOST_TEST(a(0, 2) == 0.5f);
  for (Index i = 0; i < z.size(); ++i) {
    const double want = logistic(z.data()[i]);
    BOOST_TEST_INFO("z = " << z.data()[i]);
    BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * want);  // relative: also for sigmoid(-20) ~ 2e-9
  }
}

BOOST_AUTO_TEST_CASE(forward_is_finite_and_saturates_for_large_magnitudes) {
  auto act = nt::make_activation("sigmoid");
  const Matrix z = (Matrix(1, 6) << -1e30f, -1000.0f, -89.0f, 89.0f, 1000.0f, 1e30f).finished();
  Matrix a(1, 6);
  act->forward(z, a);
  BOOST_TEST(a.allFinite());
  BOOST_TEST(a(0, 0) == 0.0f);
  BOOST_TEST(a(0, 1) == 0.0f);
  BOOST_TEST(a(0, 2) >= 0.0f);
  BOOST_TEST(a(0, 2) < 1e-30f);
  BOOST_TEST(a(0, 3) == 1.0f);
  BOOST_TEST(a(0, 4) == 1.0f);
  BOOST_TEST(a(0, 5) == 1.0f);
  // Saturated outputs give a zero (not NaN) gradient.
  Matrix dz(1, 6);
  act->backward(z, a, Matrix::Ones(1, 6), dz);
  BOOST_TEST(dz.allFinite());
  BOOST_TEST(dz.cwiseAbs().maxCoeff() < 1e-30f);
}

BOOST_AUTO_TEST_CASE(backward_matches_formula) {
  auto act = nt::make_activation("sigmoid");
  const Matrix z = nt::random_matrix(3, 4, 11), da = nt::random_matrix(3, 4, 12);
  Matrix a(3, 4), dz(3, 4);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double s = logistic(z.data()[i]);
    BOOST_TEST(std::abs(dz.data()[i] - da.data()[i] * s * (1.0 - s)) <= 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("sigmoid");
  for (float range : {1.0f, 4.0f}) {  // random_matrix is in [-2, 2]
    const Matrix z = range * nt::random_matrix(7, 5, 13);
    nt::check_gradient(*act, z, "sigmoid");
  }
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("sigmoid"));
}
