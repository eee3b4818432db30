// Mirrors framework/src/network/assemble.cpp: the model's output width and
// loss must fit the data, for classification and for regression.
#define BOOST_TEST_MODULE assemble
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/testing/plugins.hpp>

#include <string>

namespace nt = neurite::testing;
using namespace neurite;

namespace {
ExperimentSpec spec_with(int units, const std::string& loss) {
  ExperimentSpec spec;
  spec.where.file = "exp.yaml";
  spec.data.source = "sine";
  ModelEntry dense;
  dense.component = nt::component_spec("dense", {{"units", units}});
  dense.component.where = {"exp.yaml", 6, 7};
  spec.model = {dense};
  spec.loss = nt::component_spec(loss);
  spec.loss.where = {"exp.yaml", 8, 7};
  spec.optimizer = nt::component_spec("sgd", {{"learning_rate", 0.1}});
  return spec;
}

Dataset regression_set(Index outputs) {
  Dataset d;
  d.features = Matrix::Zero(5, 3);
  d.targets = Matrix::Zero(5, outputs);
  return d;
}

void expect_usage_error(const ExperimentSpec& spec, const Dataset& data, const std::string& message) {
  try {
    assemble_model(spec, nt::builtin_registry(), data, Rng(1));
    BOOST_ERROR("no error; expected '" << message << "'");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == message);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(regression_takes_one_output_per_target_column) {
  for (int outputs : {1, 3}) {
    const AssembledModel model = assemble_model(spec_with(outputs, "mse"), nt::builtin_registry(),
                                                regression_set(outputs), Rng(1));
    BOOST_TEST(model.network.input_cols() == 3);
    BOOST_TEST(model.network.output_cols() == outputs);
  }
}

BOOST_AUTO_TEST_CASE(regression_output_width_mismatch_names_the_target_columns) {
  expect_usage_error(spec_with(2, "mse"), regression_set(1),
                     "exp.yaml:6:7: the model ends with 2 output column(s) but the data has 1 regression "
                     "target column(s); the last layer needs 1 units (one per target)");
}

BOOST_AUTO_TEST_CASE(regression_with_a_classification_loss_is_a_usage_error_at_the_loss) {
  expect_usage_error(spec_with(1, "softmax_cross_entropy"), regression_set(1),
                     "exp.yaml:8:7: loss 'softmax_cross_entropy' is for classification, but the data "
                     "(source: sine) has continuous targets; use a regression loss (huber, mae, mse, smooth_l1)");
}

BOOST_AUTO_TEST_CASE(classification_output_width_is_checked_as_before) {
  Dataset three;
  three.features = Matrix::Zero(5, 3);
  three.labels = {0, 1, 2, 0, 1};
  three.num_classes = 3;
  BOOST_CHECK_NO_THROW(assemble_model(spec_with(3, "softmax_cross_entropy"), nt::builtin_registry(), three, Rng(1)));
  expect_usage_error(spec_with(2, "softmax_cross_entropy"), three,
                     "exp.yaml:6:7: the model ends with 2 output column(s) but the data has 3 classes; the last "
                     "layer needs 3 units");
}
