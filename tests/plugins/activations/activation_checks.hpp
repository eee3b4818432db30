// Checks every activation test repeats: the finite-difference gradient check
// with its message, and "no allocation, same values on strided views". Include
// from exactly one file per test executable (it includes count_allocations.hpp).
#pragma once
#include <neurite/plugin/activation.hpp>
#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <boost/test/unit_test.hpp>

#include "../count_allocations.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

namespace neurite::testing {
/// A 1 x n matrix of the given values.
inline Matrix row_of(std::initializer_list<float> values) {
  Matrix m(1, static_cast<Index>(values.size()));
  Index i = 0;
  for (float v : values) m(0, i++) = v;
  return m;
}

/// A rows x cols matrix holding `values` cyclically (row-major). Each value
/// lands both in Eigen's vectorised body (packets of up to 16 floats) and in
/// its scalar head or tail, which use different exp/tanh/erf code; a 1 x 5
/// row would only ever see the scalar code.
inline Matrix spread(std::initializer_list<float> values, Index rows = 3, Index cols = 53) {
  const std::vector<float> v(values);
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = v[static_cast<std::size_t>(i) % v.size()];
  return m;
}

/// `m` with every value closer than `margin` to a kink moved 2 * margin up,
/// so that the probes of the gradient check (steps <= 0.01) never cross one.
inline Matrix away_from(Matrix m, std::initializer_list<float> kinks, float margin = 0.05f) {
  for (Index i = 0; i < m.size(); ++i)
    for (float k : kinks)
      if (std::abs(m.data()[i] - k) < margin) m.data()[i] += 2 * margin;
  return m;
}

/// Logits a naive softmax overflows on: (1000, 1001, 1002), the same row
/// shifted to (-1000, -999, -998), and (1e30, 0, -1e30), whose softmax is one-hot.
inline Matrix large_logits() {
  return (Matrix(3, 3) << 1000.0f, 1001.0f, 1002.0f, -1000.0f, -999.0f, -998.0f, 1e30f, 0.0f, -1e30f).finished();
}

/// Rows of `m` followed by the rows of `more` (same column count).
inline Matrix stacked(const Matrix& m, const Matrix& more) {
  Matrix out(m.rows() + more.rows(), m.cols());
  out << m, more;
  return out;
}

/// Finite differences (neurite/testing/gradcheck.hpp) at z; fails the test case on error.
inline void check_gradient(const Activation& act, const Matrix& z, const std::string& label) {
  const auto r = gradcheck_activation(act, z, {.label = label});
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}

/// Largest |got - want| / max(1, |want|).
inline double max_error(const Matrix& got, const Matrix& want) {
  double e = 0.0;
  for (Index i = 0; i < got.size(); ++i) {
    const double w = want.data()[i];
    e = std::max(e, std::abs(got.data()[i] - w) / std::max(1.0, std::abs(w)));
  }
  return e;
}

/// forward and backward on a block with an outer stride (a column range of
/// larger matrices, wider than the 256-column chunks some activations work
/// in) allocate nothing and give the values they give on a contiguous copy of
/// the block (to rounding: Eigen may take its scalar functions for unaligned
/// leading elements, where a copy takes packet ones).
inline void check_views_without_allocation(const Activation& act) {
  const Index rows = 7, cols = 300, first = 3, width = 290;
  const Matrix z_full = 3.0f * random_matrix(rows, cols, 91), da_full = random_matrix(rows, cols, 92);
  Matrix a_full = Matrix::Zero(rows, cols), dz_full = Matrix::Zero(rows, cols);
  const auto z = z_full.middleCols(first, width), da = da_full.middleCols(first, width);
  auto a = a_full.middleCols(first, width);
  auto dz = dz_full.middleCols(first, width);
  BOOST_TEST(allocations_during([&] {
               act.forward(z, a);
               act.backward(z, a, da, dz);
             }) == 0u);
  const Matrix z_copy = z, da_copy = da;
  Matrix a_copy(rows, width), dz_copy(rows, width);
  act.forward(z_copy, a_copy);
  act.backward(z_copy, a_copy, da_copy, dz_copy);
  BOOST_TEST(max_error(Matrix(a), a_copy) <= 1e-6);
  BOOST_TEST(max_error(Matrix(dz), dz_copy) <= 1e-6);
  // Columns outside the block are untouched.
  BOOST_TEST((a_full.leftCols(first).array() == 0.0f).all());
  BOOST_TEST((dz_full.rightCols(cols - first - width).array() == 0.0f).all());
}
}  // namespace neurite::testing
