// Mirrors plugins/layers/avg_pool2d.cpp; loads it through the registry. The
// comparison with torch.nn.AvgPool2d is in tests/reference/layers_reference_test.cpp.
#define BOOST_TEST_MODULE avg_pool2d
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using neurite::Rng;
using neurite::Workspace;

namespace {
struct Config {
  Index rows, channels, kernel, stride, padding, height, width;
  bool count_include_pad;
};

std::shared_ptr<neurite::Layer> make(const Config& c) {
  return nt::make_layer("avg_pool2d", {{"channels", static_cast<int>(c.channels)},
                                       {"kernel_size", static_cast<int>(c.kernel)},
                                       {"stride", static_cast<int>(c.stride)},
                                       {"padding", static_cast<int>(c.padding)},
                                       {"count_include_pad", c.count_include_pad},
                                       {"height", static_cast<int>(c.height)},
                                       {"width", static_cast<int>(c.width)}});
}

Index stride_of(const Config& c) { return c.stride == 0 ? c.kernel : c.stride; }
Index out_size(Index size, const Config& c) { return (size + 2 * c.padding - c.kernel) / stride_of(c) + 1; }

// The definition in double: the mean over k*k positions, padded zeros included
// (count_include_pad) or over the positions inside the image only.
Matrix direct_avg_pool(const Matrix& x, const Config& c) {
  const Index ho = out_size(c.height, c), wo = out_size(c.width, c), s = stride_of(c);
  Matrix y(x.rows(), c.channels * ho * wo);
  for (Index r = 0; r < x.rows(); ++r)
    for (Index ch = 0; ch < c.channels; ++ch)
      for (Index i = 0; i < ho; ++i)
        for (Index j = 0; j < wo; ++j) {
          double sum = 0.0;
          int inside = 0;
          for (Index p = 0; p < c.kernel; ++p)
            for (Index q = 0; q < c.kernel; ++q) {
              const Index ih = i * s - c.padding + p, iw = j * s - c.padding + q;
              if (ih < 0 || ih >= c.height || iw < 0 || iw >= c.width) continue;
              sum += x(r, ch * c.height * c.width + ih * c.width + iw);
              ++inside;
            }
          y(r, ch * ho * wo + i * wo + j) =
              static_cast<float>(sum / (c.count_include_pad ? static_cast<double>(c.kernel * c.kernel) : inside));
        }
  return y;
}

const std::vector<Config> kConfigs = {
    {2, 1, 2, 0, 0, 4, 4, true},  {3, 2, 2, 1, 0, 5, 5, true},  {2, 2, 3, 2, 1, 5, 5, true},
    {2, 2, 3, 2, 1, 5, 5, false}, {2, 3, 3, 1, 1, 4, 6, false}, {1, 1, 3, 0, 1, 3, 3, true},
    {2, 2, 2, 2, 1, 5, 3, false},
};

void check(const nt::GradcheckResult& r) {
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}
}  // namespace

BOOST_AUTO_TEST_CASE(build_returns_pooled_columns_and_has_no_parameters) {
  Rng rng(1);
  auto pool = nt::make_layer("avg_pool2d", {{"channels", 3}, {"kernel_size", 2}});
  BOOST_TEST(pool->build(3 * 8 * 8, rng) == 3 * 4 * 4);
  BOOST_TEST(pool->parameters().empty());
}

BOOST_AUTO_TEST_CASE(invalid_settings_are_errors) {
  BOOST_CHECK_THROW(nt::make_layer("avg_pool2d", {{"kernel_size", 2}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("avg_pool2d", {{"channels", 1}, {"kernel_size", 3}, {"padding", 2}}),
                    neurite::Error);
  Rng rng(1);
  auto too_big = nt::make_layer("avg_pool2d", {{"channels", 1}, {"kernel_size", 4}});
  BOOST_CHECK_THROW(too_big->build(3 * 3, rng), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(forward_matches_the_definition) {
  for (const Config& c : kConfigs) {
    BOOST_TEST_CONTEXT("C " << c.channels << " k " << c.kernel << " s " << c.stride << " pad " << c.padding << " "
                            << c.height << "x" << c.width << " count_include_pad " << c.count_include_pad) {
      auto pool = make(c);
      Rng rng(1);
      BOOST_TEST(pool->build(c.channels * c.height * c.width, rng) ==
                 c.channels * out_size(c.height, c) * out_size(c.width, c));
      const Matrix x = nt::random_matrix(c.rows, c.channels * c.height * c.width, 2);
      Workspace ws;
      pool->reserve(ws, c.rows);
      const Matrix y = pool->forward(x, ws);
      BOOST_TEST((y - direct_avg_pool(x, c)).cwiseAbs().maxCoeff() <= 1e-6f);
    }
  }
}

BOOST_AUTO_TEST_CASE(count_include_pad_divides_corners_by_k_squared) {
  // 2x2 image of ones, k 3, stride 1, padding 1: every window holds the 4 ones.
  Rng rng(1);
  for (bool include : {true, false}) {
    auto pool = nt::make_layer("avg_pool2d", {{"channels", 1}, {"kernel_size", 3}, {"stride", 1}, {"padding", 1},
                                              {"count_include_pad", include}});
    BOOST_TEST(pool->build(4, rng) == 4);
    Workspace ws;
    pool->reserve(ws, 1);
    const Matrix y = pool->forward(Matrix::Ones(1, 4), ws);
    BOOST_TEST((y.array() == (include ? 4.0f / 9.0f : 1.0f)).all());
    const Matrix dx = pool->backward(Matrix::Ones(1, 4), ws);
    BOOST_TEST((dx.array() - (include ? 4.0f / 9.0f : 1.0f)).abs().maxCoeff() <= 1e-6f);
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  for (const Config& c : kConfigs) {
    BOOST_TEST_CONTEXT("C " << c.channels << " k " << c.kernel << " s " << c.stride << " pad " << c.padding << " "
                            << c.height << "x" << c.width << " count_include_pad " << c.count_include_pad) {
      auto pool = make(c);
      Rng rng(1);
      pool->build(c.channels * c.height * c.width, rng);
      Matrix x = nt::random_matrix(c.rows, c.channels * c.height * c.width, 3);
      x(0, 0) = 0.0f;  // edge values
      x(0, 1) = 50.0f;
      check(nt::gradcheck_layer(*pool, x, {.label = "avg_pool2d"}));
    }
  }
}

#include "../count_allocations.hpp"

BOOST_AUTO_TEST_CASE(forward_and_backward_do_not_allocate_after_reserve) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  auto pool = nt::make_layer("avg_pool2d", {{"channels", 6}, {"kernel_size", 2}});
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
