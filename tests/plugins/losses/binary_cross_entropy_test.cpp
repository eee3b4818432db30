// Mirrors plugins/losses/binary_cross_entropy.cpp; loads it through the registry.
#define BOOST_TEST_MODULE binary_cross_entropy
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"


#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("binary_cross_entropy");
  const Matrix pred = (Matrix(3, 1) << 0.8f, 0.3f, 0.5f).finished();
  const Matrix target = (Matrix(3, 1) << 1.0f, 0.0f, 1.0f).finished();
  // -log 0.8 - log 0.7 - log 0.5 (pred as float: 0.8f, 0.3f).
  const double want = -std::log(static_cast<double>(0.8f)) - std::log(1.0 - static_cast<double>(0.3f)) - std::log(0.5);
  BOOST_TEST(std::abs(loss->sum(pred, target) - want) <= 1e-12);
  BOOST_TEST(std::abs(want - 1.2729656758) <= 1e-7);
  nl::check_one_term_per_element(*loss, neurite::OutputKind::probabilities);
}

BOOST_AUTO_TEST_CASE(soft_targets_mix_both_terms) {
  auto loss = nt::make_loss("binary_cross_entropy");
  const Matrix pred = (Matrix(1, 1) << 0.25f).finished(), target = (Matrix(1, 1) << 0.6f).finished();
  const double t = static_cast<double>(0.6f);
  BOOST_TEST(std::abs(loss->sum(pred, target) - (-t * std::log(0.25) - (1 - t) * std::log(0.75))) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(log_is_clamped_at_minus_100_like_pytorch) {
  auto loss = nt::make_loss("binary_cross_entropy");
  const Matrix pred = (Matrix(1, 4) << 0.0f, 1.0f, 0.0f, 1.0f).finished();
  const Matrix target = (Matrix(1, 4) << 1.0f, 0.0f, 0.0f, 1.0f).finished();
  BOOST_TEST(loss->sum(pred, target) == 200.0);  // 100 + 100 + 0 + 0
  Matrix d(1, 4);
  loss->gradient(pred, target, 1.0f, d);
  BOOST_TEST(d.allFinite());
  BOOST_TEST(d(0, 0) < 0.0f);  // pushes p = 0 up towards the target 1
  BOOST_TEST(d(0, 1) > 0.0f);
  BOOST_TEST(d(0, 2) == 0.0f);
  BOOST_TEST(d(0, 3) == 0.0f);
}

BOOST_AUTO_TEST_CASE(gradient_is_scaled_difference_over_variance) {
  auto loss = nt::make_loss("binary_cross_entropy");
  const Matrix pred = (Matrix(1, 2) << 0.8f, 0.1f).finished(), target = (Matrix(1, 2) << 1.0f, 0.0f).finished();
  Matrix d = Matrix::Constant(1, 2, 99.0f);
  loss->gradient(pred, target, 0.5f, d);
  BOOST_TEST(std::abs(d(0, 0) - 0.5 * (0.8 - 1.0) / (0.8 * 0.2)) <= 1e-5);  // -1/(2 * 0.8)
  BOOST_TEST(std::abs(d(0, 1) - 0.5 * 0.1 / (0.1 * 0.9)) <= 1e-5);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  auto loss = nt::make_loss("binary_cross_entropy");
  // Probabilities in [0.1, 0.9] (probes stay inside (0, 1)); hard and soft targets.
  const Matrix pred = (0.2f * nt::random_matrix(6, 2, 3)).array() + 0.5f;
  Matrix hard = (nt::random_matrix(6, 2, 4).array() > 0.0f).cast<float>();
  const Matrix soft = (0.25f * nt::random_matrix(6, 2, 5)).array() + 0.5f;
  for (const Matrix& target : {hard, soft}) {
    nl::check_gradient(*loss, pred, target, "binary_cross_entropy");
  }
}
