// Mirrors framework/src/training/trainer.cpp against PyTorch: three
// full-batch SGD steps of a 2-3-2 tanh network with `reduction: sum`,
// per-layer L1/L2 penalties and gradient clipping give the weights and losses
// that torch (loss + penalties, clip_grad_norm_ / clip_grad_value_, SGD) gives
// (fixture: tests/reference/make_training_reference.py). Tolerance 1e-5
// relative/absolute: float32 forward/backward over three steps.
#define BOOST_TEST_MODULE trainer_reference
#include <boost/test/unit_test.hpp>

#include <neurite/network/network.hpp>
#include <neurite/testing/plugins.hpp>
#include <neurite/training/trainer.hpp>

#include "reference/reference_cases.hpp"

#include <string>

namespace nt = neurite::testing;
using namespace neurite;
using namespace neurite::testing::reference;

namespace {
double number(const Case& c, const std::string& key) {
  const std::string text = c.setting(key, "0");
  return std::stod(text);
}
}  // namespace

BOOST_AUTO_TEST_CASE(reduction_penalties_and_clipping_match_pytorch) {
  const auto cases = load_cases("training", "training_reference.txt");
  BOOST_TEST(cases.size() == 6u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      Network network;
      network.add_layer("dense", nt::make_layer("dense", {{"units", 3}}));
      network.set_penalties(number(c, "l1_0"), number(c, "l2_0"));
      network.add_activation("tanh", nt::make_activation("tanh"));
      network.add_layer("dense", nt::make_layer("dense", {{"units", 2}}));
      network.set_penalties(number(c, "l1_2"), number(c, "l2_2"));
      network.build(2, Rng(1));
      auto p0 = network.layer(0).parameters();
      auto p2 = network.layer(2).parameters();
      p0[0].value() = c.at("w0");
      p0[1].value() = c.at("b0");
      p2[0].value() = c.at("w2");
      p2[1].value() = c.at("b2");

      const auto loss = nt::make_loss("softmax_cross_entropy");
      const auto sgd = nt::make_optimizer("sgd", {{"learning_rate", 0.1}});
      TrainingSpec spec;
      spec.epochs = 3;
      spec.batch_size = 6;
      spec.shuffle = false;
      spec.loss_reduction = c.setting("reduction") == "sum" ? LossReduction::sum : LossReduction::mean;
      spec.clip_grad_norm = number(c, "clip_grad_norm");
      spec.clip_grad_value = number(c, "clip_grad_value");
      Trainer trainer(network, *loss, *sgd, spec, Rng(2));

      Dataset data;
      data.features = c.at("x");
      data.num_classes = 2;
      for (Index r = 0; r < c.at("labels").cols(); ++r) data.labels.push_back(static_cast<int>(c.at("labels")(0, r)));
      // The epoch's train_loss is a mean over the loss's terms: torch's sum-reduced
      // loss divided by the 6 rows.
      const double per_term = spec.loss_reduction == LossReduction::sum ? 1.0 / 6.0 : 1.0;
      for (int k = 0; k < 3; ++k) {
        const EpochMetrics m = trainer.train_epoch(data, k + 1);
        const double want = c.at("loss." + std::to_string(k))(0, 0) * per_term;
        BOOST_TEST_INFO("step " << k + 1);
        BOOST_TEST(std::abs(m.train_loss - want) <= 1e-5 * std::max(1.0, std::abs(want)));
      }
      BOOST_TEST(error(p0[0].value(), c.at("w0_after")) <= 1e-5);
      BOOST_TEST(error(p0[1].value(), c.at("b0_after")) <= 1e-5);
      BOOST_TEST(error(p2[0].value(), c.at("w2_after")) <= 1e-5);
      BOOST_TEST(error(p2[1].value(), c.at("b2_after")) <= 1e-5);
    }
  }
}
