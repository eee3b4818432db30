// Mirrors plugins/activations/selu.cpp; loads it through the registry.
#define BOOST_TEST_MODULE selu
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
// torch.nn.SELU's constants (its documentation).
constexpr double kAlpha = 1.6732632423543772848170429916717;
constexpr double kScale = 1.0507009873554804934193349852946;
}  // namespace

BOOST_AUTO_TEST_CASE(forward_and_backward_match_the_formula_with_pytorchs_constants) {
  auto act = nt::make_activation("selu");
  const Matrix z = nt::spread({-1e30f, -100.0f, -2.0f, -1e-3f, 0.0f, 1e-3f, 0.5f, 20.0f, 3e20f});
  Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double v = z.data()[i];
    const double want = kScale * (v > 0 ? v : kAlpha * std::expm1(v));
    const double want_dz = kScale * (v > 0 ? 1.0 : kAlpha * std::exp(v));  // z == 0: scale * alpha
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * std::max(1.0, std::abs(want)));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - want_dz) <= 1e-6);
  }
  BOOST_TEST(a.allFinite());
  BOOST_TEST(dz.allFinite());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_kink) {
  auto act = nt::make_activation("selu");
  const Matrix z = nt::stacked(nt::row_of({-50.0f, -8.0f, -0.06f, 8.0f, 50.0f}),
                               nt::away_from(2.0f * nt::random_matrix(8, 5, 35), {0.0f}));
  nt::check_gradient(*act, z, "selu");
}

BOOST_AUTO_TEST_CASE(takes_no_parameters) {
  BOOST_CHECK_THROW(nt::make_activation("selu", {{"alpha", 1.0}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("selu"));
}
