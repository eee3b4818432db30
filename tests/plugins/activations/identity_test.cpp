// Mirrors plugins/activations/identity.cpp; loads it through the registry.
#define BOOST_TEST_MODULE identity
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

namespace nt = neurite::testing;
using neurite::Matrix;

BOOST_AUTO_TEST_CASE(forward_copies_input) {
  auto act = nt::make_activation("identity");
  const Matrix z = (Matrix(2, 3) << -1e30f, -1.5f, 0.0f, 2.0f, 1e-30f, 7.0f).finished();
  Matrix a = Matrix::Constant(2, 3, 99.0f);
  act->forward(z, a);
  BOOST_TEST((a.array() == z.array()).all());
}

BOOST_AUTO_TEST_CASE(backward_passes_upstream_gradient_through) {
  auto act = nt::make_activation("identity");
  const Matrix z = nt::random_matrix(3, 4, 1), da = nt::random_matrix(3, 4, 2);
  Matrix a(3, 4), dz = Matrix::Constant(3, 4, 99.0f);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  BOOST_TEST((dz.array() == da.array()).all());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("identity");
  nt::check_gradient(*act, nt::random_matrix(6, 5, 7), "identity");
}

BOOST_AUTO_TEST_CASE(rejects_parameters_it_does_not_take) {
  BOOST_CHECK_THROW(nt::make_activation("identity", {{"slope", 0.1}}), neurite::Error);
}
