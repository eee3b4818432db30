// Mirrors framework/src/training/parameter_snapshot.cpp: capture, change,
// restore gives back every parameter bit for bit, non-trainable ones included.
#define BOOST_TEST_MODULE parameter_snapshot
#include <boost/test/unit_test.hpp>

#include "training/parameter_snapshot.hpp"

#include <neurite/config/experiment_file.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/testing/plugins.hpp>

using namespace neurite;

namespace {
std::vector<std::vector<float>> values_of(Network& network) {
  std::vector<std::vector<float>> all;
  for (std::size_t l = 0; l < network.size(); ++l)
    for (const ParamView& p : network.layer(l).parameters()) all.emplace_back(p.data, p.data + p.size());
  return all;
}
}  // namespace

BOOST_AUTO_TEST_CASE(restore_puts_back_every_captured_value) {
  const auto spec = parse_experiments(
      "name: snap\ndata: {source: moons}\nmodel: [{dense: {units: 4}}, {batch_norm: {}}, {dense: {units: 2}}]\n"
      "loss: softmax_cross_entropy\noptimizer: {name: sgd, learning_rate: 0.1}\n", "snap.yaml").at(0);
  AssembledModel model = assemble_model(spec, testing::builtin_registry(), 2, 2, Rng(3));
  ParameterSnapshot snapshot(model.network, true);
  snapshot.capture();
  const auto before = values_of(model.network);
  bool has_untrainable = false;
  for (std::size_t l = 0; l < model.network.size(); ++l)
    for (ParamView& p : model.network.layer(l).parameters()) {
      has_untrainable = has_untrainable || !p.trainable;
      for (Index i = 0; i < p.size(); ++i) p.data[i] += 1.5f;  // every value changes
    }
  BOOST_TEST(has_untrainable);  // batch_norm's running statistics are covered too
  BOOST_TEST((values_of(model.network) != before));
  snapshot.restore();
  BOOST_TEST((values_of(model.network) == before));
}

BOOST_AUTO_TEST_CASE(a_disabled_snapshot_holds_nothing) {
  const auto spec = parse_experiments(
      "name: off\ndata: {source: moons}\nmodel: [{dense: {units: 2}}]\nloss: softmax_cross_entropy\noptimizer: {name: sgd, learning_rate: 0.1}\n",
      "off.yaml").at(0);
  AssembledModel model = assemble_model(spec, testing::builtin_registry(), 2, 2, Rng(3));
  const ParameterSnapshot snapshot(model.network, false);
  BOOST_TEST(!snapshot.enabled());
}
