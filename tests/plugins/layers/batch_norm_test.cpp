// Mirrors plugins/layers/batch_norm.cpp; loads it through the registry. The
// comparison with torch.nn.BatchNorm1d is in tests/training/trainer_reference_test.cpp's
// fixture (tests/reference/make_training_reference.py), read here.
#define BOOST_TEST_MODULE batch_norm
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include "reference/reference_cases.hpp"

#include <string>
#include <vector>

namespace nt = neurite::testing;
using namespace neurite;
using namespace neurite::testing::reference;

namespace {
struct Bound {
  std::vector<Matrix> grads;
  Workspace ws;
  Bound(Layer& layer, Index rows) {
    std::vector<MatrixMap> maps;
    for (const auto& p : layer.parameters()) grads.push_back(Matrix::Zero(p.rows, p.cols));
    for (auto& g : grads) maps.emplace_back(g.data(), g.rows(), g.cols());
    ws.bind_gradients(maps);
    layer.reserve(ws, rows);
  }
};

void check(const nt::GradcheckResult& r) {
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}
}  // namespace

BOOST_AUTO_TEST_CASE(parameters_running_statistics_and_whole_batch) {
  auto bn = nt::make_layer("batch_norm");
  Rng rng(1);
  BOOST_TEST(bn->build(3, rng) == 3);
  const auto params = bn->parameters();
  BOOST_TEST_REQUIRE(params.size() == 4u);
  const char* names[] = {"weight", "bias", "running_mean", "running_var"};
  for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(std::string(params[i].name) == names[i]);
  BOOST_TEST(params[0].trainable);
  BOOST_TEST(!params[2].trainable);
  BOOST_TEST(!params[3].trainable);
  BOOST_TEST(bn->needs_whole_batch());
  auto plain = nt::make_layer("batch_norm", {{"affine", false}});
  plain->build(3, rng);
  BOOST_TEST(plain->parameters().size() == 2u);
}

BOOST_AUTO_TEST_CASE(gradients_pass_finite_differences_in_training_and_evaluation) {
  for (bool affine : {true, false}) {
    auto bn = nt::make_layer("batch_norm", {{"affine", affine}});
    Rng rng(2);
    bn->build(4, rng);
    if (affine) {  // away from the initial 1 and 0 so that a wrong product shows
      bn->parameters()[0].value().setConstant(1.3f);
      bn->parameters()[1].value().setConstant(-0.2f);
    }
    const Matrix x = nt::random_matrix(6, 4, 3) * 2.0f;
    check(nt::gradcheck_layer(*bn, x));  // training mode (batch statistics)
  }
}

BOOST_AUTO_TEST_CASE(matches_torch_batchnorm1d) {
  const auto cases = load_cases("batch_norm", "training_reference.txt");
  BOOST_TEST(cases.size() == 2u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto bn = nt::builtin_registry().make_layer(c.spec);
      Rng rng(1);
      bn->build(c.at("x").cols(), rng);
      auto params = bn->parameters();
      const bool affine = params.size() == 4;
      const std::size_t stats = affine ? 2 : 0;
      if (affine) {
        params[0].value() = c.at("weight");
        params[1].value() = c.at("bias");
      }
      params[stats].value() = c.at("running_mean");
      params[stats + 1].value() = c.at("running_var");
      Bound b(*bn, 6);
      const Matrix y = bn->forward(c.at("x"), b.ws);
      const Matrix dx = bn->backward(c.at("dy"), b.ws);
      BOOST_TEST(error(y, c.at("y")) <= 1e-5);
      BOOST_TEST(error(dx, c.at("dx")) <= 1e-5);
      if (affine) {
        BOOST_TEST(error(b.grads[0], c.at("dweight")) <= 1e-5);
        BOOST_TEST(error(b.grads[1], c.at("dbias")) <= 1e-5);
      }
      BOOST_TEST(error(params[stats].value(), c.at("running_mean_after")) <= 1e-6);
      BOOST_TEST(error(params[stats + 1].value(), c.at("running_var_after")) <= 1e-6);
      b.ws.set_training(false);
      const Matrix y_eval = bn->forward(c.at("x_eval"), b.ws);
      BOOST_TEST(error(y_eval, c.at("y_eval")) <= 1e-5);
    }
  }
}

BOOST_AUTO_TEST_CASE(evaluation_uses_running_statistics_and_leaves_them_alone) {
  auto bn = nt::make_layer("batch_norm");
  Rng rng(1);
  bn->build(2, rng);
  auto params = bn->parameters();
  params[2].value() << 1.0f, -1.0f;  // running_mean
  params[3].value() << 4.0f, 0.25f;  // running_var
  Bound b(*bn, 2);
  b.ws.set_training(false);
  const Matrix x = (Matrix(2, 2) << 3.0f, -1.0f, 1.0f, 0.0f).finished();
  const Matrix y = bn->forward(x, b.ws);
  BOOST_TEST(std::abs(y(0, 0) - 2.0f / std::sqrt(4.0f + 1e-5f)) <= 1e-6f);
  BOOST_TEST(std::abs(y(1, 1) - 1.0f / std::sqrt(0.25f + 1e-5f)) <= 1e-5f);
  BOOST_TEST(params[2].value()(0, 0) == 1.0f);
  BOOST_TEST(params[3].value()(0, 1) == 0.25f);
}
