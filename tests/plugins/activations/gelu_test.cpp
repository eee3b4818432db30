// Mirrors plugins/activations/gelu.cpp; loads it through the registry.
#define BOOST_TEST_MODULE gelu
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
const double kPi = std::acos(-1.0);
double exact(double z) { return 0.5 * z * std::erfc(-z / std::sqrt(2.0)); }  // z * Phi(z)
double exact_derivative(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0)) + z * std::exp(-0.5 * z * z) / std::sqrt(2 * kPi);
}
double approx(double z) { return 0.5 * z * (1 + std::tanh(std::sqrt(2 / kPi) * (z + 0.044715 * z * z * z))); }
double approx_derivative(double z) {
  const double t = std::tanh(std::sqrt(2 / kPi) * (z + 0.044715 * z * z * z));
  return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * std::sqrt(2 / kPi) * (1 + 3 * 0.044715 * z * z);
}

const Matrix kEdges = nt::spread({-1e30f, -100.0f, -20.0f, -5.0f, -1.0f, -1e-3f, 0.0f, 1e-3f, 0.5f, 3.0f,
                                  20.0f, 100.0f, 3e20f});
}  // namespace

// Tolerance 1e-6 (~8 float32 ulp): the exp and erfc approximations and the
// rounding of each step add a few ulp.
BOOST_AUTO_TEST_CASE(exact_forward_and_backward_match_z_times_the_normal_cdf) {
  auto act = nt::make_activation("gelu");  // approximate: none
  Matrix a(kEdges.rows(), kEdges.cols()), dz(kEdges.rows(), kEdges.cols());
  const Matrix ones = Matrix::Ones(kEdges.rows(), kEdges.cols());
  act->forward(kEdges, a);
  act->backward(kEdges, a, ones, dz);
  for (Index i = 0; i < kEdges.size(); ++i) {
    const double v = kEdges.data()[i];
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - exact(v)) <= 1e-6 * std::max(1.0, std::abs(exact(v))));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - exact_derivative(v)) <= 1e-6);
  }
  BOOST_TEST(a.allFinite());  // -1e30 * Phi(-1e30) is 0, not -inf * 0
  BOOST_TEST(dz.allFinite());
}

BOOST_AUTO_TEST_CASE(tanh_approximation_matches_its_formula) {
  auto act = nt::make_activation("gelu", {{"approximate", "tanh"}});
  Matrix a(kEdges.rows(), kEdges.cols()), dz(kEdges.rows(), kEdges.cols());
  act->forward(kEdges, a);
  act->backward(kEdges, a, Matrix::Ones(kEdges.rows(), kEdges.cols()), dz);
  for (Index i = 0; i < kEdges.size(); ++i) {
    const double v = kEdges.data()[i];
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - approx(v)) <= 1e-6 * std::max(1.0, std::abs(approx(v))));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - approx_derivative(v)) <= 1e-6);
  }
  // Where z^2 and z^3 overflow float the output saturates and the gradient is 0 or 1, not NaN.
  BOOST_TEST(a.allFinite());
  BOOST_TEST(dz.allFinite());
  // The approximation differs from the exact function by up to ~5e-4 (at |z| ~ 2).
  auto exact_act = nt::make_activation("gelu", {{"approximate", "none"}});
  Matrix b(1, 1);
  exact_act->forward(nt::row_of({2.0f}), b);
  act->forward(nt::row_of({2.0f}), a.leftCols(1));
  BOOST_TEST(std::abs(a(0, 0) - b(0, 0)) > 1e-5);
  BOOST_TEST(std::abs(a(0, 0) - b(0, 0)) < 1e-3);
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  const Matrix z =
      nt::stacked(nt::row_of({-30.0f, -8.0f, 0.0f, 8.0f, 30.0f}), 2.0f * nt::random_matrix(8, 5, 37));
  for (const char* approximate : {"none", "tanh"}) {
    auto act = nt::make_activation("gelu", {{"approximate", approximate}});
    nt::check_gradient(*act, z, std::string("gelu approximate=") + approximate);
  }
}

BOOST_AUTO_TEST_CASE(approximate_must_be_none_or_tanh) {
  BOOST_CHECK_THROW(nt::make_activation("gelu", {{"approximate", "fast"}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_activation("gelu", {{"approximate", "True"}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("gelu"));
  nt::check_views_without_allocation(*nt::make_activation("gelu", {{"approximate", "tanh"}}));
}
