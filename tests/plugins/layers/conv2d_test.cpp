// Mirrors plugins/layers/conv2d.cpp; loads it through the registry. The
// comparison with torch.nn.Conv2d is in tests/reference/layers_reference_test.cpp.
#define BOOST_TEST_MODULE conv2d
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using neurite::MatrixMap;
using neurite::Rng;
using neurite::Workspace;

namespace {
struct Config {
  Index rows, in_channels, out_channels, kernel, stride, padding, dilation, height, width;
  bool bias;
};

std::shared_ptr<neurite::Layer> make(const Config& c) {
  return nt::make_layer("conv2d", {{"in_channels", static_cast<int>(c.in_channels)},
                                   {"out_channels", static_cast<int>(c.out_channels)},
                                   {"kernel_size", static_cast<int>(c.kernel)},
                                   {"stride", static_cast<int>(c.stride)},
                                   {"padding", static_cast<int>(c.padding)},
                                   {"dilation", static_cast<int>(c.dilation)},
                                   {"use_bias", c.bias},
                                   {"height", static_cast<int>(c.height)},
                                   {"width", static_cast<int>(c.width)}});
}

Index out_size(Index size, const Config& c) {
  return (size + 2 * c.padding - c.dilation * (c.kernel - 1) - 1) / c.stride + 1;
}

// The definition, term by term, in double: y[o][i][j] = b[o] + sum W[o][c][p][q] x[c][..][..].
Matrix direct_convolution(const Matrix& x, const Matrix& w, const Matrix* b, const Config& c) {
  const Index ho = out_size(c.height, c), wo = out_size(c.width, c), k = c.kernel;
  Matrix y(x.rows(), c.out_channels * ho * wo);
  for (Index r = 0; r < x.rows(); ++r)
    for (Index o = 0; o < c.out_channels; ++o)
      for (Index i = 0; i < ho; ++i)
        for (Index j = 0; j < wo; ++j) {
          double sum = b ? (*b)(0, o) : 0.0;
          for (Index ch = 0; ch < c.in_channels; ++ch)
            for (Index p = 0; p < k; ++p)
              for (Index q = 0; q < k; ++q) {
                const Index ih = i * c.stride - c.padding + p * c.dilation;
                const Index iw = j * c.stride - c.padding + q * c.dilation;
                if (ih < 0 || ih >= c.height || iw < 0 || iw >= c.width) continue;
                sum += static_cast<double>(w(o, ch * k * k + p * k + q)) *
                       x(r, ch * c.height * c.width + ih * c.width + iw);
              }
          y(r, o * ho * wo + i * wo + j) = static_cast<float>(sum);
        }
  return y;
}

// dL/dW, dL/db, dL/dx of L = sum(dy .* y), term by term in double.
struct DirectGradients {
  Matrix dw, db, dx;
};
DirectGradients direct_gradients(const Matrix& x, const Matrix& w, const Matrix& dy, const Config& c) {
  const Index ho = out_size(c.height, c), wo = out_size(c.width, c), k = c.kernel;
  Eigen::MatrixXd dw = Eigen::MatrixXd::Zero(w.rows(), w.cols()), db = Eigen::MatrixXd::Zero(1, c.out_channels),
                  dx = Eigen::MatrixXd::Zero(x.rows(), x.cols());
  for (Index r = 0; r < x.rows(); ++r)
    for (Index o = 0; o < c.out_channels; ++o)
      for (Index i = 0; i < ho; ++i)
        for (Index j = 0; j < wo; ++j) {
          const double g = dy(r, o * ho * wo + i * wo + j);
          db(0, o) += g;
          for (Index ch = 0; ch < c.in_channels; ++ch)
            for (Index p = 0; p < k; ++p)
              for (Index q = 0; q < k; ++q) {
                const Index ih = i * c.stride - c.padding + p * c.dilation;
                const Index iw = j * c.stride - c.padding + q * c.dilation;
                if (ih < 0 || ih >= c.height || iw < 0 || iw >= c.width) continue;
                const Index in = ch * c.height * c.width + ih * c.width + iw, wi = ch * k * k + p * k + q;
                dw(o, wi) += g * x(r, in);
                dx(r, in) += g * w(o, wi);
              }
        }
  return {dw.cast<float>(), db.cast<float>(), dx.cast<float>()};
}

// Stride, padding, dilation, no bias, several channels, a non-square image,
// a 1x1 kernel, an output of one position, padding wider than the kernel's reach.
const std::vector<Config> kConfigs = {
    {2, 1, 1, 3, 1, 0, 1, 5, 5, true},   {3, 2, 3, 3, 1, 0, 1, 5, 5, true},
    {2, 2, 3, 3, 2, 1, 1, 6, 6, true},   {2, 2, 2, 2, 1, 0, 2, 5, 5, true},
    {2, 2, 3, 3, 1, 1, 1, 4, 4, false},  {2, 3, 2, 3, 2, 1, 2, 5, 7, true},
    {4, 3, 5, 1, 1, 0, 1, 3, 4, true},   {2, 2, 2, 3, 1, 0, 1, 3, 3, true},
    {1, 1, 2, 2, 3, 2, 1, 3, 3, true},
};

void check(const nt::GradcheckResult& r) {
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}

struct Grads {
  std::vector<Matrix> m;
  void bind(neurite::Layer& layer, Workspace& ws, float fill = 0.0f) {
    std::vector<MatrixMap> maps;
    for (const auto& p : layer.parameters()) m.push_back(Matrix::Constant(p.rows, p.cols, fill));
    for (auto& g : m) maps.emplace_back(g.data(), g.rows(), g.cols());
    ws.bind_gradients(maps);
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(build_returns_output_columns_and_parameters_have_pytorch_shapes) {
  Rng rng(1);
  auto layer = nt::make_layer("conv2d", {{"in_channels", 2}, {"out_channels", 3}, {"kernel_size", 3}});
  BOOST_TEST(layer->build(2 * 7 * 7, rng) == 3 * 5 * 5);
  const auto params = layer->parameters();
  BOOST_TEST_REQUIRE(params.size() == 2u);
  BOOST_TEST(std::string(params[0].name) == "weight");
  BOOST_TEST(params[0].rows == 3);  // (out, in*k*k): torch's (out, in, k, k) flattened
  BOOST_TEST(params[0].cols == 2 * 3 * 3);
  BOOST_TEST(std::string(params[1].name) == "bias");
  BOOST_TEST(params[1].rows == 1);
  BOOST_TEST(params[1].cols == 3);
  auto no_bias = nt::make_layer("conv2d", {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 2},
                                           {"use_bias", false}});
  no_bias->build(9, rng);
  BOOST_TEST(no_bias->parameters().size() == 1u);
}

BOOST_AUTO_TEST_CASE(image_size_is_inferred_or_checked) {
  Rng rng(1);
  auto cfg = [](int h, int w) {
    return nt::make_layer("conv2d", {{"in_channels", 2}, {"out_channels", 1}, {"kernel_size", 3},
                                     {"height", h}, {"width", w}});
  };
  BOOST_TEST(cfg(0, 0)->build(2 * 6 * 6, rng) == 4 * 4);  // square
  BOOST_TEST(cfg(4, 0)->build(2 * 4 * 8, rng) == 2 * 6);  // width from height
  BOOST_TEST(cfg(0, 8)->build(2 * 4 * 8, rng) == 2 * 6);  // height from width
  BOOST_TEST(cfg(4, 8)->build(2 * 4 * 8, rng) == 2 * 6);
  BOOST_CHECK_THROW(cfg(0, 0)->build(2 * 4 * 8, rng), std::invalid_argument);  // not square
  BOOST_CHECK_THROW(cfg(0, 0)->build(2 * 6 * 6 + 1, rng), std::invalid_argument);  // not a multiple of channels
  BOOST_CHECK_THROW(cfg(5, 0)->build(2 * 4 * 8, rng), std::invalid_argument);  // 32 not a multiple of 5
  BOOST_CHECK_THROW(cfg(4, 7)->build(2 * 4 * 8, rng), std::invalid_argument);  // 2*4*7 != 64
  BOOST_CHECK_THROW(cfg(0, 0)->build(2 * 2 * 2, rng), std::invalid_argument);  // kernel 3 > image 2
  try {
    cfg(0, 0)->build(2 * 4 * 8, rng);
  } catch (const std::invalid_argument& e) {
    BOOST_TEST_INFO(e.what());
    BOOST_TEST(std::string(e.what()).find("64 columns") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(parameters_out_of_range_are_errors) {
  BOOST_CHECK_THROW(nt::make_layer("conv2d", {{"out_channels", 1}, {"kernel_size", 3}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("conv2d", {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 0}}),
                    neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("conv2d", {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 2},
                                              {"stride", 0}}),
                    neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("conv2d", {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 2},
                                              {"padding", -1}}),
                    neurite::Error);
}

BOOST_AUTO_TEST_CASE(forward_matches_the_definition_term_by_term) {
  for (const Config& c : kConfigs) {
    BOOST_TEST_CONTEXT("C " << c.in_channels << " O " << c.out_channels << " k " << c.kernel << " s " << c.stride
                            << " pad " << c.padding << " d " << c.dilation << " " << c.height << "x" << c.width
                            << " bias " << c.bias) {
      auto layer = make(c);
      Rng rng(3);
      const Index cols = layer->build(c.in_channels * c.height * c.width, rng);
      BOOST_TEST(cols == c.out_channels * out_size(c.height, c) * out_size(c.width, c));
      const Matrix x = nt::random_matrix(c.rows, c.in_channels * c.height * c.width, 4);
      Workspace ws;
      layer->reserve(ws, c.rows);
      const Matrix y = layer->forward(x, ws);
      const Matrix w = layer->parameters()[0].value();
      const Matrix b = c.bias ? Matrix(layer->parameters()[1].value()) : Matrix();
      const Matrix want = direct_convolution(x, w, c.bias ? &b : nullptr, c);
      BOOST_TEST((y - want).cwiseAbs().maxCoeff() <= 1e-5f);
    }
  }
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  for (const Config& c : kConfigs) {
    BOOST_TEST_CONTEXT("C " << c.in_channels << " O " << c.out_channels << " k " << c.kernel << " s " << c.stride
                            << " pad " << c.padding << " d " << c.dilation << " " << c.height << "x" << c.width
                            << " bias " << c.bias) {
      auto layer = make(c);
      Rng rng(5);
      layer->build(c.in_channels * c.height * c.width, rng);
      Matrix x = nt::random_matrix(c.rows, c.in_channels * c.height * c.width, 6);
      x(0, 0) = 0.0f;    // edge values: zero and a large magnitude
      x(0, 1) = 50.0f;
      check(nt::gradcheck_layer(*layer, x, {.label = "conv2d"}));
    }
  }
}

BOOST_AUTO_TEST_CASE(batches_of_several_chunks_match_the_definition) {
  // LeNet-sized layers: the layer works through im2col in chunks of rows
  // (1 MB of cols each: 18 rows of the first, 27 of the second), so these
  // take a full chunk and a partial one. Forward and every gradient against
  // the definition.
  for (const Config& c : {Config{20, 1, 6, 5, 1, 0, 1, 28, 28, true}, Config{29, 6, 16, 5, 1, 0, 1, 12, 12, true},
                          Config{5, 3, 4, 3, 2, 1, 2, 30, 26, true}}) {
    BOOST_TEST_CONTEXT("C " << c.in_channels << " O " << c.out_channels << " " << c.height << "x" << c.width) {
      auto layer = make(c);
      Rng rng(8);
      const Index out = layer->build(c.in_channels * c.height * c.width, rng);
      const Matrix x = nt::random_matrix(c.rows, c.in_channels * c.height * c.width, 9);
      const Matrix dy = nt::random_matrix(c.rows, out, 10);
      Workspace ws;
      layer->reserve(ws, c.rows);
      Grads g;
      g.bind(*layer, ws);
      const Matrix y = layer->forward(x, ws);
      const Matrix dx = layer->backward(dy, ws);
      const Matrix w = layer->parameters()[0].value(), b = layer->parameters()[1].value();
      const auto want = direct_gradients(x, w, dy, c);
      BOOST_TEST((y - direct_convolution(x, w, &b, c)).cwiseAbs().maxCoeff() <= 1e-5f);
      BOOST_TEST((dx - want.dx).cwiseAbs().maxCoeff() <= 1e-5f);
      // dW sums rows*L products of |x| <= 2, |dy| <= 1: relative to its size
      BOOST_TEST((g.m[0] - want.dw).cwiseAbs().maxCoeff() <= 1e-5f * std::max(1.0f, want.dw.cwiseAbs().maxCoeff()));
      BOOST_TEST((g.m[1] - want.db).cwiseAbs().maxCoeff() <= 1e-5f * std::max(1.0f, want.db.cwiseAbs().maxCoeff()));
    }
  }
}

BOOST_AUTO_TEST_CASE(input_gradient_is_the_transpose_of_forward) {
  // <dy, conv(x)> without bias is linear in x: <dy, conv(x)> = <conv^T(dy), x> for every x.
  const Config c{3, 2, 3, 3, 2, 1, 1, 7, 5, false};
  auto layer = make(c);
  Rng rng(11);
  layer->build(2 * 7 * 5, rng);
  const Matrix x = nt::random_matrix(3, 70, 12);
  Workspace ws;
  layer->reserve(ws, 3);
  Grads g;
  g.bind(*layer, ws);
  const Matrix y = layer->forward(x, ws);
  const Matrix dy = nt::random_matrix(y.rows(), y.cols(), 13);
  const Matrix dx = layer->backward(dy, ws);
  const double lhs = (dy.cast<double>().array() * y.cast<double>().array()).sum();
  const double rhs = (dx.cast<double>().array() * x.cast<double>().array()).sum();
  BOOST_TEST(std::abs(lhs - rhs) <= 1e-4 * std::max(1.0, std::abs(lhs)));
  // And dW = sum over positions of dy * patch: <dy, conv_W(x)> = <dW, W> too.
  const double wsum = (g.m[0].cast<double>().array() *
                       layer->parameters()[0].value().cast<double>().array()).sum();
  BOOST_TEST(std::abs(lhs - wsum) <= 1e-4 * std::max(1.0, std::abs(lhs)));
}

BOOST_AUTO_TEST_CASE(batches_smaller_than_reserved_rows_use_the_top_rows) {
  const Config c{5, 2, 3, 3, 1, 1, 1, 4, 4, true};
  auto layer = make(c);
  Rng rng(2);
  layer->build(32, rng);
  const Matrix x = nt::random_matrix(5, 32, 5);
  Workspace big, exact;
  layer->reserve(big, 16);
  layer->reserve(exact, 2);
  const Matrix y_big = layer->forward(x.topRows(2), big);
  const Matrix y_exact = layer->forward(x.topRows(2), exact);
  BOOST_TEST(y_big.rows() == 2);
  BOOST_TEST((y_big.array() == y_exact.array()).all());
  const Matrix y5 = layer->forward(x, big);
  BOOST_TEST((y5.topRows(2) - y_exact).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(default_init_is_torch_conv2d_reset_parameters) {
  // fan_in = in_channels * k * k = 16 * 5 * 5 = 400: W, b ~ U(-1/20, 1/20).
  Rng rng(123);
  auto layer = nt::make_layer("conv2d", {{"in_channels", 16}, {"out_channels", 250}, {"kernel_size", 5}});
  layer->build(16 * 5 * 5, rng);
  const Matrix w = layer->parameters()[0].value(), b = layer->parameters()[1].value();
  const double bound = 1.0 / 20.0, n = static_cast<double>(w.size());
  const double mean = w.cast<double>().sum() / n;
  const double var = (w.cast<double>().array() - mean).square().sum() / n;
  BOOST_TEST(std::abs(mean) <= 0.02 * bound);
  BOOST_TEST(std::abs(var / (bound * bound / 3.0) - 1.0) <= 0.03);
  BOOST_TEST(w.cwiseAbs().maxCoeff() <= bound);
  BOOST_TEST(w.cwiseAbs().maxCoeff() >= 0.999 * bound);
  BOOST_TEST(b.cwiseAbs().maxCoeff() <= bound);
  // Draw order: W row-major, then b; the same seed gives the same parameters.
  Rng expect(123);
  for (Index i = 0; i < w.size(); ++i) expect.uniform();
  for (Index i = 0; i < b.size(); ++i) BOOST_TEST(b.data()[i] == static_cast<float>(expect.uniform(-bound, bound)));
  Rng again(123);
  auto twin = nt::make_layer("conv2d", {{"in_channels", 16}, {"out_channels", 250}, {"kernel_size", 5}});
  twin->build(16 * 5 * 5, again);
  BOOST_TEST((twin->parameters()[0].value().array() == w.array()).all());
}

BOOST_AUTO_TEST_CASE(xavier_init_uses_receptive_field_fans) {
  // torch: fan_in = C*k*k = 4*9 = 36, fan_out = O*k*k = 300*9 = 2700.
  Rng rng(4);
  auto layer = nt::make_layer("conv2d", {{"in_channels", 4}, {"out_channels", 300}, {"kernel_size", 3},
                                         {"init", "xavier_uniform"}, {"bias_init", "zeros"}});
  layer->build(4 * 3 * 3, rng);
  const Matrix w = layer->parameters()[0].value();
  const double r = std::sqrt(6.0 / (36.0 + 2700.0));
  BOOST_TEST(w.cwiseAbs().maxCoeff() <= r);
  BOOST_TEST(w.cwiseAbs().maxCoeff() >= 0.999 * r);
  BOOST_TEST((layer->parameters()[1].value().array() == 0.0f).all());
}

BOOST_AUTO_TEST_CASE(first_layer_skips_the_input_gradient_but_not_the_parameter_gradients) {
  const Config c{3, 1, 4, 3, 1, 0, 1, 6, 6, true};
  auto layer = make(c);
  Rng rng(3);
  layer->build(36, rng);
  const Matrix x = nt::random_matrix(3, 36, 7);
  Workspace full, first;
  layer->reserve(full, 3);
  layer->reserve(first, 3);
  first.set_input_gradient_needed(false);
  Grads g_full, g_first;
  g_full.bind(*layer, full, 0.25f);
  g_first.bind(*layer, first, 0.25f);
  const Matrix y = layer->forward(x, full);
  const Matrix dy = nt::random_matrix(y.rows(), y.cols(), 8);
  BOOST_TEST(layer->backward(dy, full).rows() == 3);
  layer->forward(x, first);
  BOOST_TEST(layer->backward(dy, first).rows() == 0);
  BOOST_TEST((g_full.m[0].array() == g_first.m[0].array()).all());
  BOOST_TEST((g_full.m[1].array() == g_first.m[1].array()).all());
}

#include "../count_allocations.hpp"

BOOST_AUTO_TEST_CASE(forward_and_backward_do_not_allocate_after_reserve) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  // LeNet's two convolutions, 40 rows: several chunks, products on both GEMM backends.
  for (const Config& c : {Config{40, 1, 6, 5, 1, 0, 1, 28, 28, true}, Config{40, 6, 16, 5, 1, 0, 1, 12, 12, true}}) {
    auto layer = make(c);
    Rng rng(1);
    const Index out = layer->build(c.in_channels * c.height * c.width, rng);
    Workspace ws;
    layer->reserve(ws, c.rows);
    Grads g;
    g.bind(*layer, ws);
    const Matrix x = nt::random_matrix(c.rows, c.in_channels * c.height * c.width, 2);
    const Matrix dy = nt::random_matrix(c.rows, out, 3);
    for (const Index rows : {c.rows, Index{5}, Index{1}}) {
      const auto count = nt::allocations_during([&] {
        layer->forward(x.topRows(rows), ws);
        layer->backward(dy.topRows(rows), ws);
      });
      BOOST_TEST_INFO("C " << c.in_channels << ", rows " << rows);
      BOOST_TEST(count == 0u);
    }
  }
}
