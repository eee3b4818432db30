// Mirrors plugins/activations/tanh.cpp; loads it through the registry.
#define BOOST_TEST_MODULE tanh
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_matches_formula) {
  auto act = nt::make_activation("tanh");
  const Matrix z = (Matrix(2, 4) << -3.0f, -0.5f, 0.0f, 0.25f, 1.0f, 2.0f, 5.0f, -1e-3f).finished();
  Matrix a(2, 4);
  act->forward(z, a);
  BOOST_TEST(a(0, 2) == 0.0f);
  for (Index i = 0; i < z.size(); ++i) {
    const double v = z.data()[i];
    const double want = (std::exp(v) - std::exp(-v)) / (std::exp(v) + std::exp(-v));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * std::max(1e-3, std::abs(want)));
  }
}

BOOST_AUTO_TEST_CASE(forward_saturates_for_large_magnitudes) {
  auto act = nt::make_activation("tanh");
  const Matrix z = (Matrix(1, 4) << -1e30f, -100.0f, 100.0f, 1e30f).finished();
  Matrix a(1, 4), dz(1, 4);
  act->forward(z, a);
  BOOST_TEST(a(0, 0) == -1.0f);
  BOOST_TEST(a(0, 1) == -1.0f);
  BOOST_TEST(a(0, 2) == 1.0f);
  BOOST_TEST(a(0, 3) == 1.0f);
  act->backward(z, a, Matrix::Ones(1, 4), dz);
  BOOST_TEST((dz.array() == 0.0f).all());
}

BOOST_AUTO_TEST_CASE(backward_matches_formula) {
  auto act = nt::make_activation("tanh");
  const Matrix z = nt::random_matrix(3, 4, 21), da = nt::random_matrix(3, 4, 22);
  Matrix a(3, 4), dz(3, 4);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double t = std::tanh(static_cast<double>(z.data()[i]));
    BOOST_TEST(std::abs(dz.data()[i] - da.data()[i] * (1.0 - t * t)) <= 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("tanh");
  nt::check_gradient(*act, nt::random_matrix(7, 5, 23), "tanh");
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("tanh"));
}
