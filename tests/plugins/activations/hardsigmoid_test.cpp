// Mirrors plugins/activations/hardsigmoid.cpp; loads it through the registry.
#define BOOST_TEST_MODULE hardsigmoid
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_and_backward_match_pytorchs_kernels_bit_for_bit) {
  auto act = nt::make_activation("hardsigmoid");
  const Matrix z = nt::spread({-1e30f, -100.0f, -3.001f, -3.0f, -2.999f, -1.0f, 0.0f, 0.5f, 2.999f, 3.0f, 3.001f,
                               100.0f, 3e20f});
  const Matrix da = nt::random_matrix(z.rows(), z.cols(), 61);
  Matrix a(z.rows(), z.cols()), dz = Matrix::Constant(z.rows(), z.cols(), 99.0f);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  for (Index i = 0; i < z.size(); ++i) {
    const float v = z.data()[i];
    BOOST_TEST_INFO("z = " << v);
    // hardsigmoid_kernel: min(max(z + 3, 0), 6) / 6
    BOOST_TEST(a.data()[i] == std::min(std::max(v + 3.0f, 0.0f), 6.0f) / 6.0f);
    BOOST_TEST_INFO("z = " << v);
    // hardsigmoid_backward_kernel: -3 < z < 3 ? da * (1/6) : 0, so 0 at z = +-3
    BOOST_TEST(dz.data()[i] == ((v > -3.0f && v < 3.0f) ? da.data()[i] * (1.0f / 6.0f) : 0.0f));
  }
  Matrix mid(1, 1);
  act->forward(nt::row_of({0.0f}), mid);
  BOOST_TEST(mid(0, 0) == 0.5f);
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_bounds) {
  auto act = nt::make_activation("hardsigmoid");
  const Matrix z = nt::stacked(nt::row_of({-50.0f, -8.0f, 0.0f, 8.0f, 50.0f}),
                               nt::away_from(2.5f * nt::random_matrix(8, 5, 63), {-3.0f, 3.0f}));
  nt::check_gradient(*act, z, "hardsigmoid");
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("hardsigmoid"));
}
