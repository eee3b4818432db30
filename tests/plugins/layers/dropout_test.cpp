// Mirrors plugins/layers/dropout.cpp; loads it through the registry.
#define BOOST_TEST_MODULE dropout
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <cmath>
#include <limits>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using neurite::Rng;
using neurite::Workspace;

namespace {
// A training-mode workspace for `layer` with a given random stream.
Workspace training_workspace(const neurite::Layer& layer, Index rows, std::uint64_t seed) {
  Workspace ws;
  layer.reserve(ws, rows);
  ws.set_training(true);
  ws.set_rng(Rng(seed));
  return ws;
}

std::shared_ptr<neurite::Layer> built(double p, Index cols) {
  auto layer = nt::make_layer("dropout", {{"p", p}});
  Rng rng(1);
  BOOST_TEST(layer->build(cols, rng) == cols);
  return layer;
}

void check(const nt::GradcheckResult& r) {
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}
}  // namespace

BOOST_AUTO_TEST_CASE(has_no_parameters_and_p_defaults_to_one_half) {
  auto layer = nt::make_layer("dropout");
  Rng rng(1);
  layer->build(1000, rng);
  BOOST_TEST(layer->parameters().empty());
  Workspace ws = training_workspace(*layer, 100, 5);
  const Matrix y = layer->forward(Matrix::Ones(100, 1000), ws);
  const double kept = (y.array() != 0.0f).cast<double>().sum() / 1e5;
  BOOST_TEST(std::abs(kept - 0.5) <= 0.01);
  BOOST_TEST(((y.array() == 0.0f) || (y.array() == 2.0f)).all());
}

BOOST_AUTO_TEST_CASE(p_outside_zero_one_is_an_error) {
  BOOST_CHECK_THROW(nt::make_layer("dropout", {{"p", -0.1}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("dropout", {{"p", 1.5}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(eval_mode_is_the_identity_forward_and_backward) {
  auto layer = built(0.7, 6);
  Workspace ws;
  layer->reserve(ws, 4);
  ws.set_training(false);
  ws.set_rng(Rng(3));
  Matrix x = nt::random_matrix(4, 6, 2);
  x(0, 0) = 0.0f, x(0, 1) = 1e30f, x(0, 2) = -1e30f;
  const Matrix dy = nt::random_matrix(4, 6, 3);
  BOOST_TEST((layer->forward(x, ws).array() == x.array()).all());
  BOOST_TEST((layer->backward(dy, ws).array() == dy.array()).all());
  // Nothing was drawn.
  BOOST_TEST(ws.rng().next_u64() == Rng(3).next_u64());
}

BOOST_AUTO_TEST_CASE(training_mask_keeps_one_minus_p_and_scales_by_its_inverse) {
  // 200,000 draws: the kept fraction's standard error is about 0.001.
  for (double p : {0.1, 0.5, 0.8}) {
    BOOST_TEST_CONTEXT("p " << p) {
      auto layer = built(p, 500);
      Workspace ws = training_workspace(*layer, 400, 7);
      const Matrix x = nt::random_matrix(400, 500, 8, /*avoid=*/0.0f, /*margin=*/1e-3f);
      const Matrix y = layer->forward(x, ws);
      const auto kept = (y.array() != 0.0f);
      const double fraction = kept.cast<double>().sum() / static_cast<double>(y.size());
      BOOST_TEST(std::abs(fraction - (1.0 - p)) <= 0.006);
      const float scale = static_cast<float>(1.0 / (1.0 - p));
      // (a tolerance of an ulp: the compiler may fuse the test's product into an FMA)
      const auto excess = (y.array() - x.array() * scale).abs() - 1.2e-7f * y.array().abs();
      BOOST_TEST((kept.select(excess, 0.0f) <= 0.0f).all());
      // Every row and every column is masked independently: no row or column all kept or all dropped.
      BOOST_TEST((kept.cast<int>().rowwise().sum() > 0).all());
      BOOST_TEST((kept.cast<int>().rowwise().sum() < 500).all());
      // Neighbouring elements are independent: P(both kept) = (1 - p)^2.
      const double both = (kept.leftCols(499) && kept.rightCols(499)).cast<double>().sum() / (400.0 * 499.0);
      BOOST_TEST(std::abs(both - (1.0 - p) * (1.0 - p)) <= 0.006);
    }
  }
}

BOOST_AUTO_TEST_CASE(backward_uses_the_forward_mask) {
  auto layer = built(0.4, 30);
  Workspace ws = training_workspace(*layer, 20, 11);
  const Matrix x = nt::random_matrix(20, 30, 12, 0.0f, 1e-3f);
  const Matrix y = layer->forward(x, ws);
  const Matrix dy = nt::random_matrix(20, 30, 13);
  const Matrix dx = layer->backward(dy, ws);
  const Matrix mask = (y.array() / x.array()).matrix();  // 0 or 1 / 0.6
  BOOST_TEST((dx.array() - dy.array() * mask.array()).abs().maxCoeff() <= 1e-6f);
  BOOST_TEST(((dx.array() == 0.0f) == (y.array() == 0.0f)).all());
}

BOOST_AUTO_TEST_CASE(same_stream_gives_the_same_mask_and_another_stream_differs) {
  auto layer = built(0.5, 40);
  const Matrix x = Matrix::Ones(10, 40);
  Workspace a = training_workspace(*layer, 10, 21), b = training_workspace(*layer, 10, 21),
            c = training_workspace(*layer, 10, 22);
  const Matrix ya = layer->forward(x, a), yb = layer->forward(x, b), yc = layer->forward(x, c);
  BOOST_TEST((ya.array() == yb.array()).all());
  BOOST_TEST((ya.array() != yc.array()).any());
  // The mask is drawn row-major, one uniform per element, kept when u >= p.
  Rng expect(21);
  for (Index i = 0; i < ya.size(); ++i) BOOST_TEST(ya.data()[i] == (expect.uniform() >= 0.5 ? 2.0f : 0.0f));
  // A second forward on the same workspace continues the stream: a new mask.
  BOOST_TEST((layer->forward(x, a).array() != ya.array()).any());
}

BOOST_AUTO_TEST_CASE(p_zero_is_the_identity_and_p_one_gives_zeros_as_pytorch) {
  const Matrix x = nt::random_matrix(5, 8, 31), dy = nt::random_matrix(5, 8, 32);
  {
    auto layer = built(0.0, 8);
    Workspace ws = training_workspace(*layer, 5, 33);
    BOOST_TEST((layer->forward(x, ws).array() == x.array()).all());
    BOOST_TEST((layer->backward(dy, ws).array() == dy.array()).all());
    BOOST_TEST(ws.rng().next_u64() == Rng(33).next_u64());  // nothing drawn
  }
  {
    auto layer = built(1.0, 8);
    Workspace ws = training_workspace(*layer, 5, 34);
    BOOST_TEST((layer->forward(x, ws).array() == 0.0f).all());
    BOOST_TEST((layer->backward(dy, ws).array() == 0.0f).all());
    BOOST_TEST(ws.rng().next_u64() == Rng(34).next_u64());
    // torch computes x * 0: NaN and infinities give NaN, not 0.
    Matrix odd = Matrix::Zero(1, 8);
    odd(0, 0) = std::numeric_limits<float>::quiet_NaN();
    odd(0, 1) = std::numeric_limits<float>::infinity();
    const Matrix y = layer->forward(odd, ws);
    BOOST_TEST(std::isnan(y(0, 0)));
    BOOST_TEST(std::isnan(y(0, 1)));
    BOOST_TEST(y(0, 2) == 0.0f);
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_with_a_fixed_mask) {
  // gradcheck_layer resets ws.rng() to the same state before every forward,
  // so each probe sees the same mask.
  for (double p : {0.3, 0.5, 0.9}) {
    BOOST_TEST_CONTEXT("p " << p) {
      auto layer = built(p, 7);
      Matrix x = nt::random_matrix(6, 7, 41);
      x(0, 0) = 0.0f, x(0, 1) = 100.0f;
      check(nt::gradcheck_layer(*layer, x, {.label = "dropout"}));
    }
  }
}

#include "../count_allocations.hpp"

BOOST_AUTO_TEST_CASE(forward_and_backward_do_not_allocate_after_reserve) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  auto layer = built(0.5, 256);
  Workspace ws = training_workspace(*layer, 64, 1);
  const Matrix x = nt::random_matrix(64, 256, 2), dy = nt::random_matrix(64, 256, 3);
  for (bool training : {true, false})
    for (const Index rows : {64, 5}) {
      ws.set_training(training);
      const auto count = nt::allocations_during([&] {
        layer->forward(x.topRows(rows), ws);
        layer->backward(dy.topRows(rows), ws);
      });
      BOOST_TEST(count == 0u);
    }
}
