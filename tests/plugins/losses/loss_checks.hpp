// Checks that every loss test shares: one-hot targets, inputs moved off a
// loss's kinks, the finite-difference gradient check with its message, "no
// allocation in sum_and_gradient/gradient/sum", and the fused
// sum_and_gradient() against sum() and gradient() on contiguous matrices and
// on strided views (a block of a wider matrix, as a caller may pass).
// Include after <boost/test/unit_test.hpp>, from exactly one file per test
// executable (it includes count_allocations.hpp).
#pragma once
#include <neurite/errors.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/plugin/tensor.hpp>
#include <neurite/rng.hpp>
#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <boost/test/unit_test.hpp>

#include "../count_allocations.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>

namespace neurite::testing::losses {
/// rows one-hot rows of `cols` columns, the class drawn from `seed`.
inline Matrix one_hot(Index rows, Index cols, std::uint64_t seed) {
  Rng rng(seed);
  Matrix t = Matrix::Zero(rows, cols);
  for (Index r = 0; r < rows; ++r) t(r, static_cast<Index>(rng.below(static_cast<std::uint64_t>(cols)))) = 1.0f;
  return t;
}

/// `m` with every element closer than `margin` to one of `kinks` moved up by
/// 2 * margin (kinks must be further apart than 3 * margin).
inline Matrix away_from(Matrix m, std::initializer_list<float> kinks, float margin) {
  for (Index i = 0; i < m.size(); ++i)
    for (float k : kinks)
      if (std::abs(m.data()[i] - k) < margin) m.data()[i] += 2.0f * margin;
  return m;
}

/// An element-wise loss: one term per output column (the trainer's mean runs
/// over every element), and the given output kind.
inline void check_one_term_per_element(const Loss& loss, OutputKind kind) {
  for (const Index cols : {1, 3, 7}) BOOST_TEST(loss.terms_per_sample(cols) == cols);
  BOOST_TEST((loss.output_kind() == kind));
}

/// Finite differences (neurite/testing/gradcheck.hpp) at pred; fails the test case on error.
inline void check_gradient(const Loss& loss, const Matrix& pred, const Matrix& target, const std::string& label) {
  const auto r = gradcheck_loss(loss, pred, target, {.label = label});
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}

/// sum_and_gradient(), gradient() and sum() allocate nothing.
inline void check_no_allocation(const Loss& loss, const Matrix& pred, const Matrix& target) {
  Matrix d(pred.rows(), pred.cols());
  BOOST_TEST(allocations_during([&] {
               loss.sum_and_gradient(pred, target, 1.0f, d);
               loss.gradient(pred, target, 1.0f, d);
               loss.sum(pred, target);
             }) == 0u);
}

/// sum_and_gradient() agrees with sum() (relative 1e-5: float spans against a
/// double reference) and with gradient() (1e-6 * max(1, |g|)), contiguous and
/// strided, and assigns every element of dpred.
inline void check_fused_matches_separate(const Loss& loss, const Matrix& pred, const Matrix& target,
                                         float scale = 0.25f) {
  const Index rows = pred.rows(), cols = pred.cols();
  Matrix separate(rows, cols), fused = Matrix::Constant(rows, cols, 1234.5f);
  loss.gradient(pred, target, scale, separate);
  const double want = loss.sum(pred, target);
  const double got = loss.sum_and_gradient(pred, target, scale, fused);
  const double sum_bound = 1e-5 * std::max(1.0, std::abs(want));
  const auto grad_error = [&](const auto& a) {  // max |a - g| / max(1, |g|); NaN counts as failure
    float e = 0.0f;
    for (Index r = 0; r < rows; ++r)
      for (Index c = 0; c < cols; ++c) {
        const float g = separate(r, c), diff = std::abs(a(r, c) - g) / std::max(1.0f, std::abs(g));
        e = std::isnan(diff) ? std::numeric_limits<float>::infinity() : std::max(e, diff);
      }
    return e;
  };
  BOOST_TEST_INFO("contiguous " << rows << "x" << cols << ": fused " << got << ", sum() " << want);
  BOOST_TEST(std::abs(got - want) <= sum_bound);
  BOOST_TEST(grad_error(fused) <= 1e-6f);

  // The same values as the left columns of wider matrices: rows are strided.
  Matrix wide_pred = Matrix::Constant(rows, cols + 3, 7.0f), wide_target = Matrix::Zero(rows, cols + 3);
  Matrix wide_d = Matrix::Constant(rows, cols + 3, 1234.5f);
  wide_pred.leftCols(cols) = pred;
  wide_target.leftCols(cols) = target;
  const double strided_got =
      loss.sum_and_gradient(wide_pred.leftCols(cols), wide_target.leftCols(cols), scale, wide_d.leftCols(cols));
  BOOST_TEST_INFO("strided " << rows << "x" << cols << ": fused " << strided_got << ", sum() " << want);
  BOOST_TEST(std::abs(strided_got - want) <= sum_bound);
  BOOST_TEST(grad_error(wide_d.leftCols(cols)) <= 1e-6f);
  BOOST_TEST((wide_d.rightCols(3).array() == 1234.5f).all());  // nothing outside the view is written
  Matrix strided_separate = Matrix::Constant(rows, cols + 3, 1234.5f);
  loss.gradient(wide_pred.leftCols(cols), wide_target.leftCols(cols), scale, strided_separate.leftCols(cols));
  BOOST_TEST(grad_error(strided_separate.leftCols(cols)) <= 1e-6f);
  BOOST_TEST(std::abs(loss.sum(wide_pred.leftCols(cols), wide_target.leftCols(cols)) - want) <= 1e-12 * std::max(1.0, std::abs(want)));
}
}  // namespace neurite::testing::losses
