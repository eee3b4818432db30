// Mirrors plugins/losses/softmax_cross_entropy.cpp; loads it through the registry.
#define BOOST_TEST_MODULE softmax_cross_entropy
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
Matrix one_hot(Index rows, Index cols, std::uint64_t seed) {
  neurite::Rng rng(seed);
  Matrix t = Matrix::Zero(rows, cols);
  for (Index r = 0; r < rows; ++r) t(r, static_cast<Index>(rng.below(static_cast<std::uint64_t>(cols)))) = 1.0f;
  return t;
}
}  // namespace

BOOST_AUTO_TEST_CASE(sum_matches_hand_computed_value) {
  auto loss = nt::make_loss("softmax_cross_entropy");
  const Matrix logits = (Matrix(2, 3) << 1.0f, 2.0f, 3.0f, 0.0f, 0.0f, 0.0f).finished();
  const Matrix target = (Matrix(2, 3) << 1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f).finished();
  // log(e + e^2 + e^3) - 1 = 2.4076059644, plus log 3 = 1.0986122887.
  BOOST_TEST(std::abs(loss->sum(logits, target) - (2.4076059644 + 1.0986122887)) <= 1e-9);
  BOOST_TEST(loss->terms_per_sample(3) == 1);
  BOOST_TEST((loss->output_kind() == neurite::OutputKind::logits));
}

BOOST_AUTO_TEST_CASE(large_logits_give_finite_exact_values) {
  auto loss = nt::make_loss("softmax_cross_entropy");
  const Matrix logits = (Matrix(3, 3) << 1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f, -1000.0f,
                         1001.0f, 1002.0f, 1003.0f).finished();
  const Matrix target = (Matrix(3, 3) << 1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 1.0f, 0.0f, 0.0f).finished();
  const double s = loss->sum(logits, target);
  // Row 0: ~0 (exp(-1000) vanishes); row 1: 2000; row 2: same as logits (1, 2, 3).
  BOOST_TEST(std::abs(s - (0.0 + 2000.0 + 2.4076059644)) <= 1e-6);
  Matrix d(3, 3);
  loss->gradient(logits, target, 1.0f, d);
  BOOST_TEST(d.allFinite());
  BOOST_TEST(std::abs(d(1, 0) - 1.0f) <= 1e-6f);
  BOOST_TEST(std::abs(d(1, 2) + 1.0f) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(gradient_is_scale_times_softmax_minus_target) {
  auto loss = nt::make_loss("softmax_cross_entropy");
  const Matrix logits = (Matrix(1, 3) << 1.0f, 2.0f, 3.0f).finished();
  const Matrix target = (Matrix(1, 3) << 0.0f, 1.0f, 0.0f).finished();
  Matrix d = Matrix::Constant(1, 3, 99.0f);
  loss->gradient(logits, target, 0.5f, d);
  const Matrix want = (Matrix(1, 3) << 0.5f * 0.09003057f, 0.5f * (0.24472847f - 1.0f), 0.5f * 0.66524096f).finished();
  BOOST_TEST((d - want).cwiseAbs().maxCoeff() <= 1e-6f);
  BOOST_TEST(std::abs(d.sum()) <= 1e-6f);  // rows of the gradient sum to zero
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  auto loss = nt::make_loss("softmax_cross_entropy");
  for (float range : {1.0f, 4.0f}) {
    const auto r = nt::gradcheck_loss(*loss, range * nt::random_matrix(7, 4, 6), one_hot(7, 4, 7),
                                      {.label = "softmax_cross_entropy"});
    BOOST_TEST_MESSAGE(r.message);
    BOOST_TEST_INFO(r.message);
    BOOST_TEST(r.pass);
  }
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  auto loss = nt::make_loss("softmax_cross_entropy");
  for (const neurite::Index rows : {1, 7, 64, 100}) {  // one block, several, a partial one
    neurite::Matrix z = nt::random_matrix(rows, 3, 31) * 10.0f;  // logits up to +-20
    z(0, 0) = 1000.0f;                                           // a huge logit stays finite
    neurite::Matrix t = neurite::Matrix::Zero(rows, 3);
    for (neurite::Index r = 0; r < rows; ++r) t(r, r % 3) = 1.0f;
    neurite::Matrix separate(rows, 3), fused(rows, 3);
    loss->gradient(z, t, 0.25f, separate);
    const double sum = loss->sum(z, t);
    const double fused_sum = loss->sum_and_gradient(z, t, 0.25f, fused);
    BOOST_TEST_INFO("rows " << rows);
    BOOST_TEST(fused_sum == sum, boost::test_tools::tolerance(1e-5));
    BOOST_TEST((fused - separate).cwiseAbs().maxCoeff() <= 1e-6f);
  }
}
