// Mirrors plugins/activations/silu.cpp (silu and its alias swish); loads it
// through the registry.
#define BOOST_TEST_MODULE silu
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }
}  // namespace

BOOST_AUTO_TEST_CASE(forward_and_backward_match_the_formula) {
  auto act = nt::make_activation("silu");
  const Matrix z = nt::spread({-1e30f, -100.0f, -20.0f, -2.0f, -1e-3f, 0.0f, 1e-3f, 0.5f, 3.0f, 20.0f, 100.0f,
                               3e20f});
  Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
  act->forward(z, a);
  act->backward(z, a, Matrix::Ones(z.rows(), z.cols()), dz);
  for (Index i = 0; i < z.size(); ++i) {
    const double v = z.data()[i], s = sigmoid(v);
    const double want = v * s, want_dz = s * (1 + v * (1 - s));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(a.data()[i] - want) <= 1e-6 * std::max(1.0, std::abs(want)));
    BOOST_TEST_INFO("z = " << v);
    BOOST_TEST(std::abs(dz.data()[i] - want_dz) <= 1e-6 * std::max(1.0, std::abs(want_dz)));
  }
  BOOST_TEST(a.allFinite());  // no inf / inf for large |z|
  BOOST_TEST(dz.allFinite());
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto act = nt::make_activation("silu");
  const Matrix z =
      nt::stacked(nt::row_of({-50.0f, -8.0f, 0.0f, 8.0f, 50.0f}), 2.0f * nt::random_matrix(8, 5, 41));
  nt::check_gradient(*act, z, "silu");
}

BOOST_AUTO_TEST_CASE(swish_is_an_alias_of_silu) {
  auto silu = nt::make_activation("silu"), swish = nt::make_activation("swish");
  const Matrix z = 4.0f * nt::random_matrix(5, 37, 42), da = nt::random_matrix(5, 37, 43);
  Matrix a1(5, 37), a2(5, 37), dz1(5, 37), dz2(5, 37);
  silu->forward(z, a1);
  swish->forward(z, a2);
  silu->backward(z, a1, da, dz1);
  swish->backward(z, a2, da, dz2);
  BOOST_TEST((a1.array() == a2.array()).all());
  BOOST_TEST((dz1.array() == dz2.array()).all());
  const auto* info = nt::builtin_registry().find(neurite::Kind::activation, "swish");
  BOOST_TEST_REQUIRE(info != nullptr);
  BOOST_TEST(std::string(info->info->summary).rfind("alias of silu", 0) == 0u);
  BOOST_TEST(info->info->param_count == 0u);
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("silu"));
  nt::check_views_without_allocation(*nt::make_activation("swish"));
}
