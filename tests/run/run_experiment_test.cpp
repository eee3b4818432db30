// Mirrors framework/src/run/run_experiment.cpp for regression runs: a tanh
// MLP learns the sine set, the result says what the data was, and a
// validation_accuracy monitor is refused before training. Specs are built in
// code, as the YAML schema would produce them.
#define BOOST_TEST_MODULE run_experiment
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/testing/plugins.hpp>

#include <tbb/global_control.h>

#include <cmath>
#include <string>

namespace nt = neurite::testing;
using namespace neurite;

namespace {
ModelEntry layer(const std::string& name, nt::Settings settings) {
  ModelEntry entry;
  entry.component = nt::component_spec(name, settings);
  return entry;
}

ModelEntry activation(const std::string& name) {
  ModelEntry entry;
  entry.type = ModelEntry::Type::activation;
  entry.component = nt::component_spec(name);
  return entry;
}

ExperimentSpec sine_mlp() {
  ExperimentSpec spec;
  spec.name = "sine-mlp";
  spec.seed = 5;
  spec.where.file = "sine.yaml";
  spec.data.source = "sine";
  spec.data.samples = 1000;
  spec.data.features = 1;
  spec.data.noise = 0.1;
  spec.data.where = {"sine.yaml", 3, 7};
  spec.model = {layer("dense", {{"units", 16}}), activation("tanh"), layer("dense", {{"units", 16}}),
                activation("tanh"), layer("dense", {{"units", 1}})};
  spec.loss = nt::component_spec("mse");
  spec.optimizer = nt::component_spec("adam", {{"learning_rate", 0.01}});
  spec.training.epochs = 150;
  spec.training.batch_size = 32;
  return spec;
}

RunResult run(const ExperimentSpec& spec) { return run_experiment(spec, nt::builtin_registry(), RunOptions{}); }
}  // namespace

BOOST_AUTO_TEST_CASE(a_tanh_mlp_fits_the_sine_set) {
  const RunResult r = run(sine_mlp());
  BOOST_TEST_REQUIRE((r.status == RunStatus::ok), r.error);
  BOOST_TEST(r.regression);
  BOOST_TEST(r.class_names.empty());
  BOOST_TEST(r.feature_names == (std::vector<std::string>{"x1"}), boost::test_tools::per_element());
  BOOST_TEST(r.test.samples == 150u);
  BOOST_TEST_MESSAGE("test R^2 " << r.test.r2 << ", RMSE " << r.test.rmse);
  BOOST_TEST(r.test.r2 > 0.9);
  // The noise (stddev 0.1) bounds how well any model can do.
  BOOST_TEST(r.test.rmse > 0.05);
  BOOST_TEST(r.test.rmse < 0.25);
  for (const SplitMetrics* split : {&r.train, &r.validation, &r.test}) BOOST_TEST(std::isnan(split->accuracy));
  // MSE over one output is the squared RMSE (up to float rounding in the loss).
  BOOST_TEST(r.test.loss == r.test.rmse * r.test.rmse, boost::test_tools::tolerance(1e-4));

  BOOST_TEST_REQUIRE(r.history.size() == 150u);
  for (const EpochMetrics& m : r.history) {
    BOOST_TEST(std::isnan(m.train_accuracy));
    BOOST_TEST(std::isnan(m.validation_accuracy));
    BOOST_TEST(std::isfinite(m.train_rmse));
    BOOST_TEST(std::isfinite(m.validation_r2));
  }
  BOOST_TEST(r.history.front().validation_r2 < r.history.back().validation_r2);
  // The last epoch's validation scores come from the same weights as the final ones.
  BOOST_TEST(r.history.back().validation_r2 == r.validation.r2);
  BOOST_TEST(r.history.back().validation_rmse == r.validation.rmse);
}

BOOST_AUTO_TEST_CASE(a_classification_run_keeps_class_and_feature_names) {
  ExperimentSpec spec = sine_mlp();
  spec.data.source = "spirals";
  spec.data.classes = 4;
  spec.data.samples = 200;
  spec.model.back() = layer("dense", {{"units", 4}});
  spec.loss = nt::component_spec("softmax_cross_entropy");
  spec.training.epochs = 2;
  const RunResult r = run(spec);
  BOOST_TEST_REQUIRE((r.status == RunStatus::ok), r.error);
  BOOST_TEST(!r.regression);
  BOOST_TEST(r.class_names == (std::vector<std::string>{"0", "1", "2", "3"}), boost::test_tools::per_element());
  BOOST_TEST(r.feature_names == (std::vector<std::string>{"x1", "x2"}), boost::test_tools::per_element());
  BOOST_TEST(std::isnan(r.test.rmse));
  BOOST_TEST(std::isnan(r.history.back().train_r2));
  BOOST_TEST(r.test.accuracy >= 0.0);
}

BOOST_AUTO_TEST_CASE(monitoring_validation_accuracy_of_a_regression_run_is_a_usage_error) {
  ExperimentSpec spec = sine_mlp();
  spec.training.early_stopping.enabled = true;
  spec.training.early_stopping.monitor = "validation_accuracy";
  spec.training.early_stopping.where = {"sine.yaml", 20, 5};
  try {
    run(spec);
    BOOST_ERROR("no error");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()).rfind("sine.yaml:20:5: training.early_stopping.monitor is validation_accuracy", 0) ==
               0u);
  }
}

BOOST_AUTO_TEST_CASE(early_stopping_on_validation_loss_works_for_regression) {
  ExperimentSpec spec = sine_mlp();
  spec.training.epochs = 2000;
  spec.training.early_stopping.enabled = true;
  spec.training.early_stopping.monitor = "validation_loss";
  spec.training.early_stopping.patience = 5;
  const RunResult r = run(spec);
  BOOST_TEST_REQUIRE((r.status == RunStatus::ok), r.error);
  BOOST_TEST(r.epochs_run < 2000);
  BOOST_TEST(r.test.r2 > 0.8);
}

// Squared errors are summed shard by shard in shard order, like the loss.
BOOST_AUTO_TEST_CASE(regression_scores_are_bitwise_identical_for_one_and_two_threads) {
  ExperimentSpec spec = sine_mlp();
  spec.training.epochs = 5;
  spec.training.batch_size = 64;
  spec.training.shard_rows = 16;  // 4 shards per mini-batch
  const auto with_threads = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    return run(spec);
  };
  const RunResult one = with_threads(1), two = with_threads(2);
  BOOST_TEST_REQUIRE(one.history.size() == two.history.size());
  for (std::size_t e = 0; e < one.history.size(); ++e) {
    BOOST_TEST(one.history[e].train_rmse == two.history[e].train_rmse);
    BOOST_TEST(one.history[e].train_r2 == two.history[e].train_r2);
    BOOST_TEST(one.history[e].validation_r2 == two.history[e].validation_r2);
  }
  BOOST_TEST(one.test.rmse == two.test.rmse);
  BOOST_TEST(one.test.r2 == two.test.r2);
}
