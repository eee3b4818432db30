// Mirrors plugins/losses/multi_margin.cpp; loads it through the registry.
#define BOOST_TEST_MODULE multi_margin
#include <boost/test/unit_test.hpp>

#include "loss_checks.hpp"

#include <cmath>

namespace nt = neurite::testing;
namespace nl = neurite::testing::losses;
using neurite::Index;
using neurite::Matrix;

namespace {
// Scores whose hinge arguments margin - x_y + x_c (c != y) are all at least
// 0.05 away from the kink at 0.
Matrix off_the_hinges(Matrix x, const Matrix& t, float margin) {
  for (Index r = 0; r < x.rows(); ++r) {
    Index y;
    t.row(r).maxCoeff(&y);
    for (Index c = 0; c < x.cols(); ++c)
      if (c != y && std::abs(margin - x(r, y) + x(r, c)) < 0.05f) x(r, c) += 0.1f;
  }
  return x;
}
}  // namespace

BOOST_AUTO_TEST_CASE(sum_matches_the_pytorch_docs_example) {
  // torch.nn.MultiMarginLoss docs: x = [0.1, 0.2, 0.4, 0.8], y = 3 -> 0.3250
  auto loss = nt::make_loss("multi_margin");
  const Matrix x = (Matrix(1, 4) << 0.1f, 0.2f, 0.4f, 0.8f).finished();
  const Matrix t = (Matrix(1, 4) << 0.0f, 0.0f, 0.0f, 1.0f).finished();
  BOOST_TEST(std::abs(loss->sum(x, t) - 0.325) <= 1e-7);
  BOOST_TEST(loss->terms_per_sample(4) == 1);  // the / C is inside each sample's loss
  BOOST_TEST((loss->output_kind() == neurite::OutputKind::logits));
  Matrix d = Matrix::Constant(1, 4, 99.0f);
  loss->gradient(x, t, 1.0f, d);
  BOOST_TEST((d - (Matrix(1, 4) << 0.25f, 0.25f, 0.25f, -0.75f).finished()).cwiseAbs().maxCoeff() <= 1e-7f);
}

BOOST_AUTO_TEST_CASE(squared_hinge_with_a_smaller_margin) {
  auto loss = nt::make_loss("multi_margin", {{"p", 2}, {"margin", 0.5}});
  const Matrix x = (Matrix(1, 4) << 0.1f, 0.2f, 0.4f, 0.8f).finished();
  const Matrix t = (Matrix(1, 4) << 0.0f, 0.0f, 0.0f, 1.0f).finished();
  // z = 0.5 - 0.8 + (0.1, 0.2, 0.4) = (-0.2, -0.1, 0.1): only 0.1^2 / 4 counts
  BOOST_TEST(std::abs(loss->sum(x, t) - 0.0025) <= 1e-7);
  Matrix d(1, 4);
  loss->gradient(x, t, 1.0f, d);  // 2 z / C on the violating column, minus that on the target
  BOOST_TEST((d - (Matrix(1, 4) << 0.0f, 0.0f, 0.05f, -0.05f).finished()).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(scores_beyond_the_margin_cost_nothing) {
  auto loss = nt::make_loss("multi_margin");
  const Matrix x = (Matrix(2, 3) << 1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f, -1000.0f).finished();
  const Matrix t = (Matrix(2, 3) << 1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f).finished();
  // Row 0: no violation. Row 1 (y = 2): (1 + 1000 + 1000) + (1 + 1000 + 0), over 3.
  BOOST_TEST(std::abs(loss->sum(x, t) - 3002.0 / 3.0) <= 1e-9);
  Matrix d(2, 3);
  BOOST_TEST(std::abs(loss->sum_and_gradient(x, t, 3.0f, d) - 3002.0 / 3.0) <= 1e-4);
  BOOST_TEST((d == (Matrix(2, 3) << 0.0f, 0.0f, 0.0f, 1.0f, 1.0f, -2.0f).finished()));
}

BOOST_AUTO_TEST_CASE(p_is_one_or_two) {
  BOOST_CHECK_THROW(nt::make_loss("multi_margin", {{"p", 3}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_loss("multi_margin", {{"p", 0}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  for (int p : {1, 2})
    for (double margin : {1.0, 0.5}) {
      auto loss = nt::make_loss("multi_margin", {{"p", p}, {"margin", margin}});
      const Matrix t = nl::one_hot(8, 4, 3);
      const Matrix x = off_the_hinges(nt::random_matrix(8, 4, 4), t, static_cast<float>(margin));
      nl::check_gradient(*loss, x, t, "multi_margin");
    }
}

BOOST_AUTO_TEST_CASE(fused_sum_and_gradient_matches_the_separate_calls) {
  for (int p : {1, 2}) {
    auto loss = nt::make_loss("multi_margin", {{"p", p}});
    for (const Index rows : {1, 7, 128}) {
      const Matrix t = nl::one_hot(rows, 10, 6);
      nl::check_fused_matches_separate(*loss, off_the_hinges(nt::random_matrix(rows, 10, 5), t, 1.0f), t);
    }
  }
}

BOOST_AUTO_TEST_CASE(sum_and_gradient_allocate_nothing) {
  auto loss = nt::make_loss("multi_margin", {{"p", 2}});
  const Matrix x = nt::random_matrix(128, 10, 7), t = nl::one_hot(128, 10, 8);
  nl::check_no_allocation(*loss, x, t);
}
