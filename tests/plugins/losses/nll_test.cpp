// Mirrors plugins/losses/nll.cpp; loads it through the registry.
#define BOOST_TEST_MODULE nll
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>
#include <limits>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Index;
using neurite::Matrix;

namespace {
// log_softmax by rows, as torch.log_softmax(z, dim=1).
Matrix log_softmax(const Matrix& z) {
  Matrix out(z.rows(), z.cols());
  for (Index r = 0; r < z.rows(); ++r) {
    const float m = z.row(r).maxCoeff();
    const float lse = m + std::log((z.row(r).array() - m).exp().sum());
    out.row(r).array() = z.row(r).array() - lse;
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(sum_is_minus_the_target_log_probabilities) {
  auto loss = nt::make_loss("nll");
  const Matrix x = (Matrix(2, 3) << -0.5f, -1.5f, -2.5f, -3.0f, -0.25f, -4.0f).finished();
  const Matrix t = (Matrix(2, 3) << 1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f).finished();
  BOOST_TEST(loss->sum(x, t) == 0.75);  // 0.5 + 0.25; torch's mean divides by the 2 rows
  BOOST_TEST(loss->terms_per_sample(3) == 1);
  // logits: there is no log-probabilities kind, and argmax is the same.
  BOOST_TEST((loss->output_kind() == neurite::OutputKind::logits));
  Matrix d = Matrix::Constant(2, 3, 99.0f);
  loss->gradient(x, t, 0.5f, d);
  BOOST_TEST((d == -0.5f * t));
}

BOOST_AUTO_TEST_CASE(minus_infinity_off_target_stays_finite) {
  // torch picks x[y]: log 0 = -inf in another column does not matter.
  auto loss = nt::make_loss("nll");
  const float inf = std::numeric_limits<float>::infinity();
  const Matrix x = (Matrix(1, 3) << -inf, -0.125f, -inf).finished();
  const Matrix t = (Matrix(1, 3) << 0.0f, 1.0f, 0.0f).finished();
  BOOST_TEST(loss->sum(x, t) == 0.125);
  Matrix d(1, 3);
  BOOST_TEST(loss->sum_and_gradient(x, t, 1.0f, d) == 0.125);
  BOOST_TEST((d == -t));
}

BOOST_AUTO_TEST_CASE(after_log_softmax_equals_softmax_cross_entropy) {
  auto nll = nt::make_loss("nll"), ce = nt::make_loss("softmax_cross_entropy");
  Matrix z = 5.0f * nt::random_matrix(6, 4, 1);
  z(0, 0) = 1000.0f, z(0, 1) = -1000.0f;  // log-probabilities of 0 and -2000
  const Matrix t = nl::one_hot(6, 4, 2);
  const double want = ce->sum(z, t);
  BOOST_TEST(std::abs(nll->sum(log_softmax(z), t) - want) <= 1e-5 * std::max(1.0, want));
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  auto loss = nt::make_loss("nll");
  nl::check_gradient(*loss, log_softmax(nt::random_matrix(7, 4, 3)), nl::one_hot(7, 4, 4), "nll");
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  auto loss = nt::make_loss("nll");
  for (const Index rows : {1, 7, 128, 300})
    nl::check_fused_matches_separate(*loss, log_softmax(5.0f * nt::random_matrix(rows, 10, 5)),
                                     nl::one_hot(rows, 10, 6));
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("nll");
  const Matrix x = log_softmax(nt::random_matrix(128, 10, 7)), t = nl::one_hot(128, 10, 8);
  nl::check_no_allocation(*loss, x, t);
}
