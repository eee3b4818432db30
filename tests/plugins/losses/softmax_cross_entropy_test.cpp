// Mirrors plugins/losses/softmax_cross_entropy.cpp; loads it through the registry.
#define BOOST_TEST_MODULE softmax_cross_entropy
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Index;
using neurite::Matrix;

using nl::one_hot;

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
    nl::check_gradient(*loss, range * nt::random_matrix(7, 4, 6), one_hot(7, 4, 7), "softmax_cross_entropy");
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

BOOST_AUTO_TEST_CASE(label_smoothing_mixes_in_the_uniform_distribution) {
  // torch 1.13, class-index targets: (1 - e) * nll + e / C * sum_k -log softmax(z)_k.
  auto loss = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 0.1}});
  const Matrix logits = (Matrix(1, 3) << 1.0f, 2.0f, 3.0f).finished();
  const Matrix target = (Matrix(1, 3) << 1.0f, 0.0f, 0.0f).finished();
  const double lse = 3.4076059644;  // log(e + e^2 + e^3)
  const double want = 0.9 * (lse - 1.0) + 0.1 / 3.0 * ((lse - 1.0) + (lse - 2.0) + (lse - 3.0));
  BOOST_TEST(std::abs(loss->sum(logits, target) - want) <= 1e-7);
  BOOST_TEST(loss->terms_per_sample(3) == 1);
  Matrix d(1, 3);
  loss->gradient(logits, target, 1.0f, d);  // softmax - ((1 - e) t + e / C)
  const Matrix want_d = (Matrix(1, 3) << 0.09003057f - (0.9f + 0.1f / 3), 0.24472847f - 0.1f / 3,
                         0.66524096f - 0.1f / 3).finished();
  BOOST_TEST((d - want_d).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(label_smoothing_equals_smoothed_targets) {
  auto smoothed = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 0.25}});
  auto plain = nt::make_loss("softmax_cross_entropy");
  Matrix z = 3.0f * nt::random_matrix(9, 5, 11);
  z(0, 0) = 1000.0f, z(0, 1) = -1000.0f;
  const Matrix t = one_hot(9, 5, 12);
  const Matrix t_smooth = (0.75f * t.array() + 0.25f / 5).matrix();
  const double want = plain->sum(z, t_smooth);
  BOOST_TEST(std::abs(smoothed->sum(z, t) - want) <= 1e-6 * std::max(1.0, want));
  Matrix a(9, 5), b(9, 5);
  smoothed->gradient(z, t, 0.5f, a);
  plain->gradient(z, t_smooth, 0.5f, b);
  BOOST_TEST((a - b).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(label_smoothing_is_checked_against_its_range) {
  BOOST_CHECK_THROW(nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 1.5}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_loss("softmax_cross_entropy", {{"label_smoothing", -0.1}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(label_smoothing_gradient_matches_central_differences) {
  auto loss = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 0.1}});
  nl::check_gradient(*loss, 2.0f * nt::random_matrix(7, 4, 13), one_hot(7, 4, 14),
                     "softmax_cross_entropy label_smoothing=0.1");
}

BOOST_AUTO_TEST_CASE(label_smoothing_fused_matches_the_separate_calls) {
  auto loss = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 0.1}});
  for (const Index rows : {1, 7, 64, 100}) {
    Matrix z = 10.0f * nt::random_matrix(rows, 10, 15);
    z(0, 0) = 1000.0f;
    nl::check_fused_matches_separate(*loss, z, one_hot(rows, 10, 16));
  }
}

// Two columns take a path of their own (column-wise over rows): the same
// values as the separate calls, with and without smoothing, for one-hot and
// probability targets, huge logits, and block edges (64 rows per block).
BOOST_AUTO_TEST_CASE(two_columns_fused_matches_the_separate_calls) {
  for (const double smoothing : {0.0, 0.1}) {
    auto loss = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", smoothing}});
    for (const Index rows : {1, 7, 16, 64, 65, 100}) {
      Matrix z = 10.0f * nt::random_matrix(rows, 2, 19);
      z(0, 0) = 1000.0f;
      if (rows > 1) z(1, 1) = -1000.0f;
      BOOST_TEST_INFO("label_smoothing " << smoothing << ", rows " << rows);
      nl::check_fused_matches_separate(*loss, z, one_hot(rows, 2, 20));
      Matrix p = nt::random_matrix(rows, 2, 21).cwiseAbs();  // probability rows
      for (Index r = 0; r < rows; ++r) p.row(r) /= p.row(r).sum();
      nl::check_fused_matches_separate(*loss, z, p);
    }
  }
}

BOOST_AUTO_TEST_CASE(two_columns_allocate_nothing_and_match_central_differences) {
  auto loss = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 0.1}});
  nl::check_no_allocation(*loss, nt::random_matrix(128, 2, 22), one_hot(128, 2, 23));
  nl::check_gradient(*loss, 2.0f * nt::random_matrix(7, 2, 24), one_hot(7, 2, 25),
                     "softmax_cross_entropy, two columns");
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("softmax_cross_entropy", {{"label_smoothing", 0.1}});
  const Matrix z = nt::random_matrix(128, 10, 17), t = one_hot(128, 10, 18);
  nl::check_no_allocation(*loss, z, t);
}
