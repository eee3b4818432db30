// Compares the image and utility layers with PyTorch 1.13 on the values that
// make_layers_reference.py recorded in layers_reference.txt: conv2d
// (torch.nn.Conv2d), max_pool2d, avg_pool2d, flatten, and dropout in eval
// mode. Forward values, dL/dx and the parameter gradients of L = sum(dy * y).
// Tolerance: error() <= 1e-5, i.e. |got - want| <= 1e-5 * max(1, |want|):
// float32 sums of up to 3*3*3 = 27 products (conv2d) in another order than
// torch's give differences of a few ulp (1.2e-7 relative each), well inside;
// the pools and the identities are exact or nearly so.
#define BOOST_TEST_MODULE layers_reference
#include <boost/test/unit_test.hpp>

#include <neurite/testing/plugins.hpp>

#include "reference/reference_cases.hpp"

#include <map>
#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

using namespace neurite::testing::reference;

namespace {
constexpr double kTolerance = 1e-5;

// Runs one fixture case through the plugin: build, load torch's parameters,
// forward, backward, compare.
void check_case(const Case& c) {
  auto layer = nt::builtin_registry().make_layer(c.spec);
  neurite::Rng rng(0);
  const Matrix& x = c.at("x");
  const Index cols = layer->build(x.cols(), rng);
  BOOST_TEST_REQUIRE(cols == c.at("y").cols());
  auto params = layer->parameters();
  for (auto& p : params) {
    const Matrix& value = c.at(p.name);
    BOOST_TEST_REQUIRE(value.rows() == p.rows);
    BOOST_TEST_REQUIRE(value.cols() == p.cols);
    p.value() = value;
  }
  BOOST_TEST(params.size() == static_cast<std::size_t>(c.has("weight") + c.has("bias")));
  neurite::Workspace ws;
  layer->reserve(ws, x.rows());
  ws.set_training(c.name != "dropout");  // dropout's case is torch's eval mode; the others have no mode
  std::vector<Matrix> grads;
  std::vector<neurite::MatrixMap> maps;
  for (const auto& p : params) grads.push_back(Matrix::Zero(p.rows, p.cols));
  for (auto& g : grads) maps.emplace_back(g.data(), g.rows(), g.cols());
  ws.bind_gradients(maps);
  const Matrix y = layer->forward(x, ws);
  const Matrix dx = layer->backward(c.at("dy"), ws);
  BOOST_TEST(error(y, c.at("y")) <= kTolerance);
  BOOST_TEST(error(dx, c.at("dx")) <= kTolerance);
  for (std::size_t i = 0; i < params.size(); ++i) {
    BOOST_TEST_INFO("gradient of " << params[i].name);
    BOOST_TEST(error(grads[i], c.at(std::string("d") + params[i].name)) <= kTolerance);
  }
}

void check_all(const std::string& name, std::size_t expected_cases) {
  std::size_t seen = 0;
  for (const Case& c : load_cases("layer", "layers_reference.txt")) {
    if (c.name != name) continue;
    ++seen;
    BOOST_TEST_CONTEXT(describe(c)) { check_case(c); }
  }
  BOOST_TEST(seen == expected_cases);
}
}  // namespace

BOOST_AUTO_TEST_CASE(conv2d_matches_torch_nn_conv2d) { check_all("conv2d", 7); }
BOOST_AUTO_TEST_CASE(max_pool2d_matches_torch_nn_max_pool2d) { check_all("max_pool2d", 4); }
BOOST_AUTO_TEST_CASE(avg_pool2d_matches_torch_nn_avg_pool2d) { check_all("avg_pool2d", 4); }
BOOST_AUTO_TEST_CASE(flatten_matches_torch_nn_flatten) { check_all("flatten", 1); }
BOOST_AUTO_TEST_CASE(dropout_in_eval_mode_matches_torch_nn_dropout) { check_all("dropout", 1); }
