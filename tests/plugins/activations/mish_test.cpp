// Mirrors plugins/activations/mish.cpp; loads it through the registry.
#define BOOST_TEST_MODULE mish
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <cmath>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
// In double: tanh(softplus(z)) and its derivative, with softplus written
// without overflow and 1 - tanh^2 as 1 / cosh^2 (no cancellation).
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }
double mish(double z) { return z * std::tanh(softplus(z)); }
double mish_derivative(double z) {
  const double sp = softplus(z), sech = 1.0 / std::cosh(sp), s = 1.0 / (1.0 + std::exp(-z));
  return std::tanh(sp) + z * s * sech * sech;
}
}  // namespace

// 1e-6 relative (~8 ulp): mish.cpp evaluates 1 - t^2 without cancellation.
// (PyTorch's 1 - tanh(...)^2 would be off by up to ~1e-6 near z = 8.)
BOOST_AUTO_TEST_CASE(forward_and_backward_match_the_formula) {
  auto act = nt::make_activation("mish");
  const Matrix z = nt::spread({-1e30f, -100.0f, -20.0f, -2.0f, -1.2f, -1e-3f, 0.0f, 1e-3f, 0.5f, 3.0f, 8.0f,
                               20.0f, 100.0f, 3e20f});
  Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double v = z.data()[i], want = mish(v), want_dz = mish_derivative(v);
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * std::max(1.0, std::abs(want)));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - want_dz) <= 1e-6 * std::max(1.0, std::abs(want_dz)));
  }
  BOOST_TEST(a.allFinite());
  BOOST_TEST(dz.allFinite());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("mish");
  const Matrix z =
      nt::stacked(nt::row_of({-50.0f, -8.0f, 0.0f, 8.0f, 50.0f}), 2.0f * nt::random_matrix(8, 5, 45));
  nt::check_gradient(*act, z, "mish");
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("mish"));
}
