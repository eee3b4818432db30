// Mirrors plugins/losses/huber.cpp; loads it through the registry.
#define BOOST_TEST_MODULE huber
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("huber");  // delta = 1, torch's default
  const Matrix pred = (Matrix(1, 3) << 1.5f, -1.0f, 2.0f).finished();
  const Matrix target = (Matrix(1, 3) << 1.0f, 1.0f, 2.0f).finished();
  // |d| = 0.5, 2, 0: 0.5 * 0.25 + 1 * (2 - 0.5) + 0
  BOOST_TEST(loss->sum(pred, target) == 1.625);
  nl::check_one_term_per_element(*loss, neurite::OutputKind::values);
}

BOOST_AUTO_TEST_CASE(delta_moves_the_joint_and_the_linear_slope) {
  auto loss = nt::make_loss("huber", {{"delta", 0.5}});
  const Matrix pred = (Matrix(1, 3) << 1.5f, -1.0f, 0.25f).finished();
  const Matrix target = (Matrix(1, 3) << 1.0f, 1.0f, 0.0f).finished();
  // |d| = 0.5 (at delta: both pieces give 0.125), 2 -> 0.5 * (2 - 0.25), 0.25 -> 0.5 * 0.0625
  BOOST_TEST(loss->sum(pred, target) == 0.125 + 0.875 + 0.03125);
  Matrix d = Matrix::Constant(1, 3, 99.0f);
  loss->gradient(pred, target, 2.0f, d);
  BOOST_TEST((d == (Matrix(1, 3) << 1.0f, -1.0f, 0.5f).finished()));  // 2 * clamp(d, -0.5, 0.5)
  Matrix fused = Matrix::Constant(1, 3, 99.0f);
  BOOST_TEST(std::abs(loss->sum_and_gradient(pred, target, 2.0f, fused) - 1.03125) <= 1e-6);
  BOOST_TEST((fused == d));
}

BOOST_AUTO_TEST_CASE(large_differences_are_linear) {
  auto loss = nt::make_loss("huber", {{"delta", 2.0}});
  const Matrix pred = (Matrix(1, 2) << 1000.0f, -1000.0f).finished(), target = Matrix::Zero(1, 2);
  BOOST_TEST(loss->sum(pred, target) == 2 * 2.0 * (1000.0 - 1.0));
  Matrix d(1, 2);
  loss->gradient(pred, target, 1.0f, d);
  BOOST_TEST((d == (Matrix(1, 2) << 2.0f, -2.0f).finished()));
}

BOOST_AUTO_TEST_CASE(is_smooth_l1_times_delta) {
  // torch: HuberLoss(delta) = delta * SmoothL1Loss(beta = delta).
  auto huber = nt::make_loss("huber", {{"delta", 2.0}}), smooth = nt::make_loss("smooth_l1", {{"beta", 2.0}});
  const Matrix pred = 3.0f * nt::random_matrix(6, 4, 1), target = nt::random_matrix(6, 4, 2);
  BOOST_TEST(std::abs(huber->sum(pred, target) - 2.0 * smooth->sum(pred, target)) <= 1e-9);
  Matrix a(6, 4), b(6, 4);
  huber->gradient(pred, target, 1.0f, a);
  smooth->gradient(pred, target, 2.0f, b);
  BOOST_TEST((a - b).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(delta_must_be_positive) {
  BOOST_CHECK_THROW(nt::make_loss("huber", {{"delta", 0.0}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_loss("huber", {{"delta", -1.0}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  for (double delta : {1.0, 0.5}) {
    auto loss = nt::make_loss("huber", {{"delta", delta}});
    const float k = static_cast<float>(delta);
    // Differences up to +-3, off the joints at +-delta (the second derivative jumps there).
    const Matrix target = nt::random_matrix(6, 3, 3);
    const Matrix diff = nl::away_from(1.5f * nt::random_matrix(6, 3, 4), {-k, k}, 0.05f);
    nl::check_gradient(*loss, target + diff, target, "huber");
  }
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  auto loss = nt::make_loss("huber", {{"delta", 0.7}});
  for (const neurite::Index rows : {1, 7, 128, 300})
    nl::check_fused_matches_separate(*loss, 3.0f * nt::random_matrix(rows, 10, 5), nt::random_matrix(rows, 10, 6));
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("huber");
  const Matrix pred = nt::random_matrix(128, 10, 7), target = nt::random_matrix(128, 10, 8);
  nl::check_no_allocation(*loss, pred, target);
}
