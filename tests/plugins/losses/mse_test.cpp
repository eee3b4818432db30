// Mirrors plugins/losses/mse.cpp; loads it through the registry.
#define BOOST_TEST_MODULE mse
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"


#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("mse");
  const Matrix pred = (Matrix(2, 2) << 1.0f, 2.0f, 3.0f, 4.0f).finished();
  const Matrix target = (Matrix(2, 2) << 0.0f, 2.0f, 5.0f, 1.0f).finished();
  // 1 + 0 + 4 + 9; the trainer divides by rows * terms_per_sample = 4 (torch: 3.5).
  BOOST_TEST(loss->sum(pred, target) == 14.0);
  nl::check_one_term_per_element(*loss, neurite::OutputKind::values);
}

BOOST_AUTO_TEST_CASE(gradient_is_two_scale_times_difference) {
  auto loss = nt::make_loss("mse");
  const Matrix pred = (Matrix(1, 3) << 1.0f, -2.0f, 0.5f).finished();
  const Matrix target = (Matrix(1, 3) << 0.0f, 1.0f, 0.5f).finished();
  Matrix d = Matrix::Constant(1, 3, 99.0f);
  loss->gradient(pred, target, 0.25f, d);
  const Matrix want = (Matrix(1, 3) << 0.5f, -1.5f, 0.0f).finished();
  BOOST_TEST((d - want).cwiseAbs().maxCoeff() <= 1e-7f);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  auto loss = nt::make_loss("mse");
  nl::check_gradient(*loss, nt::random_matrix(6, 3, 1), nt::random_matrix(6, 3, 2), "mse");
}
