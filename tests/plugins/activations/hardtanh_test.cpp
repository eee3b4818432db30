// Mirrors plugins/activations/hardtanh.cpp; loads it through the registry.
#define BOOST_TEST_MODULE hardtanh
#include <boost/test/unit_test.hpp>

#include "activation_checks.hpp"

#include <algorithm>
#include <string>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

namespace {
// PyTorch's hardtanh and hardtanh_backward, in float.
void check_against_pytorchs_kernels(double lo, double hi, const Matrix& z) {
  auto act = nt::make_activation("hardtanh", {{"min_val", lo}, {"max_val", hi}});
  const float l = static_cast<float>(lo), h = static_cast<float>(hi);
  const Matrix da = nt::random_matrix(z.rows(), z.cols(), 51);
  Matrix a(z.rows(), z.cols()), dz = Matrix::Constant(z.rows(), z.cols(), 99.0f);
  act->forward(z, a);
  act->backward(z, a, da, dz);
  for (Index i = 0; i < z.size(); ++i) {
    const float v = z.data()[i];
    BOOST_TEST_INFO("min_val " << lo << ", max_val " << hi << ", z = " << v);
    BOOST_TEST(a.data()[i] == std::min(std::max(v, l), h));
    BOOST_TEST_INFO("min_val " << lo << ", max_val " << hi << ", z = " << v);
    BOOST_TEST(dz.data()[i] == ((v <= l || v >= h) ? 0.0f : da.data()[i]));
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(forward_clamps_and_backward_is_zero_at_and_beyond_the_bounds) {
  const Matrix z = nt::spread({-1e30f, -100.0f, -2.0f, -1.0f, -0.999f, 0.0f, 0.999f, 1.0f, 1.001f, 2.0f,
                               3.0f, 3e20f});
  check_against_pytorchs_kernels(-1.0, 1.0, z);
  check_against_pytorchs_kernels(-2.0, 3.0, z);
  check_against_pytorchs_kernels(0.0, 6.0, z);  // relu6
}

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs_minus_1_and_1) {
  auto act = nt::make_activation("hardtanh");
  const Matrix z = nt::row_of({-5.0f, 0.25f, 5.0f});
  Matrix a(1, 3);
  act->forward(z, a);
  BOOST_TEST(a(0, 0) == -1.0f);
  BOOST_TEST(a(0, 1) == 0.25f);
  BOOST_TEST(a(0, 2) == 1.0f);
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_the_bounds) {
  const Matrix z = nt::stacked(nt::row_of({-50.0f, -8.0f, 0.0f, 8.0f, 50.0f}),
                               nt::away_from(2.0f * nt::random_matrix(8, 5, 53), {-1.0f, 1.0f}));
  nt::check_gradient(*nt::make_activation("hardtanh"), z, "hardtanh");
  const Matrix z2 = nt::away_from(3.0f * nt::random_matrix(8, 5, 54), {-2.0f, 3.0f});
  nt::check_gradient(*nt::make_activation("hardtanh", {{"min_val", -2.0}, {"max_val", 3.0}}), z2,
                     "hardtanh min_val=-2 max_val=3");
}

BOOST_AUTO_TEST_CASE(max_val_must_exceed_min_val) {
  BOOST_CHECK_THROW(nt::make_activation("hardtanh", {{"min_val", 1.0}, {"max_val", 1.0}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_activation("hardtanh", {{"min_val", 2.0}}), neurite::Error);  // max_val 1
  try {
    nt::make_activation("hardtanh", {{"min_val", 2.0}, {"max_val", -1.0}});
    BOOST_ERROR("max_val < min_val was accepted");
  } catch (const neurite::Error& e) {
    BOOST_TEST_INFO(e.what());
    BOOST_TEST(std::string(e.what()).find("max_val -1 must be greater than min_val 2") != std::string::npos);
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(neurite::ExitCode::usage));
  }
}

BOOST_AUTO_TEST_CASE(works_on_strided_views_without_allocating) {
  nt::check_views_without_allocation(*nt::make_activation("hardtanh"));
}
