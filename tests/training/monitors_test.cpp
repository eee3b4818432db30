// Mirrors framework/src/training/monitors.cpp: validation_accuracy cannot be
// monitored on a regression set; everything else passes.
#define BOOST_TEST_MODULE monitors
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/training/monitors.hpp>

#include <string>

using namespace neurite;

namespace {
Dataset regression_set() {
  Dataset d;
  d.features = Matrix::Zero(4, 1);
  d.targets = Matrix::Zero(4, 1);
  return d;
}

Dataset classification_set() {
  Dataset d;
  d.features = Matrix::Zero(4, 1);
  d.labels = {0, 1, 0, 1};
  d.num_classes = 2;
  return d;
}

ExperimentSpec spec_monitoring(const std::string& monitor) {
  ExperimentSpec spec;
  spec.where = {"sine.yaml", 1, 3};
  spec.data.source = "sine";
  spec.training.early_stopping.enabled = true;
  spec.training.early_stopping.monitor = monitor;
  spec.training.early_stopping.where = {"sine.yaml", 12, 21};
  return spec;
}

void expect_usage_error(const ExperimentSpec& spec, const std::string& message) {
  try {
    check_monitors(spec, regression_set());
    BOOST_ERROR("no error; expected '" << message << "'");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == message);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(early_stopping_on_accuracy_of_a_regression_set_is_a_usage_error) {
  expect_usage_error(spec_monitoring("validation_accuracy"),
                     "sine.yaml:12:21: training.early_stopping.monitor is validation_accuracy, but the data "
                     "(source: sine) is a regression set with continuous targets and no accuracy; monitor "
                     "validation_loss or train_loss");
}

BOOST_AUTO_TEST_CASE(without_its_own_location_the_error_points_at_the_experiment) {
  ExperimentSpec spec = spec_monitoring("validation_accuracy");
  spec.training.early_stopping.where = {};
  try {
    check_monitors(spec, regression_set());
    BOOST_ERROR("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()).rfind("sine.yaml:1:3: training.early_stopping.monitor", 0) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(reduce_on_plateau_on_accuracy_of_a_regression_set_is_a_usage_error) {
  ExperimentSpec spec = spec_monitoring("validation_loss");
  spec.training.lr_schedule.name = "reduce_on_plateau";
  spec.training.lr_schedule.monitor = "validation_accuracy";
  spec.training.lr_schedule.where = {"sine.yaml", 14, 18};
  expect_usage_error(spec,
                     "sine.yaml:14:18: training.lr_schedule.monitor is validation_accuracy, but the data "
                     "(source: sine) is a regression set with continuous targets and no accuracy; monitor "
                     "validation_loss or train_loss");
}

BOOST_AUTO_TEST_CASE(losses_and_classification_sets_pass) {
  for (const char* monitor : {"validation_loss", "train_loss"})
    BOOST_CHECK_NO_THROW(check_monitors(spec_monitoring(monitor), regression_set()));
  BOOST_CHECK_NO_THROW(check_monitors(spec_monitoring("validation_accuracy"), classification_set()));
  ExperimentSpec disabled = spec_monitoring("validation_accuracy");
  disabled.training.early_stopping.enabled = false;
  BOOST_CHECK_NO_THROW(check_monitors(disabled, regression_set()));
  ExperimentSpec other_schedule = spec_monitoring("validation_loss");
  other_schedule.training.lr_schedule.name = "cosine";
  other_schedule.training.lr_schedule.monitor = "validation_accuracy";  // read only by reduce_on_plateau
  BOOST_CHECK_NO_THROW(check_monitors(other_schedule, regression_set()));
}
