// Mirrors plugins/losses/mae.cpp (mae and its alias l1); loads it through the registry.
#define BOOST_TEST_MODULE mae
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("mae");
  const Matrix pred = (Matrix(2, 2) << 1.0f, 2.0f, 3.0f, 4.0f).finished();
  const Matrix target = (Matrix(2, 2) << 0.0f, 2.0f, 5.0f, 1.0f).finished();
  // 1 + 0 + 2 + 3; the trainer divides by rows * terms_per_sample = 4 (torch L1Loss: 1.5).
  BOOST_TEST(loss->sum(pred, target) == 6.0);
  nl::check_one_term_per_element(*loss, neurite::OutputKind::values);
}

BOOST_AUTO_TEST_CASE(l1_is_the_same_loss) {
  auto mae = nt::make_loss("mae"), l1 = nt::make_loss("l1");
  const Matrix pred = nt::random_matrix(5, 3, 1), target = nt::random_matrix(5, 3, 2);
  BOOST_TEST(l1->sum(pred, target) == mae->sum(pred, target));
  Matrix a(5, 3), b(5, 3);
  mae->gradient(pred, target, 0.5f, a);
  l1->gradient(pred, target, 0.5f, b);
  BOOST_TEST((a == b));
  nl::check_one_term_per_element(*l1, neurite::OutputKind::values);
}

BOOST_AUTO_TEST_CASE(gradient_is_scaled_sign_and_zero_at_ties) {
  auto loss = nt::make_loss("mae");
  const Matrix pred = (Matrix(1, 4) << 1.0f, -2.0f, 0.5f, 0.0f).finished();
  const Matrix target = (Matrix(1, 4) << 0.0f, 1.0f, 0.5f, 0.0f).finished();
  Matrix d = Matrix::Constant(1, 4, 99.0f);
  loss->gradient(pred, target, 0.25f, d);
  const Matrix want = (Matrix(1, 4) << 0.25f, -0.25f, 0.0f, 0.0f).finished();  // torch.sign(0) = 0
  BOOST_TEST((d == want));
  Matrix fused = Matrix::Constant(1, 4, 99.0f);
  BOOST_TEST(loss->sum_and_gradient(pred, target, 0.25f, fused) == 4.0);
  BOOST_TEST((fused == want));
}

BOOST_AUTO_TEST_CASE(large_magnitudes_are_exact) {
  auto loss = nt::make_loss("mae");
  const Matrix pred = (Matrix(1, 3) << 1e6f, -1e6f, 0.0f).finished();
  const Matrix target = (Matrix(1, 3) << -1e6f, 1e6f, 0.0f).finished();
  BOOST_TEST(loss->sum(pred, target) == 4e6);
  Matrix d(1, 3);
  BOOST_TEST(loss->sum_and_gradient(pred, target, 1.0f, d) == 4e6);
  BOOST_TEST((d == (Matrix(1, 3) << 1.0f, -1.0f, 0.0f).finished()));
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  auto loss = nt::make_loss("mae");
  // pred - target at least 0.1 away from the kink at 0.
  const Matrix target = nt::random_matrix(6, 3, 3);
  const Matrix pred = target + nt::random_matrix(6, 3, 4, /*avoid=*/0.0f, /*margin=*/0.1f);
  nl::check_gradient(*loss, pred, target, "mae");
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  auto loss = nt::make_loss("mae");
  for (const neurite::Index rows : {1, 7, 128, 300})  // one span, several, a partial one
    nl::check_fused_matches_separate(*loss, 100.0f * nt::random_matrix(rows, 10, 5), nt::random_matrix(rows, 10, 6));
  nl::check_fused_matches_separate(*loss, nt::random_matrix(200, 1, 5), nt::random_matrix(200, 1, 6));
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("mae");
  const Matrix pred = nt::random_matrix(128, 10, 7), target = nt::random_matrix(128, 10, 8);
  nl::check_no_allocation(*loss, pred, target);
}
