// Mirrors plugins/activations/log_softmax.cpp; loads it through the registry.
#define BOOST_TEST_MODULE log_softmax
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_matches_formula_row_by_row) {
  auto act = nt::make_activation("log_softmax");
  const Matrix z = 3.0f * nt::random_matrix(4, 37, 81);
  Matrix a(4, 37);
  act->forward(z, a);
  for (Index r = 0; r < z.rows(); ++r) {
    double sum = 0.0;
    for (Index c = 0; c < z.cols(); ++c) sum += std::exp(static_cast<double>(z(r, c)));
    for (Index c = 0; c < z.cols(); ++c) BOOST_TEST(std::abs(a(r, c) - (z(r, c) - std::log(sum))) <= 1e-6);
  }
  // Hand-computed: log_softmax(1, 2, 3).
  Matrix b(1, 3);
  act->forward(nt::row_of({1.0f, 2.0f, 3.0f}), b);
  BOOST_TEST(std::abs(b(0, 0) - -2.40760596f) <= 1e-6f);
  BOOST_TEST(std::abs(b(0, 1) - -1.40760596f) <= 1e-6f);
  BOOST_TEST(std::abs(b(0, 2) - -0.40760596f) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(forward_is_stable_for_large_logits) {
  auto act = nt::make_activation("log_softmax");
  // Naive log(exp(1000) / ...) is inf - inf; with the maximum subtracted these
  // rows are log_softmax(0, 1, 2), a shifted copy, and a one-hot row.
  Matrix a(3, 3);
  act->forward(nt::large_logits(), a);
  BOOST_TEST(a.allFinite());
  BOOST_TEST(std::abs(a(0, 0) - -2.40760596f) <= 1e-5f);
  BOOST_TEST(std::abs(a(0, 2) - -0.40760596f) <= 1e-5f);
  BOOST_TEST((a.row(0) - a.row(1)).cwiseAbs().maxCoeff() <= 1e-5f);
  BOOST_TEST(a(2, 0) == 0.0f);
  BOOST_TEST(a(2, 1) == -1e30f);
  BOOST_TEST(a(2, 2) == -2e30f);
}

BOOST_AUTO_TEST_CASE(exp_of_each_row_sums_to_one) {
  auto act = nt::make_activation("log_softmax");
  const Matrix z = 5.0f * nt::random_matrix(10, 7, 82);
  Matrix a(10, 7);
  act->forward(z, a);
  for (Index r = 0; r < 10; ++r) BOOST_TEST(std::abs(a.row(r).array().exp().sum() - 1.0f) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(backward_matches_jacobian_formula) {
  auto act = nt::make_activation("log_softmax");
  const Matrix z = nt::random_matrix(2, 4, 83), da = nt::random_matrix(2, 4, 84);
  Matrix a(2, 4), dz(2, 4);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  // da_k/dz_j = delta_kj - softmax_j, so dz_j = da_j - softmax_j * sum_k da_k.
  for (Index r = 0; r < 2; ++r)
    for (Index j = 0; j < 4; ++j) {
      double sum = 0.0, denom = 0.0;
      for (Index k = 0; k < 4; ++k) sum += da(r, k), denom += std::exp(static_cast<double>(z(r, k)));
      const double want = da(r, j) - std::exp(static_cast<double>(z(r, j))) / denom * sum;
      BOOST_TEST(std::abs(dz(r, j) - want) <= 1e-6);
    }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("log_softmax");
  for (float range : {1.0f, 4.0f}) nt::check_gradient(*act, range * nt::random_matrix(6, 5, 85), "log_softmax");
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("log_softmax"));
}
