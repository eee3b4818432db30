// Mirrors the stopping rules of framework/src/training/trainer.cpp (fit):
// the stop reason, early stopping's restore_best_weights, and time_limit.
// The specs set the new fields in code (their YAML keys are wired separately).
#define BOOST_TEST_MODULE trainer_stopping
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/testing/plugins.hpp>

#include <algorithm>
#include <numeric>

using namespace neurite;

namespace {
// Adam at a high rate makes the validation loss wander, so its minimum is
// not the last epoch.
ExperimentSpec moons(int epochs) {
  const std::string yaml =
      "name: stop-test\nseed: 5\n"
      "data: {source: moons, samples: 300, noise: 0.3, split: {train: 0.6, validation: 0.2, test: 0.2}}\n"
      "model: [{dense: {units: 16}}, {activation: tanh}, {dense: {units: 2}}]\n"
      "loss: softmax_cross_entropy\noptimizer: {name: adam, learning_rate: 0.08}\n"
      "training: {epochs: " + std::to_string(epochs) + ", batch_size: 16}\n";
  return parse_experiments(yaml, "stop-test.yaml").at(0);
}

RunResult run(const ExperimentSpec& spec) { return run_experiment(spec, testing::builtin_registry(), RunOptions{1, {}}); }
}  // namespace

BOOST_AUTO_TEST_CASE(a_run_of_all_epochs_says_completed) {
  const RunResult r = run(moons(3));
  BOOST_TEST((r.status == RunStatus::ok));
  BOOST_TEST(r.stop_reason == "completed");
  BOOST_TEST(r.restored_epoch == 0);
}

BOOST_AUTO_TEST_CASE(restore_best_weights_gives_the_best_epochs_parameters_and_metrics) {
  ExperimentSpec spec = moons(40);
  spec.training.early_stopping.enabled = true;
  spec.training.early_stopping.patience = 1000;  // never stops: restores at the end
  spec.training.early_stopping.restore_best_weights = true;
  const RunResult best = run(spec);
  BOOST_REQUIRE(best.epochs_run == 40);
  BOOST_TEST(best.stop_reason == "completed");
  // The best epoch is the first minimum of the validation loss.
  const auto it = std::min_element(best.history.begin(), best.history.end(),
                                   [](const EpochMetrics& a, const EpochMetrics& b) { return a.validation_loss < b.validation_loss; });
  const int best_epoch = it->epoch;
  BOOST_REQUIRE(best_epoch < 40);  // otherwise this test proves nothing
  BOOST_TEST(best.restored_epoch == best_epoch);
  // The final evaluation sees the restored parameters: the same loss as that epoch's.
  BOOST_TEST(best.validation.loss == it->validation_loss);
  // Training is deterministic: a run of exactly best_epoch epochs ends with
  // the same parameters, bit for bit.
  const RunResult shorter = run(moons(best_epoch));
  BOOST_REQUIRE(shorter.parameters.size() == best.parameters.size());
  for (std::size_t i = 0; i < best.parameters.size(); ++i)
    BOOST_TEST((shorter.parameters[i].values == best.parameters[i].values));
  // Without the flag, the last epoch's parameters stay.
  spec.training.early_stopping.restore_best_weights = false;
  const RunResult last = run(spec);
  BOOST_TEST(last.restored_epoch == 0);
  BOOST_TEST((last.parameters[0].values != best.parameters[0].values));
}

BOOST_AUTO_TEST_CASE(early_stopping_says_so_and_restores_when_asked) {
  ExperimentSpec spec = moons(200);
  spec.training.early_stopping.enabled = true;
  spec.training.early_stopping.patience = 3;
  spec.training.early_stopping.restore_best_weights = true;
  const RunResult r = run(spec);
  BOOST_TEST(r.stop_reason == "early_stopping");
  BOOST_TEST(r.epochs_run < 200);
  BOOST_TEST(r.restored_epoch == r.epochs_run - 3);  // patience epochs without improvement
  BOOST_TEST(r.validation.loss == r.history[static_cast<std::size_t>(r.restored_epoch - 1)].validation_loss);
}

BOOST_AUTO_TEST_CASE(time_limit_stops_after_the_epoch_that_crosses_it) {
  ExperimentSpec spec = moons(1000000);
  spec.training.time_limit = 0.2;
  const RunResult r = run(spec);
  BOOST_TEST((r.status == RunStatus::ok));
  BOOST_TEST(r.stop_reason == "time_limit");
  BOOST_TEST(r.epochs_run < 1000000);
  BOOST_TEST(r.wall_seconds >= 0.2);
  // Before the last epoch the budget was not used up yet.
  double before_last = 0.0;
  for (std::size_t i = 0; i + 1 < r.history.size(); ++i) before_last += r.history[i].seconds;
  BOOST_TEST(before_last < 0.2);
  BOOST_TEST(r.test.samples > 0u);  // still evaluated like any finished run
}

BOOST_AUTO_TEST_CASE(a_tiny_time_limit_still_trains_one_epoch_and_none_is_off) {
  ExperimentSpec spec = moons(50);
  spec.training.time_limit = 1e-9;
  const RunResult one = run(spec);
  BOOST_TEST(one.epochs_run == 1);
  BOOST_TEST(one.stop_reason == "time_limit");
  spec.training.time_limit = 0.0;
  BOOST_TEST(run(spec).epochs_run == 50);
}
