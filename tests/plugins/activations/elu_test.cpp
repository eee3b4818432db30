// Mirrors plugins/activations/elu.cpp; loads it through the registry.
#define BOOST_TEST_MODULE elu
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_and_backward_match_the_formula) {
  const Matrix z = nt::spread({-1e30f, -100.0f, -20.0f, -2.0f, -1e-3f, 0.0f, 1e-3f, 0.5f, 3e20f});
  for (double alpha : {1.0, 0.5, 2.5}) {
    auto act = nt::make_activation("elu", {{"alpha", alpha}});
    Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
    act->forward(z, a);
    act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
    for (Index i = 0; i < z.size(); ++i) {
      const double v = z.data()[i];
      const double want = v > 0 ? v : alpha * std::expm1(v);
      const double want_dz = v > 0 ? 1.0 : alpha * std::exp(v);
      BOOST_TEST_INFO("alpha " << alpha << ", z = " << v);
      BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * std::max(1.0, std::abs(want)));
      BOOST_TEST_INFO("alpha " << alpha << ", z = " << v);
      BOOST_TEST(std::abs(dz.data()[i] - want_dz) <= 1e-6);
      if (v == 0.0) BOOST_TEST(a.data()[i] == 0.0f);
      if (v == -1e30f) BOOST_TEST(a.data()[i] == static_cast<float>(-alpha));  // saturates, no NaN
    }
  }
}

BOOST_AUTO_TEST_CASE(default_alpha_is_pytorchs_1) {
  auto act = nt::make_activation("elu");
  Matrix a(1, 1);
  act->forward(nt::row_of({-100.0f}), a);
  BOOST_TEST(a(0, 0) == -1.0f);
}

BOOST_AUTO_TEST_CASE(backward_takes_alpha_at_zero_as_pytorch) {
  // PyTorch's elu_backward: z <= 0 ? da * alpha * exp(z) : da.
  auto act = nt::make_activation("elu", {{"alpha", 0.5}});
  const Matrix z = nt::spread({0.0f, 1e-7f, -1e-7f});
  const Matrix da = nt::spread({3.0f, 4.0f, 2.0f});
  Matrix a(z.rows(), z.cols()), dz = Matrix::Constant(z.rows(), z.cols(), 99.0f);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  for (Index i = 0; i < z.size(); i += 3) {
    BOOST_TEST(dz.data()[i] == 1.5f);
    BOOST_TEST(dz.data()[i + 1] == 4.0f);
    BOOST_TEST(std::abs(dz.data()[i + 2] - 1.0) <= 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_kink) {
  const Matrix z = nt::stacked(nt::row_of({-50.0f, -8.0f, -0.06f, 8.0f, 50.0f}),
                               nt::away_from(2.0f * nt::random_matrix(8, 5, 33), {0.0f}));
  for (double alpha : {1.0, 0.5}) {
    auto act = nt::make_activation("elu", {{"alpha", alpha}});
    nt::check_gradient(*act, z, "elu");
  }
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("elu"));
}
