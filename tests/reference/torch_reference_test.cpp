// Compares the built-in plugins with PyTorch 1.13 on the values that
// make_reference.py recorded in torch_reference.txt (forward values,
// gradients, optimizer trajectories), all float32.
#define BOOST_TEST_MODULE torch_reference
#include <boost/test/unit_test.hpp>

#include <neurite/testing/plugins.hpp>

#include "reference/reference_cases.hpp"

#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Index;
using neurite::Matrix;

using namespace neurite::testing::reference;

BOOST_AUTO_TEST_CASE(activations_match_pytorch) {
  const auto cases = load_cases("activation");
  BOOST_TEST(cases.size() == 5u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto act = nt::builtin_registry().make_activation(c.spec);
      const Matrix& z = c.at("z");
      Matrix a(z.rows(), z.cols()), dz(z.rows(), z.cols());
      act->forward(z, a);
      act->backward(z, a, c.at("da"), dz);
      BOOST_TEST(error(a, c.at("a")) <= 1e-6);
      BOOST_TEST(error(dz, c.at("dz")) <= 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(dense_matches_torch_nn_linear) {
  const auto cases = load_cases("layer");
  BOOST_TEST(cases.size() == 2u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto layer = nt::builtin_registry().make_layer(c.spec);
      neurite::Rng rng(0);
      const Matrix& x = c.at("x");
      layer->build(x.cols(), rng);
      auto params = layer->parameters();
      const bool bias = params.size() == 2;
      params[0].value() = c.at("weight");
      if (bias) params[1].value() = c.at("bias");
      neurite::Workspace ws;
      layer->reserve(ws, x.rows());
      std::vector<Matrix> grads;
      std::vector<neurite::MatrixMap> maps;
      for (const auto& p : params) grads.push_back(Matrix::Zero(p.rows, p.cols));
      for (auto& g : grads) maps.emplace_back(g.data(), g.rows(), g.cols());
      ws.bind_gradients(maps);
      const Matrix y = layer->forward(x, ws);
      const Matrix dx = layer->backward(c.at("dy"), ws);
      BOOST_TEST(error(y, c.at("y")) <= 1e-6);
      BOOST_TEST(error(dx, c.at("dx")) <= 1e-6);
      BOOST_TEST(error(grads[0], c.at("dweight")) <= 1e-6);
      if (bias) BOOST_TEST(error(grads[1], c.at("dbias")) <= 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(losses_match_pytorch_mean_reduction_times_divisor) {
  const auto cases = load_cases("loss");
  BOOST_TEST(cases.size() == 3u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto loss = nt::builtin_registry().make_loss(c.spec);
      const Matrix &pred = c.at("pred"), &target = c.at("target");
      const double want = c.at("sum")(0, 0);
      BOOST_TEST(std::abs(loss->sum(pred, target) - want) <= 1e-5 * std::max(1.0, std::abs(want)));
      Matrix d(pred.rows(), pred.cols());
      loss->gradient(pred, target, 1.0f, d);
      BOOST_TEST(error(d, c.at("dsum")) <= 1e-5);
    }
  }
}

BOOST_AUTO_TEST_CASE(optimizers_follow_pytorch_trajectories) {
  const auto cases = load_cases("optimizer");
  BOOST_TEST(cases.size() == 7u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto opt = nt::builtin_registry().make_optimizer(c.spec);
      Matrix w = c.at("weight"), b = c.at("bias");
      Matrix gw(w.rows(), w.cols()), gb(b.rows(), b.cols());
      const std::vector<neurite::ParamView> views = {{"weight", w.data(), w.rows(), w.cols(), true},
                                                     {"bias", b.data(), b.rows(), b.cols(), true}};
      const std::vector<neurite::ParamSlot> slots = {{views[0], gw.data()}, {views[1], gb.data()}};
      opt->bind(views);
      for (int k = 0; k < 6; ++k) {
        const std::string s = std::to_string(k);
        gw = c.at("grad_weight." + s);
        gb = c.at("grad_bias." + s);
        opt->step(slots);
        BOOST_TEST_INFO("after step " << k + 1);
        BOOST_TEST(error(w, c.at("weight." + s)) <= 1e-6);
        BOOST_TEST_INFO("after step " << k + 1);
        BOOST_TEST(error(b, c.at("bias." + s)) <= 1e-6);
      }
    }
  }
}
