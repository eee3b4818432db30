// Mirrors plugins/activations/softmax.cpp; loads it through the registry.
#define BOOST_TEST_MODULE softmax
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_matches_formula_row_by_row) {
  auto act = nt::make_activation("softmax");
  const Matrix z = (Matrix(2, 3) << 1.0f, 2.0f, 3.0f, -1.0f, 0.0f, 0.5f).finished();
  Matrix a(2, 3);
  act->forward(z, a);
  for (Index r = 0; r < 2; ++r) {
    double denom = 0.0;
    for (Index c = 0; c < 3; ++c) denom += std::exp(static_cast<double>(z(r, c)));
    for (Index c = 0; c < 3; ++c) BOOST_TEST(std::abs(a(r, c) - std::exp(z(r, c)) / denom) <= 1e-6);
  }
  // Hand-computed: softmax(1, 2, 3).
  BOOST_TEST(std::abs(a(0, 0) - 0.09003057f) <= 1e-6f);
  BOOST_TEST(std::abs(a(0, 1) - 0.24472847f) <= 1e-6f);
  BOOST_TEST(std::abs(a(0, 2) - 0.66524096f) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(forward_is_stable_for_large_logits) {
  auto act = nt::make_activation("softmax");
  // Naive exp(1000) overflows; max subtraction makes these rows equal to
  // softmax(0, 1, 2) and one-hot rows.
  Matrix a(3, 3);
  act->forward(nt::large_logits(), a);
  BOOST_TEST(a.allFinite());
  BOOST_TEST(std::abs(a(0, 0) - 0.09003057f) <= 1e-6f);
  BOOST_TEST(std::abs(a(0, 2) - 0.66524096f) <= 1e-6f);
  BOOST_TEST((a.row(0) - a.row(1)).cwiseAbs().maxCoeff() <= 1e-6f);
  BOOST_TEST(a(2, 0) == 1.0f);
  BOOST_TEST(a(2, 1) == 0.0f);
  BOOST_TEST(a(2, 2) == 0.0f);
}

BOOST_AUTO_TEST_CASE(rows_sum_to_one) {
  auto act = nt::make_activation("softmax");
  const Matrix z = 5.0f * nt::random_matrix(10, 7, 41);
  Matrix a(10, 7);
  act->forward(z, a);
  for (Index r = 0; r < 10; ++r) BOOST_TEST(std::abs(a.row(r).sum() - 1.0f) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(backward_matches_jacobian_formula) {
  auto act = nt::make_activation("softmax");
  const Matrix z = nt::random_matrix(2, 4, 42), da = nt::random_matrix(2, 4, 43);
  Matrix a(2, 4), dz(2, 4);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  // dz_j = sum_k da_k * da_k/dz_j with da_k/dz_j = a_k (delta_kj - a_j).
  for (Index r = 0; r < 2; ++r)
    for (Index j = 0; j < 4; ++j) {
      double want = 0.0;
      for (Index k = 0; k < 4; ++k) want += da(r, k) * a(r, k) * ((k == j ? 1.0 : 0.0) - a(r, j));
      BOOST_TEST(std::abs(dz(r, j) - want) <= 1e-6);
    }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("softmax");
  for (float range : {1.0f, 3.0f}) nt::check_gradient(*act, range * nt::random_matrix(6, 5, 44), "softmax");
}
