// Mirrors plugins/activations/softplus.cpp; loads it through the registry.
#define BOOST_TEST_MODULE softplus
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
// torch.nn.Softplus's definition, in double; log(1 + exp(t)) written so that
// it does not overflow double either (t = 1000 below).
double softplus(double z, double beta, double threshold) {
  const double t = beta * z;
  return t > threshold ? z : (std::max(t, 0.0) + std::log1p(std::exp(-std::abs(t)))) / beta;
}
double derivative(double z, double beta, double threshold) {
  return beta * z > threshold ? 1.0 : 1.0 / (1.0 + std::exp(-beta * z));
}

void check_formula(double beta, double threshold, const Matrix& z) {
  auto act = nt::make_activation("softplus", {{"beta", beta}, {"threshold", threshold}});
  Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double v = z.data()[i];
    const double want = softplus(v, beta, threshold);
    BOOST_TEST_INFO("beta " << beta << ", threshold " << threshold << ", z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * std::max(1.0, std::abs(want)));
    BOOST_TEST_INFO("beta " << beta << ", threshold " << threshold << ", z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - derivative(v, beta, threshold)) <= 1e-6);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(forward_and_backward_match_the_definition) {
  const Matrix z = nt::spread({-1e30f, -100.0f, -20.0f, -2.0f, -1e-3f, 0.0f, 1e-3f, 0.5f, 2.5f, 4.0f, 19.0f,
                               20.0f, 21.0f, 100.0f, 3e20f});
  check_formula(1.0, 20.0, z);
  check_formula(2.0, 5.0, z);
  check_formula(0.5, 20.0, z);
  check_formula(-1.5, 20.0, z);  // PyTorch accepts negative beta
}

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs_beta_1_threshold_20) {
  auto act = nt::make_activation("softplus");
  const Matrix z = nt::row_of({0.0f, 20.0f, 20.5f});
  Matrix a(1, 3), dz(1, 3);
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(1, 3), dz);
  BOOST_TEST(std::abs(a(0, 0) - std::log(2.0)) <= 1e-7);
  BOOST_TEST(a(0, 2) == 20.5f);  // beta * z > threshold: z itself
  BOOST_TEST(dz(0, 2) == 1.0f);
}

BOOST_AUTO_TEST_CASE(beta_times_z_equal_to_the_threshold_takes_the_smooth_branch_as_pytorch) {
  // PyTorch: (z * beta) > threshold ? z : log1p(exp(z * beta)) / beta.
  auto act = nt::make_activation("softplus", {{"beta", 2.0}, {"threshold", 5.0}});
  const Matrix z = nt::row_of({2.5f});  // beta * z == threshold exactly
  Matrix a(1, 1), dz(1, 1);
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(1, 1), dz);
  BOOST_TEST(std::abs(a(0, 0) - std::log1p(std::exp(5.0)) / 2.0) <= 1e-6);
  BOOST_TEST(std::abs(dz(0, 0) - 1.0 / (1.0 + std::exp(-5.0))) <= 1e-6);
}

BOOST_AUTO_TEST_CASE(a_large_threshold_neither_overflows_nor_gives_nan) {
  // Where PyTorch's log1p(exp(t)) is inf and exp(t) / (exp(t) + 1) NaN (t > 88).
  const Matrix z = nt::spread({-1000.0f, 100.0f, 1000.0f});
  check_formula(1.0, 1e6, z);
  auto act = nt::make_activation("softplus", {{"threshold", 1e6}});
  Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
  BOOST_TEST(a.allFinite());
  BOOST_TEST(dz.allFinite());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_threshold) {
  // The threshold is a jump of log1p(exp(-threshold)) / beta: 0.0034 for
  // beta 2, threshold 5 at z = 2.5. Probes stay 0.05 away from it.
  const Matrix z = nt::stacked(nt::row_of({-50.0f, -8.0f, 0.0f, 8.0f, 50.0f}),
                               nt::away_from(2.0f * nt::random_matrix(8, 5, 39), {2.5f}));
  nt::check_gradient(*nt::make_activation("softplus"), z, "softplus");
  nt::check_gradient(*nt::make_activation("softplus", {{"beta", 2.0}, {"threshold", 5.0}}), z,
                     "softplus beta=2 threshold=5");
}

BOOST_AUTO_TEST_CASE(beta_zero_is_rejected) {
  BOOST_CHECK_THROW(nt::make_activation("softplus", {{"beta", 0.0}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("softplus"));
}
