// Mirrors plugins/activations/leaky_relu.cpp; loads it through the registry.
#define BOOST_TEST_MODULE leaky_relu
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

namespace nt = neurite::testing;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_matches_pytorchs_formula_bit_for_bit) {
  const Matrix z = nt::spread({-1e30f, -100.0f, -2.0f, -1e-7f, 0.0f, 1e-7f, 0.5f, 3e20f});
  for (double slope : {0.01, 0.2, -0.5, 1.5}) {
    auto act = nt::make_activation("leaky_relu", {{"negative_slope", slope}});
    const float s = static_cast<float>(slope);
    // PyTorch's leaky_relu kernel, in float: z > 0 ? z : z * negative_slope.
    const Matrix want = z.unaryExpr([s](float v) { return v > 0.0f ? v : v * s; });
    Matrix a(z.rows(), z.cols());
    act->forward(z, a);
    BOOST_TEST_INFO("negative_slope " << slope);
    BOOST_TEST((a.array() == want.array()).all());
  }
}

BOOST_AUTO_TEST_CASE(default_negative_slope_is_pytorchs_0_01) {
  auto act = nt::make_activation("leaky_relu");
  const Matrix z = nt::row_of({-3.0f, 2.0f});
  Matrix a(1, 2);
  act->forward(z, a);
  BOOST_TEST(a(0, 0) == -3.0f * 0.01f);
  BOOST_TEST(a(0, 1) == 2.0f);
}

BOOST_AUTO_TEST_CASE(backward_takes_the_negative_slope_at_zero_as_pytorch) {
  // PyTorch's leaky_relu_backward: z > 0 ? da : da * negative_slope.
  auto act = nt::make_activation("leaky_relu", {{"negative_slope", 0.2}});
  const Matrix z = nt::spread({-2.0f, -1e-7f, 0.0f, 1e-7f, 4.0f});
  const Matrix da = nt::spread({1.0f, 2.0f, 3.0f, 4.0f, 5.0f});
  Matrix a(z.rows(), z.cols()), dz = Matrix::Constant(z.rows(), z.cols(), 99.0f);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  const Matrix want = nt::spread({1.0f * 0.2f, 2.0f * 0.2f, 3.0f * 0.2f, 4.0f, 5.0f});
  BOOST_TEST((dz.array() == want.array()).all());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_kink) {
  // Every z at least 0.05 from the kink at 0; the largest probe step is 0.01.
  const Matrix z = nt::stacked(nt::row_of({-50.0f, -8.0f, -0.06f, 8.0f, 50.0f}),
                               nt::away_from(2.0f * nt::random_matrix(8, 5, 31), {0.0f}));
  for (double slope : {0.01, 0.2}) {
    auto act = nt::make_activation("leaky_relu", {{"negative_slope", slope}});
    nt::check_gradient(*act, z, "leaky_relu");
  }
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("leaky_relu"));
}
