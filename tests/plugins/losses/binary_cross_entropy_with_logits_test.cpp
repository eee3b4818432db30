// Mirrors plugins/losses/binary_cross_entropy_with_logits.cpp; loads it through the registry.
#define BOOST_TEST_MODULE binary_cross_entropy_with_logits
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Matrix;

namespace {
double softplus(double x) { return std::log1p(std::exp(x)); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
}  // namespace

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("binary_cross_entropy_with_logits");
  const Matrix x = (Matrix(3, 1) << 0.0f, 2.0f, -1.0f).finished();
  const Matrix t = (Matrix(3, 1) << 1.0f, 0.0f, 1.0f).finished();
  // -log sigmoid(0) - log(1 - sigmoid(2)) - log sigmoid(-1) = log 2 + softplus(2) + softplus(1)
  BOOST_TEST(std::abs(loss->sum(x, t) - (std::log(2.0) + softplus(2.0) + softplus(1.0))) <= 1e-12);
  nl::check_one_term_per_element(*loss, neurite::OutputKind::logits);  // threshold 0 for one column
}

BOOST_AUTO_TEST_CASE(equals_binary_cross_entropy_of_the_sigmoid) {
  auto with_logits = nt::make_loss("binary_cross_entropy_with_logits"), bce = nt::make_loss("binary_cross_entropy");
  const Matrix x = 3.0f * nt::random_matrix(6, 2, 1);
  const Matrix t = (0.5f * nt::random_matrix(6, 2, 2)).array() + 0.5f;  // soft targets in [0, 1]
  const Matrix p = x.unaryExpr([](float v) { return static_cast<float>(sigmoid(v)); });
  // 1e-4: p is rounded to float, and 1 - p near p = 1 loses digits that the logits keep.
  BOOST_TEST(std::abs(with_logits->sum(x, t) - bce->sum(p, t)) <= 1e-4);
  // d/dx = d/dp * p (1 - p) = p - t
  Matrix d(6, 2);
  with_logits->gradient(x, t, 1.0f, d);
  BOOST_TEST((d - (p - t)).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(large_logits_give_finite_exact_values) {
  auto loss = nt::make_loss("binary_cross_entropy_with_logits");
  const Matrix x = (Matrix(1, 5) << 1000.0f, -1000.0f, 1000.0f, -1000.0f, 0.0f).finished();
  const Matrix t = (Matrix(1, 5) << 1.0f, 0.0f, 0.0f, 1.0f, 0.0f).finished();
  const double want = 0.0 + 0.0 + 1000.0 + 1000.0 + std::log(2.0);
  BOOST_TEST(std::abs(loss->sum(x, t) - want) <= 1e-9);
  Matrix d(1, 5), fused(1, 5);
  loss->gradient(x, t, 1.0f, d);
  BOOST_TEST((d == (Matrix(1, 5) << 0.0f, 0.0f, 1.0f, -1.0f, 0.5f).finished()));
  BOOST_TEST(std::abs(loss->sum_and_gradient(x, t, 1.0f, fused) - want) <= 1e-4);
  BOOST_TEST((fused == d));
}

BOOST_AUTO_TEST_CASE(pos_weight_scales_the_positive_term_only) {
  auto loss = nt::make_loss("binary_cross_entropy_with_logits", {{"pos_weight", 3.0}});
  const Matrix x = (Matrix(1, 2) << 0.5f, 0.5f).finished(), t = (Matrix(1, 2) << 1.0f, 0.0f).finished();
  // 3 * -log sigmoid(0.5) + -log(1 - sigmoid(0.5))
  BOOST_TEST(std::abs(loss->sum(x, t) - (3.0 * softplus(-0.5) + softplus(0.5))) <= 1e-12);
  Matrix d(1, 2);
  loss->gradient(x, t, 1.0f, d);
  BOOST_TEST(std::abs(d(0, 0) - (3.0 * sigmoid(0.5) - 3.0)) <= 1e-6);  // (1 + (w - 1) t) sigmoid - w t
  BOOST_TEST(std::abs(d(0, 1) - sigmoid(0.5)) <= 1e-6);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  const Matrix x = 4.0f * nt::random_matrix(6, 3, 3);  // logits up to +-8
  const Matrix hard = (nt::random_matrix(6, 3, 4).array() > 0.0f).cast<float>();
  const Matrix soft = (0.5f * nt::random_matrix(6, 3, 5)).array() + 0.5f;
  for (double w : {1.0, 2.5})
    for (const Matrix& t : {hard, soft}) {
      auto loss = nt::make_loss("binary_cross_entropy_with_logits", {{"pos_weight", w}});
      nl::check_gradient(*loss, x, t, "binary_cross_entropy_with_logits");
    }
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  for (double w : {1.0, 2.5}) {
    auto loss = nt::make_loss("binary_cross_entropy_with_logits", {{"pos_weight", w}});
    for (const neurite::Index rows : {1, 7, 128, 300}) {
      Matrix x = 5.0f * nt::random_matrix(rows, 10, 5);
      x(0, 0) = 1000.0f, x(0, 1) = -1000.0f;
      const Matrix t = (nt::random_matrix(rows, 10, 6).array() > 0.0f).cast<float>();
      nl::check_fused_matches_separate(*loss, x, t);
    }
  }
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("binary_cross_entropy_with_logits");
  const Matrix x = nt::random_matrix(128, 10, 7), t = (nt::random_matrix(128, 10, 8).array() > 0.0f).cast<float>();
  nl::check_no_allocation(*loss, x, t);
}
