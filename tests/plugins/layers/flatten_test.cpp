// Mirrors plugins/layers/flatten.cpp; loads it through the registry.
#define BOOST_TEST_MODULE flatten
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <limits>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;
using neurite::Rng;
using neurite::Workspace;

BOOST_AUTO_TEST_CASE(keeps_the_columns_and_has_no_parameters) {
  auto layer = nt::make_layer("flatten");
  Rng rng(1);
  BOOST_TEST(layer->build(3 * 4 * 4, rng) == 3 * 4 * 4);
  BOOST_TEST(layer->parameters().empty());
  BOOST_CHECK_THROW(nt::make_layer("flatten", {{"start_dim", 1}}), neurite::Error);  // no parameters
}

BOOST_AUTO_TEST_CASE(forward_and_backward_are_the_identity_in_the_workspace) {
  auto layer = nt::make_layer("flatten");
  Rng rng(1);
  layer->build(5, rng);
  Matrix x = nt::random_matrix(3, 5, 2);
  x(0, 0) = 0.0f, x(0, 1) = std::numeric_limits<float>::max(), x(0, 2) = -std::numeric_limits<float>::infinity();
  const Matrix dy = nt::random_matrix(3, 5, 3);
  Workspace ws;
  layer->reserve(ws, 8);
  for (bool training : {true, false}) {
    ws.set_training(training);
    const auto y = layer->forward(x, ws);
    BOOST_TEST((y.array() == x.array()).all());
    BOOST_TEST(y.data() != x.data());  // a view into the workspace, as the Layer contract says
    BOOST_TEST((layer->backward(dy, ws).array() == dy.array()).all());
  }
  ws.set_input_gradient_needed(false);
  layer->forward(x, ws);
  BOOST_TEST(layer->backward(dy, ws).rows() == 0);
}

BOOST_AUTO_TEST_CASE(backward_matches_central_differences) {
  auto layer = nt::make_layer("flatten");
  Rng rng(1);
  layer->build(6, rng);
  Matrix x = nt::random_matrix(4, 6, 4);
  x(0, 0) = 0.0f, x(0, 1) = 100.0f;
  const auto r = nt::gradcheck_layer(*layer, x, {.label = "flatten"});
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
}
