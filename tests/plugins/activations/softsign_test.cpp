// Mirrors plugins/activations/softsign.cpp; loads it through the registry.
#define BOOST_TEST_MODULE softsign
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_and_backward_match_the_formula) {
  auto act = nt::make_activation("softsign");
  const Matrix z = nt::spread({-1e30f, -100.0f, -2.0f, -1e-3f, 0.0f, 1e-3f, 0.5f, 20.0f, 3e20f});
  Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double v = z.data()[i], d = 1.0 + std::abs(v);
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - v / d) <= 1e-6 * std::max(1.0, std::abs(v / d)));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - 1.0 / (d * d)) <= 1e-6);  // 1 at z = 0, as PyTorch
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("softsign");
  // |z| is not differentiable at 0, but z / (1 + |z|) is (derivative 1): 0 is fine.
  const Matrix z =
      nt::stacked(nt::row_of({-50.0f, -8.0f, 0.0f, 8.0f, 50.0f}), 2.0f * nt::random_matrix(8, 5, 71));
  nt::check_gradient(*act, z, "softsign");
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("softsign"));
}
