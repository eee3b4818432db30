// Mirrors plugins/layers/dense.cpp; loads it through the registry.
#define BOOST_TEST_MODULE dense
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using neurite::MatrixMap;
using neurite::Rng;
using neurite::Workspace;

namespace {
// Gradient buffers a trainer would own, bound to a workspace.
struct Grads {
  std::vector<Matrix> m;
  void bind(neurite::Layer& layer, Workspace& ws, float fill = 0.0f) {
    std::vector<MatrixMap> maps;
    for (const auto& p : layer.parameters()) m.push_back(Matrix::Constant(p.rows, p.cols, fill));
    for (auto& g : m) maps.emplace_back(g.data(), g.rows(), g.cols());
    ws.bind_gradients(maps);
  }
};

Matrix weights_of(neurite::Layer& layer, std::size_t i = 0) { return layer.parameters()[i].value(); }

void check(const nt::GradcheckResult& r) {
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}
}  // namespace

BOOST_AUTO_TEST_CASE(build_returns_units_and_parameters_have_pytorch_names_and_shapes) {
  Rng rng(1);
  auto layer = nt::make_layer("dense", {{"units", 3}});
  BOOST_TEST(layer->build(4, rng) == 3);
  const auto params = layer->parameters();
  BOOST_TEST_REQUIRE(params.size() == 2u);
  BOOST_TEST(std::string(params[0].name) == "weight");
  BOOST_TEST(params[0].rows == 3);  // (out, in) as torch.nn.Linear
  BOOST_TEST(params[0].cols == 4);
  BOOST_TEST(std::string(params[1].name) == "bias");
  BOOST_TEST(params[1].rows == 1);
  BOOST_TEST(params[1].cols == 3);
  BOOST_TEST(params[0].trainable);
}

BOOST_AUTO_TEST_CASE(use_bias_false_has_only_a_weight) {
  Rng rng(1);
  auto layer = nt::make_layer("dense", {{"units", 2}, {"use_bias", false}});
  layer->build(5, rng);
  BOOST_TEST_REQUIRE(layer->parameters().size() == 1u);
  BOOST_TEST(std::string(layer->parameters()[0].name) == "weight");
}

BOOST_AUTO_TEST_CASE(units_is_required_and_at_least_one) {
  BOOST_CHECK_THROW(nt::make_layer("dense"), neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("dense", {{"units", 0}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("dense", {{"units", 2}, {"init", "glorot"}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(forward_computes_x_times_weight_transposed_plus_bias) {
  Rng rng(1);
  auto layer = nt::make_layer("dense", {{"units", 2}});
  layer->build(3, rng);
  auto params = layer->parameters();
  params[0].value() << 0.1f, 0.2f, 0.3f, -0.5f, 0.4f, 0.0f;
  params[1].value() << 0.01f, -0.02f;
  const Matrix x = (Matrix(2, 3) << 1.0f, 2.0f, 3.0f, -1.0f, 0.0f, 0.5f).finished();
  Workspace ws;
  layer->reserve(ws, 2);
  const Matrix y = layer->forward(x, ws);
  const Matrix want = (Matrix(2, 2) << 1.41f, 0.28f, 0.06f, 0.48f).finished();
  BOOST_TEST_REQUIRE(y.rows() == 2);
  BOOST_TEST_REQUIRE(y.cols() == 2);
  BOOST_TEST((y - want).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(batches_smaller_than_reserved_rows_use_the_top_rows) {
  Rng rng(2);
  auto layer = nt::make_layer("dense", {{"units", 4}});
  layer->build(3, rng);
  const Matrix x = nt::random_matrix(3, 3, 5);
  Workspace big, exact;
  layer->reserve(big, 16);
  layer->reserve(exact, 3);
  const Matrix y_big = layer->forward(x, big);
  const Matrix y_exact = layer->forward(x, exact);
  BOOST_TEST(y_big.rows() == 3);
  BOOST_TEST((y_big.array() == y_exact.array()).all());
  // The same rows in a bigger batch give the same outputs.
  Matrix x2(5, 3);
  x2 << x, nt::random_matrix(2, 3, 6);
  const Matrix y2 = layer->forward(x2, big);
  BOOST_TEST((y2.topRows(3) - y_exact).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(backward_matches_hand_formula_and_adds_to_parameter_gradients) {
  Rng rng(3);
  auto layer = nt::make_layer("dense", {{"units", 2}});
  layer->build(3, rng);
  const Matrix x = nt::random_matrix(4, 3, 7), dy = nt::random_matrix(4, 2, 8);
  Workspace ws;
  layer->reserve(ws, 4);
  Grads g;
  g.bind(*layer, ws, /*fill=*/0.5f);
  layer->forward(x, ws);
  const Matrix dx1 = layer->backward(dy, ws);
  const Matrix w = weights_of(*layer);
  for (Index r = 0; r < 4; ++r)
    for (Index i = 0; i < 3; ++i) {
      double want = 0.0;
      for (Index o = 0; o < 2; ++o) want += static_cast<double>(dy(r, o)) * w(o, i);
      BOOST_TEST(std::abs(dx1(r, i) - want) <= 1e-5);
    }
  for (Index o = 0; o < 2; ++o) {
    double db = 0.5;
    for (Index r = 0; r < 4; ++r) db += dy(r, o);
    BOOST_TEST(std::abs(g.m[1](0, o) - db) <= 1e-5);
    for (Index i = 0; i < 3; ++i) {
      double dw = 0.5;
      for (Index r = 0; r < 4; ++r) dw += static_cast<double>(dy(r, o)) * x(r, i);
      BOOST_TEST(std::abs(g.m[0](o, i) - dw) <= 1e-5);
    }
  }
  // A second backward adds the same gradient again and assigns dx again.
  const Matrix g0 = g.m[0], g1 = g.m[1];
  layer->forward(x, ws);
  const Matrix dx2 = layer->backward(dy, ws);
  BOOST_TEST((dx2.array() == dx1.array()).all());
  BOOST_TEST(((g.m[0] - g0) - (g0 - Matrix::Constant(2, 3, 0.5f))).cwiseAbs().maxCoeff() <= 1e-5f);
  BOOST_TEST(((g.m[1] - g1) - (g1 - Matrix::Constant(1, 2, 0.5f))).cwiseAbs().maxCoeff() <= 1e-5f);
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  struct Case {
    Index rows, in, units;
    bool bias;
    const char* init;
  };
  for (const Case& c : {Case{5, 4, 3, true, "default"}, Case{1, 1, 1, true, "xavier_uniform"},
                        Case{6, 7, 2, false, "kaiming_normal"}, Case{3, 2, 5, true, "xavier_normal"}}) {
    BOOST_TEST_CONTEXT("rows " << c.rows << ", in " << c.in << ", units " << c.units << ", bias " << c.bias) {
      Rng rng(10);
      auto layer = nt::make_layer("dense", {{"units", static_cast<int>(c.units)}, {"use_bias", c.bias},
                                            {"init", c.init}});
      layer->build(c.in, rng);
      check(nt::gradcheck_layer(*layer, nt::random_matrix(c.rows, c.in, 11), {.label = "dense"}));
    }
  }
}

BOOST_AUTO_TEST_CASE(same_seed_gives_identical_parameters_and_another_seed_differs) {
  auto make = [](std::uint64_t seed, const char* init) {
    Rng rng(seed);
    auto layer = nt::make_layer("dense", {{"units", 5}, {"init", init}});
    layer->build(4, rng);
    return std::pair{weights_of(*layer, 0), weights_of(*layer, 1)};
  };
  for (const char* init : {"default", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
                           "lecun_normal", "normal", "uniform"}) {
    BOOST_TEST_CONTEXT("init " << init) {
      const auto a = make(7, init), b = make(7, init), c = make(8, init);
      BOOST_TEST((a.first.array() == b.first.array()).all());
      BOOST_TEST((a.second.array() == b.second.array()).all());
      BOOST_TEST((a.first.array() != c.first.array()).any());
    }
  }
}

BOOST_AUTO_TEST_CASE(draws_weights_in_row_major_order_then_bias) {
  Rng rng(5);
  auto layer = nt::make_layer("dense", {{"units", 2}});
  layer->build(3, rng);
  Rng expect(5);
  const double bound = 1.0 / std::sqrt(3.0);
  const Matrix w = weights_of(*layer, 0), b = weights_of(*layer, 1);
  for (Index i = 0; i < 6; ++i) BOOST_TEST(w.data()[i] == static_cast<float>(expect.uniform(-bound, bound)));
  for (Index i = 0; i < 2; ++i) BOOST_TEST(b.data()[i] == static_cast<float>(expect.uniform(-bound, bound)));
}

// Statistics of 100,000 weights (in = 400, out = 250); bounds are several
// standard errors wide, and the seed is fixed, so the test is not flaky.
BOOST_AUTO_TEST_CASE(weight_init_matches_pytorch_bounds_and_variance) {
  const double in = 400, out = 250;
  struct Case {
    const char* init;
    bool uniform;
    double scale;  // uniform: bound r; normal: standard deviation
  };
  const Case cases[] = {
      {"default", true, 1.0 / std::sqrt(in)},
      {"xavier_uniform", true, std::sqrt(6.0 / (in + out))},
      {"xavier_normal", false, std::sqrt(2.0 / (in + out))},
      {"kaiming_uniform", true, std::sqrt(6.0 / in)},
      {"kaiming_normal", false, std::sqrt(2.0 / in)},
      {"lecun_normal", false, std::sqrt(1.0 / in)},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("init " << c.init) {
      Rng rng(123);
      auto layer = nt::make_layer("dense", {{"units", 250}, {"init", c.init}});
      layer->build(400, rng);
      const Matrix w = weights_of(*layer);
      const double n = static_cast<double>(w.size());
      const double mean = w.cast<double>().sum() / n;
      const double var = (w.cast<double>().array() - mean).square().sum() / n;
      const double want_var = c.uniform ? c.scale * c.scale / 3.0 : c.scale * c.scale;
      const double max_abs = w.cwiseAbs().maxCoeff();
      BOOST_TEST(std::abs(mean) <= 0.02 * std::sqrt(want_var));
      BOOST_TEST(std::abs(var / want_var - 1.0) <= 0.03);
      if (c.uniform) {
        BOOST_TEST(max_abs <= c.scale);
        BOOST_TEST(max_abs >= 0.999 * c.scale);
        const double inside_half = (w.cwiseAbs().array() < 0.5 * c.scale).cast<double>().sum() / n;
        BOOST_TEST(std::abs(inside_half - 0.5) <= 0.01);
      } else {
        const double inside_1sd = (w.cwiseAbs().array() < c.scale).cast<double>().sum() / n;
        BOOST_TEST(std::abs(inside_1sd - 0.6827) <= 0.01);
        BOOST_TEST(max_abs <= 6.0 * c.scale);
      }
      // The default bias init is nn.Linear's whatever the weight init.
      const Matrix b = weights_of(*layer, 1);
      BOOST_TEST(b.cwiseAbs().maxCoeff() <= 1.0 / std::sqrt(in));
      BOOST_TEST(b.cwiseAbs().maxCoeff() > 0.0f);
    }
  }
}

BOOST_AUTO_TEST_CASE(zeros_init_and_zeros_bias_init_give_zeros) {
  Rng rng(9);
  auto layer = nt::make_layer("dense", {{"units", 3}, {"init", "zeros"}, {"bias_init", "zeros"}});
  layer->build(4, rng);
  BOOST_TEST((weights_of(*layer, 0).array() == 0.0f).all());
  BOOST_TEST((weights_of(*layer, 1).array() == 0.0f).all());
  // Nothing was drawn: the caller's stream is untouched.
  BOOST_TEST(rng.next_u64() == Rng(9).next_u64());
}

BOOST_AUTO_TEST_CASE(bias_init_zeros_keeps_the_weight_stream) {
  Rng r1(4), r2(4);
  auto a = nt::make_layer("dense", {{"units", 3}});
  auto b = nt::make_layer("dense", {{"units", 3}, {"bias_init", "zeros"}});
  a->build(4, r1);
  b->build(4, r2);
  BOOST_TEST((weights_of(*a, 0).array() == weights_of(*b, 0).array()).all());
  BOOST_TEST((weights_of(*b, 1).array() == 0.0f).all());
}

// nn.init.normal_ / uniform_ with their own numbers, and their defaults
// (N(0, 1), U(0, 1)); same sample size and bounds as above.
BOOST_AUTO_TEST_CASE(normal_and_uniform_init_use_their_parameters_and_torch_defaults) {
  struct Case {
    std::vector<nt::Setting> settings;
    bool uniform;
    double a, b;  // normal: mean, std; uniform: low, high
  };
  const Case cases[] = {
      {{{"init", "normal"}}, false, 0.0, 1.0},
      {{{"init", "normal"}, {"init_mean", 0.5}, {"init_std", 0.02}}, false, 0.5, 0.02},
      {{{"init", "uniform"}}, true, 0.0, 1.0},
      {{{"init", "uniform"}, {"init_low", -3.0}, {"init_high", -1.0}}, true, -3.0, -1.0},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.settings[0].text << " " << c.a << " " << c.b) {
      neurite::ComponentSpec spec = nt::component_spec("dense", {{"units", 250}});
      for (const auto& s : c.settings) spec.params.push_back({s.key, s.text, spec.where});
      auto layer = nt::builtin_registry().make_layer(spec);
      Rng rng(321);
      layer->build(400, rng);
      const Matrix w = weights_of(*layer);
      const double n = static_cast<double>(w.size());
      const double mean = w.cast<double>().sum() / n;
      const double sd = std::sqrt((w.cast<double>().array() - mean).square().sum() / n);
      const double want_mean = c.uniform ? (c.a + c.b) / 2 : c.a;
      const double want_sd = c.uniform ? (c.b - c.a) / std::sqrt(12.0) : c.b;
      BOOST_TEST(std::abs(mean - want_mean) <= 0.02 * want_sd);
      BOOST_TEST(std::abs(sd / want_sd - 1.0) <= 0.015);
      if (c.uniform) {
        BOOST_TEST(w.minCoeff() >= c.a);
        BOOST_TEST(w.maxCoeff() <= c.b);
        BOOST_TEST(w.minCoeff() <= c.a + 0.001 * (c.b - c.a));
        BOOST_TEST(w.maxCoeff() >= c.b - 0.001 * (c.b - c.a));
      } else {
        const double inside_1sd = ((w.cast<double>().array() - c.a).abs() < c.b).cast<double>().sum() / n;
        BOOST_TEST(std::abs(inside_1sd - 0.6827) <= 0.01);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(constant_init_sets_every_weight_and_draws_nothing_for_them) {
  Rng rng(6);
  auto layer = nt::make_layer("dense", {{"units", 3}, {"init", "constant"}, {"init_value", 0.25}});
  layer->build(4, rng);
  BOOST_TEST((weights_of(*layer, 0).array() == 0.25f).all());
  // The bias (default init) is the first draw of the stream.
  Rng expect(6);
  const Matrix b = weights_of(*layer, 1);
  for (Index i = 0; i < 3; ++i) BOOST_TEST(b.data()[i] == static_cast<float>(expect.uniform(-0.5, 0.5)));
  auto zero = nt::make_layer("dense", {{"units", 2}, {"init", "constant"}});  // init_value defaults to 0
  zero->build(2, rng);
  BOOST_TEST((weights_of(*zero, 0).array() == 0.0f).all());
}

BOOST_AUTO_TEST_CASE(init_parameters_out_of_range_are_errors) {
  BOOST_CHECK_THROW(nt::make_layer("dense", {{"units", 2}, {"init", "normal"}, {"init_std", -1.0}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("dense", {{"units", 2}, {"init", "uniform"}, {"init_low", 1.0},
                                             {"init_high", 0.0}}),
                    neurite::Error);
  BOOST_CHECK_THROW(nt::make_layer("dense", {{"units", 2}, {"init", "he_normal"}}), neurite::Error);
}

#include "../count_allocations.hpp"

BOOST_AUTO_TEST_CASE(forward_and_backward_do_not_allocate_after_reserve) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  volatile Index size = 50;  // the counter itself works: a Matrix allocates
  Matrix sink;
  BOOST_TEST(nt::allocations_during([&] { sink = Matrix::Ones(size, size); }) > 0u);
  for (const Index in : {3, 96}) {  // small products and Eigen's blocked GEMM path
    Rng rng(1);
    auto layer = nt::make_layer("dense", {{"units", static_cast<int>(in) + 1}});
    layer->build(in, rng);
    Workspace ws;
    layer->reserve(ws, 64);
    Grads g;
    g.bind(*layer, ws);
    const Matrix x = nt::random_matrix(64, in, 2);
    const Matrix dy = nt::random_matrix(64, in + 1, 3);
    for (const Index rows : {64, 17, 1}) {
      const auto count = nt::allocations_during([&] {
        layer->forward(x.topRows(rows), ws);
        layer->backward(dy.topRows(rows), ws);
      });
      BOOST_TEST_INFO("in " << in << ", rows " << rows);
      BOOST_TEST(count == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(first_layer_skips_the_input_gradient_but_not_the_parameter_gradients) {
  Rng rng(3);
  auto layer = nt::make_layer("dense", {{"units", 5}});
  layer->build(4, rng);
  const Matrix x = nt::random_matrix(6, 4, 7), dy = nt::random_matrix(6, 5, 8);
  Workspace full, first;
  layer->reserve(full, 6);
  layer->reserve(first, 6);
  first.set_input_gradient_needed(false);
  Grads g_full, g_first;
  g_full.bind(*layer, full, 0.25f);
  g_first.bind(*layer, first, 0.25f);
  layer->forward(x, full);
  BOOST_TEST(layer->backward(dy, full).rows() == 6);
  layer->forward(x, first);
  BOOST_TEST(layer->backward(dy, first).rows() == 0);
  BOOST_TEST((g_full.m[0].array() == g_first.m[0].array()).all());
  BOOST_TEST((g_full.m[1].array() == g_first.m[1].array()).all());
}
