// Mirrors plugins/losses/kl_divergence.cpp; loads it through the registry.
#define BOOST_TEST_MODULE kl_divergence
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Index;
using neurite::Matrix;

namespace {
// Rows of positive numbers normalised to sum 1; targets get a zero in column 0
// of row 0 (0 log 0 = 0), the model's log-probabilities stay finite.
Matrix distributions(Index rows, Index cols, std::uint64_t seed, bool with_zero = true) {
  Matrix p = (nt::random_matrix(rows, cols, seed).array() + 2.5f).matrix();
  if (with_zero) p(0, 0) = 0.0f;
  for (Index r = 0; r < rows; ++r) p.row(r) /= p.row(r).sum();
  return p;
}
Matrix log_of(const Matrix& p) { return p.array().log().matrix(); }
Matrix log_probs(Index rows, Index cols, std::uint64_t seed) { return log_of(distributions(rows, cols, seed, false)); }
}  // namespace

BOOST_AUTO_TEST_CASE(sum_is_the_kl_divergence_of_each_row) {
  auto loss = nt::make_loss("kl_divergence");
  const Matrix x = (Matrix(2, 2) << std::log(0.5f), std::log(0.5f), std::log(0.3f), std::log(0.7f)).finished();
  const Matrix t = (Matrix(2, 2) << 0.25f, 0.75f, 0.0f, 1.0f).finished();
  // KL(t || q) = sum t log(t / q); 0 log 0 = 0 in row 1.
  const double want = 0.25 * std::log(0.25 / 0.5) + 0.75 * std::log(0.75 / 0.5) - std::log(static_cast<double>(0.7f));
  BOOST_TEST(std::abs(loss->sum(x, t) - want) <= 1e-7);
  // 'batchmean': the trainer divides by the rows only.
  BOOST_TEST(loss->terms_per_sample(2) == 1);
  BOOST_TEST((loss->output_kind() == neurite::OutputKind::logits));
  Matrix d = Matrix::Constant(2, 2, 99.0f), fused = d;
  loss->gradient(x, t, 0.5f, d);
  BOOST_TEST((d == -0.5f * t));
  BOOST_TEST(std::abs(loss->sum_and_gradient(x, t, 0.5f, fused) - want) <= 1e-6);
  BOOST_TEST((fused == d));
}

BOOST_AUTO_TEST_CASE(identical_distributions_give_zero) {
  auto loss = nt::make_loss("kl_divergence");
  const Matrix t = (Matrix(1, 3) << 0.2f, 0.3f, 0.5f).finished();
  BOOST_TEST(std::abs(loss->sum(log_of(t), t)) <= 1e-7);  // log t rounded to float
}

BOOST_AUTO_TEST_CASE(a_negative_target_gives_nan_as_xlogy) {
  auto loss = nt::make_loss("kl_divergence");
  const Matrix x = (Matrix(1, 2) << -0.5f, -1.0f).finished(), t = (Matrix(1, 2) << 1.25f, -0.25f).finished();
  BOOST_TEST(std::isnan(loss->sum(x, t)));
  Matrix d(1, 2);
  BOOST_TEST(std::isnan(loss->sum_and_gradient(x, t, 1.0f, d)));
}

BOOST_AUTO_TEST_CASE(log_target_takes_the_targets_as_logs) {
  auto plain = nt::make_loss("kl_divergence"), logs = nt::make_loss("kl_divergence", {{"log_target", true}});
  const Matrix t = distributions(5, 4, 1);
  const Matrix x = log_probs(5, 4, 2);
  Matrix t_log = log_of(t);
  t_log(0, 0) = -1000.0f;  // exp(-1000) = 0 stands for the zero probability
  BOOST_TEST(std::abs(logs->sum(x, t_log) - plain->sum(x, t)) <= 1e-6);
  Matrix a(5, 4), b(5, 4);
  logs->gradient(x, t_log, 1.0f, a);  // - exp(t)
  plain->gradient(x, t, 1.0f, b);     // - t
  BOOST_TEST((a - b).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  const Matrix x = log_probs(6, 4, 3);
  const Matrix t = distributions(6, 4, 4);
  for (bool log_target : {false, true}) {
    auto loss = nt::make_loss("kl_divergence", {{"log_target", log_target}});
    const Matrix target = log_target ? Matrix(log_of(t).cwiseMax(-50.0f)) : t;
    nl::check_gradient(*loss, x, target, "kl_divergence");
  }
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  for (bool log_target : {false, true}) {
    auto loss = nt::make_loss("kl_divergence", {{"log_target", log_target}});
    for (const Index rows : {1, 7, 128, 300}) {
      const Matrix t = distributions(rows, 10, 6);
      const Matrix target = log_target ? Matrix(log_of(t).cwiseMax(-50.0f)) : t;
      nl::check_fused_matches_separate(*loss, log_probs(rows, 10, 5), target);
    }
  }
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("kl_divergence");
  const Matrix x = log_probs(128, 10, 7), t = distributions(128, 10, 8);
  nl::check_no_allocation(*loss, x, t);
}
