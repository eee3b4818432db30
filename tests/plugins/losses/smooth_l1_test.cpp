// Mirrors plugins/losses/smooth_l1.cpp; loads it through the registry.
#define BOOST_TEST_MODULE smooth_l1
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("smooth_l1");  // beta = 1, torch's default
  const Matrix pred = (Matrix(1, 3) << 1.5f, -1.0f, 2.0f).finished();
  const Matrix target = (Matrix(1, 3) << 1.0f, 1.0f, 2.0f).finished();
  // |d| = 0.5, 2, 0: 0.5 * 0.25 / 1 + (2 - 0.5) + 0
  BOOST_TEST(loss->sum(pred, target) == 1.625);
  nl::check_one_term_per_element(*loss, neurite::OutputKind::values);
}

BOOST_AUTO_TEST_CASE(beta_divides_the_quadratic_piece) {
  auto loss = nt::make_loss("smooth_l1", {{"beta", 2.0}});
  const Matrix pred = (Matrix(1, 3) << 0.5f, -2.0f, 3.0f).finished(), target = Matrix::Zero(1, 3);
  // 0.5 * 0.25 / 2, |d| = beta -> 2 - 1 (both pieces agree), 3 - 1
  BOOST_TEST(loss->sum(pred, target) == 0.0625 + 1.0 + 2.0);
  Matrix d = Matrix::Constant(1, 3, 99.0f);
  loss->gradient(pred, target, 1.0f, d);
  BOOST_TEST((d == (Matrix(1, 3) << 0.25f, -1.0f, 1.0f).finished()));  // clamp(d / beta, -1, 1)
  Matrix fused = Matrix::Constant(1, 3, 99.0f);
  BOOST_TEST(std::abs(loss->sum_and_gradient(pred, target, 1.0f, fused) - 3.0625) <= 1e-6);
  BOOST_TEST((fused == d));
}

BOOST_AUTO_TEST_CASE(beta_zero_is_mae_except_the_gradient_at_ties) {
  auto loss = nt::make_loss("smooth_l1", {{"beta", 0.0}}), mae = nt::make_loss("mae");
  Matrix pred = nt::random_matrix(5, 4, 1);
  const Matrix target = nt::random_matrix(5, 4, 2);
  pred(0, 0) = target(0, 0);  // a tie
  BOOST_TEST(loss->sum(pred, target) == mae->sum(pred, target));
  Matrix a(5, 4), b(5, 4), c(5, 4);
  loss->gradient(pred, target, 0.5f, a);
  mae->gradient(pred, target, 0.5f, b);
  // torch 1.13's smooth_l1_backward tests x <= -beta first: -1 at x = 0 for
  // beta = 0, where l1_loss's sign gives 0.
  BOOST_TEST(a(0, 0) == -0.5f);
  BOOST_TEST(b(0, 0) == 0.0f);
  b(0, 0) = -0.5f;
  BOOST_TEST((a == b));
  BOOST_TEST(std::abs(loss->sum_and_gradient(pred, target, 0.5f, c) - mae->sum(pred, target)) <= 1e-5);
  BOOST_TEST((c == a));
}

BOOST_AUTO_TEST_CASE(large_differences_are_linear) {
  auto loss = nt::make_loss("smooth_l1");
  const Matrix pred = (Matrix(1, 2) << 1000.0f, -1000.0f).finished(), target = Matrix::Zero(1, 2);
  BOOST_TEST(loss->sum(pred, target) == 2 * 999.5);
  Matrix d(1, 2);
  loss->sum_and_gradient(pred, target, 1.0f, d);
  BOOST_TEST((d == (Matrix(1, 2) << 1.0f, -1.0f).finished()));
}

BOOST_AUTO_TEST_CASE(beta_must_not_be_negative) {
  BOOST_CHECK_THROW(nt::make_loss("smooth_l1", {{"beta", -0.5}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  for (double beta : {1.0, 2.0, 0.0}) {
    auto loss = nt::make_loss("smooth_l1", {{"beta", beta}});
    const float k = static_cast<float>(beta);
    const Matrix target = nt::random_matrix(6, 3, 3);
    // Off the joints at +-beta (and off 0 for beta = 0, where |d| has its kink).
    const Matrix diff = nl::away_from(1.5f * nt::random_matrix(6, 3, 4), {-k, k}, 0.05f);
    nl::check_gradient(*loss, target + diff, target, "smooth_l1");
  }
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  for (double beta : {1.0, 0.3, 0.0}) {
    auto loss = nt::make_loss("smooth_l1", {{"beta", beta}});
    for (const neurite::Index rows : {1, 7, 128, 300})
      nl::check_fused_matches_separate(*loss, 3.0f * nt::random_matrix(rows, 10, 5), nt::random_matrix(rows, 10, 6));
  }
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("smooth_l1");
  const Matrix pred = nt::random_matrix(128, 10, 7), target = nt::random_matrix(128, 10, 8);
  nl::check_no_allocation(*loss, pred, target);
}
