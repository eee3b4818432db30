// Mirrors plugins/activations/relu.cpp; loads it through the registry.
#define BOOST_TEST_MODULE relu
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

namespace nt = neurite::testing;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_matches_formula) {
  auto act = nt::make_activation("relu");
  const Matrix z = (Matrix(1, 6) << -1e30f, -2.0f, -1e-7f, 0.0f, 0.5f, 3e20f).finished();
  Matrix a(1, 6);
  act->forward(z, a);
  const Matrix want = (Matrix(1, 6) << 0.0f, 0.0f, 0.0f, 0.0f, 0.5f, 3e20f).finished();
  BOOST_TEST((a.array() == want.array()).all());
}

BOOST_AUTO_TEST_CASE(backward_passes_gradient_only_where_input_is_positive) {
  auto act = nt::make_activation("relu");
  // z == 0 takes gradient 0, as PyTorch's threshold_backward.
  const Matrix z = (Matrix(1, 5) << -2.0f, -1e-7f, 0.0f, 1e-7f, 4.0f).finished();
  const Matrix da = (Matrix(1, 5) << 1.0f, 2.0f, 3.0f, 4.0f, 5.0f).finished();
  Matrix a(1, 5), dz = Matrix::Constant(1, 5, 99.0f);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  const Matrix want = (Matrix(1, 5) << 0.0f, 0.0f, 0.0f, 4.0f, 5.0f).finished();
  BOOST_TEST((dz.array() == want.array()).all());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_kink) {
  auto act = nt::make_activation("relu");
  // Every z at least 0.05 from the kink at 0; the largest probe step is 0.01.
  const Matrix z = nt::random_matrix(8, 5, 31, /*avoid=*/0.0f, /*margin=*/0.05f);
  nt::check_gradient(*act, z, "relu");
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("relu"));
}
