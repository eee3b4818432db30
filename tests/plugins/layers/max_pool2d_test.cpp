// Mirrors plugins/layers/max_pool2d.cpp; loads it through the registry. The
// comparison with torch.nn.MaxPool2d is in tests/reference/layers_reference_test.cpp.
#define BOOST_TEST_MODULE max_pool2d
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using neurite::Rng;
using neurite::Workspace;

namespace {
struct Config {
  Index rows, channels, kernel, stride, padding, dilation, height, width;
};

std::shared_ptr<neurite::Layer> make(const Config& c) {
  return nt::make_layer("max_pool2d", {{"channels", static_cast<int>(c.channels)},
                                       {"kernel_size", static_cast<int>(c.kernel)},
                                       {"stride", static_cast<int>(c.stride)},
                                       {"padding", static_cast<int>(c.padding)},
                                       {"dilation", static_cast<int>(c.dilation)},
                                       {"height", static_cast<int>(c.height)},
                                       {"width", static_cast<int>(c.width)}});
}

Index stride_of(const Config& c) { return c.stride == 0 ? c.kernel : c.stride; }
Index out_size(Index size, const Config& c) {
  return (size + 2 * c.padding - c.dilation * (c.kernel - 1) - 1) / stride_of(c) + 1;
}

// The definition: the maximum over the window's positions inside the image.
Matrix direct_max_pool(const Matrix& x, const Config& c) {
  const Index ho = out_size(c.height, c), wo = out_size(c.width, c), s = stride_of(c);
  Matrix y(x.rows(), c.channels * ho * wo);
  for (Index r = 0; r < x.rows(); ++r)
    for (Index ch = 0; ch < c.channels; ++ch)
      for (Index i = 0; i < ho; ++i)
        for (Index j = 0; j < wo; ++j) {
          float m = -std::numeric_limits<float>::infinity();
          for (Index p = 0; p < c.kernel; ++p)
            for (Index q = 0; q < c.kernel; ++q) {
              const Index ih = i * s - c.padding + p * c.dilation, iw = j * s - c.padding + q * c.dilation;
              if (ih >= 0 && ih < c.height && iw >= 0 && iw < c.width)
                m = std::max(m, x(r, ch * c.height * c.width + ih * c.width + iw));
            }
          y(r, ch * ho * wo + i * wo + j) = m;
        }
  return y;
}

// Distinct values 0.05 apart in a shuffled order: no ties, and a probe of
// +-0.01 never changes which element of a window is the maximum.
Matrix distinct_values(Index rows, Index cols, std::uint64_t seed) {
  std::vector<Index> order(static_cast<std::size_t>(rows * cols));
  std::iota(order.begin(), order.end(), Index{0});
  Rng rng(seed);
  rng.shuffle(order.begin(), order.end());
  Matrix x(rows, cols);
  const float offset = 0.025f * static_cast<float>(x.size());  // centred on 0
  for (Index i = 0; i < x.size(); ++i)
    x.data()[i] = 0.05f * static_cast<float>(order[static_cast<std::size_t>(i)]) - offset;
  return x;
}

// k, stride (0: k), padding, dilation; overlapping windows, padding,
// dilation, a non-square image, windows that do not cover the image's edge.
const std::vector<Config> kConfigs = {
    {2, 1, 2, 0, 0, 1, 4, 4}, {3, 2, 2, 0, 0, 1, 6, 6}, {2, 2, 3, 2, 1, 1, 5, 5}, {2, 3, 3, 1, 1, 1, 4, 6},
    {2, 1, 2, 1, 0, 2, 5, 5}, {2, 2, 3, 2, 0, 1, 7, 4}, {1, 1, 3, 0, 1, 1, 3, 3},
};

void check(const nt::GradcheckResult& r) {
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}
}  // namespace

BOOST_AUTO_TEST_CASE(build_returns_pooled_columns_and_has_no_parameters) {
  Rng rng(1);
  auto pool = nt::make_layer("max_pool2d", {{"channels", 6}, {"kernel_size", 2}});
  BOOST_TEST(pool->build(6 * 24 * 24, rng) == 6 * 12 * 12);  // LeNet: stride defaults to kernel_size
  BOOST_TEST(pool->parameters().empty());
  auto odd = nt::make_layer("max_pool2d", {{"channels", 1}, {"kernel_size", 2}});
  BOOST_TEST(odd->build(5 * 5, rng) == 2 * 2);  // floor: the last row and column are left out
}

BOOST_AUTO_TEST_CASE(invalid_settings_are_errors) {
  BOOST_CHECK_THROW(nt::make_layer("max_pool2d", {{"kernel_size", 2}}), neurite::Error);  // channels required
  BOOST_CHECK_THROW(nt::make_layer("max_pool2d", {{"channels", 1}, {"kernel_size", 2}, {"padding", 2}}),
                    neurite::Error);  // padding > kernel_size / 2
  Rng rng(1);
  auto empty_window = nt::make_layer("max_pool2d", {{"channels", 1}, {"kernel_size", 2}, {"stride", 1},
                                                    {"padding", 1}, {"dilation", 3}});
  BOOST_CHECK_THROW(empty_window->build(2 * 2, rng), std::invalid_argument);
  auto not_square = nt::make_layer("max_pool2d", {{"channels", 2}, {"kernel_size", 2}});
  BOOST_CHECK_THROW(not_square->build(2 * 3 * 4, rng), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(forward_matches_the_definition) {
  for (const Config& c : kConfigs) {
    BOOST_TEST_CONTEXT("C " << c.channels << " k " << c.kernel << " s " << c.stride << " pad " << c.padding
                            << " d " << c.dilation << " " << c.height << "x" << c.width) {
      auto pool = make(c);
      Rng rng(1);
      BOOST_TEST(pool->build(c.channels * c.height * c.width, rng) ==
                 c.channels * out_size(c.height, c) * out_size(c.width, c));
      Matrix x = nt::random_matrix(c.rows, c.channels * c.height * c.width, 2);
      x(0, 0) = 1e30f;  // large magnitudes
      x(0, 1) = -1e30f;
      Workspace ws;
      pool->reserve(ws, c.rows);
      const Matrix y = pool->forward(x, ws);
      BOOST_TEST((y.array() == direct_max_pool(x, c).array()).all());
    }
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences_away_from_ties) {
  for (const Config& c : kConfigs) {
    BOOST_TEST_CONTEXT("C " << c.channels << " k " << c.kernel << " s " << c.stride << " pad " << c.padding
                            << " d " << c.dilation << " " << c.height << "x" << c.width) {
      auto pool = make(c);
      Rng rng(1);
      pool->build(c.channels * c.height * c.width, rng);
      check(nt::gradcheck_layer(*pool, distinct_values(c.rows, c.channels * c.height * c.width, 3),
                                {.label = "max_pool2d"}));
    }
  }
}

BOOST_AUTO_TEST_CASE(ties_send_the_gradient_to_the_first_maximum_and_overlaps_add_up) {
  // One 3x3 image, k 2, stride 1: four overlapping windows, ties inside them.
  //   1 5 5
  //   2 3 5
  //   4 4 0
  auto pool = nt::make_layer("max_pool2d", {{"channels", 1}, {"kernel_size", 2}, {"stride", 1}});
  Rng rng(1);
  BOOST_TEST(pool->build(9, rng) == 4);
  const Matrix x = (Matrix(1, 9) << 1, 5, 5, 2, 3, 5, 4, 4, 0).finished();
  Workspace ws;
  pool->reserve(ws, 1);
  const Matrix y = pool->forward(x, ws);
  BOOST_TEST((y.array() == (Matrix(1, 4) << 5, 5, 4, 5).finished().array()).all());
  const Matrix dy = (Matrix(1, 4) << 1, 10, 100, 1000).finished();
  const Matrix dx = pool->backward(dy, ws);
  // window (0,0): {1,5,2,3} -> (0,1); window (0,1): {5,5,3,5} -> (0,1), the first 5 in row-major order;
  // window (1,0): {2,3,4,4} -> (2,0); window (1,1): {3,5,4,0} -> (1,2).
  const Matrix want = (Matrix(1, 9) << 0, 11, 0, 0, 0, 1000, 100, 0, 0).finished();
  BOOST_TEST((dx.array() == want.array()).all());
}

BOOST_AUTO_TEST_CASE(padding_never_wins_and_nan_propagates_as_in_pytorch) {
  auto pool = nt::make_layer("max_pool2d", {{"channels", 1}, {"kernel_size", 3}, {"stride", 2}, {"padding", 1}});
  Rng rng(1);
  BOOST_TEST(pool->build(9, rng) == 4);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const Matrix x = (Matrix(1, 9) << -5, -6, -7, -8, -9, -4, -3, -2, nan).finished();
  Workspace ws;
  pool->reserve(ws, 1);
  const Matrix y = pool->forward(x, ws);
  // Windows rows/cols {-1,0,1}: top-left {-5,-6,-8,-9} -> -5 (the padding, -inf, never wins),
  // top-right {-6,-7,-9,-4} -> -4, bottom-left {-8,-9,-3,-2} -> -2, bottom-right holds NaN -> NaN.
  BOOST_TEST(y(0, 0) == -5.0f);
  BOOST_TEST(y(0, 1) == -4.0f);
  BOOST_TEST(y(0, 2) == -2.0f);
  BOOST_TEST(std::isnan(y(0, 3)));
  const Matrix dx = pool->backward(Matrix::Ones(1, 4), ws);
  const Matrix want = (Matrix(1, 9) << 1, 0, 0, 0, 0, 1, 0, 1, 1).finished();
  BOOST_TEST((dx.array() == want.array()).all());
}

BOOST_AUTO_TEST_CASE(first_layer_skips_the_input_gradient) {
  auto pool = nt::make_layer("max_pool2d", {{"channels", 1}, {"kernel_size", 2}});
  Rng rng(1);
  pool->build(16, rng);
  Workspace ws;
  pool->reserve(ws, 2);
  ws.set_input_gradient_needed(false);
  pool->forward(nt::random_matrix(2, 16, 1), ws);
  BOOST_TEST(pool->backward(Matrix::Ones(2, 4), ws).rows() == 0);
}

#include "../count_allocations.hpp"

BOOST_AUTO_TEST_CASE(forward_and_backward_do_not_allocate_after_reserve) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  auto pool = nt::make_layer("max_pool2d", {{"channels", 6}, {"kernel_size", 2}});
  Rng rng(1);
  pool->build(6 * 24 * 24, rng);
  Workspace ws;
  pool->reserve(ws, 8);
  const Matrix x = nt::random_matrix(8, 6 * 24 * 24, 2), dy = nt::random_matrix(8, 6 * 12 * 12, 3);
  for (const Index rows : {8, 3}) {
    const auto count = nt::allocations_during([&] {
      pool->forward(x.topRows(rows), ws);
      pool->backward(dy.topRows(rows), ws);
    });
    BOOST_TEST(count == 0u);
  }
}
