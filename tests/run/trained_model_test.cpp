// Mirrors framework/src/run/trained_model.cpp: a model rebuilt from a stored
// result holds exactly the stored parameters, scores every split exactly as
// the trainer's final evaluation did (evaluation mode: batch_norm's running
// statistics, no dropout), reads its outputs as probabilities by the
// documented rule, and refuses results it cannot rebuild.
#define BOOST_TEST_MODULE trained_model
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>
#include <neurite/data/dataset.hpp>
#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>
#include <neurite/run/model_evaluation.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/run/trained_model.hpp>
#include <neurite/testing/plugins.hpp>

#include <cmath>
#include <filesystem>
#include <ostream>
#include <string>

#include <unistd.h>

namespace neurite {  // for BOOST_TEST messages
std::ostream& operator<<(std::ostream& out, ProbabilityRule rule) { return out << to_string(rule); }
}  // namespace neurite

namespace nt = neurite::testing;
using namespace neurite;

namespace {
const std::string kModelData = std::string(NEURITE_TEST_DATA_DIR) + "/model/";

ExperimentSpec experiment(const std::string& file) { return load_experiment_file(kModelData + file).front(); }

RunResult train(const ExperimentSpec& spec) { return run_experiment(spec, nt::builtin_registry(), {}); }

// A spec from YAML text, as if it were a file in tests/data/model/.
ExperimentSpec from_yaml(const std::string& yaml) { return parse_experiments(yaml, kModelData + "inline.yaml").front(); }

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// Each split scored through the rebuilt model equals the result's final evaluation.
void check_splits_match(const ExperimentSpec& spec, const RunResult& result) {
  const TrainedModel model = load_model(result, nt::builtin_registry(), "r.neurite");
  const PreparedData data = prepare_data(spec.data, spec.seed);
  const std::pair<const Dataset*, const SplitMetrics*> splits[] = {
      {&data.train, &result.train}, {&data.validation, &result.validation}, {&data.test, &result.test}};
  for (const auto& [split, stored] : splits) {
    BOOST_TEST_REQUIRE(split->samples() > 0);
    NewData rows;
    rows.features = split->features;
    rows.has_truth = true;
    rows.labels = split->labels;
    rows.targets = split->targets;
    const ModelEvaluation e = evaluate_model(model, model_outputs(model, rows.features), rows);
    BOOST_TEST(e.samples == stored->samples);
    BOOST_TEST(std::abs(e.loss - stored->loss) <= 1e-5 * std::max(1.0, std::abs(stored->loss)));
    if (result.regression) {
      BOOST_TEST(std::abs(e.rmse - stored->rmse) <= 1e-5);
      BOOST_TEST(std::abs(e.r2 - stored->r2) <= 1e-5);
    } else {
      BOOST_TEST(e.accuracy == stored->accuracy);  // the same predicted classes, row for row
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(parameters_equal_the_stored_ones) {
  const RunResult result = train(experiment("parcels.yaml"));
  TrainedModel model = load_model(result, nt::builtin_registry(), "parcels.neurite");
  std::size_t k = 0;
  for (std::size_t l = 0; l < model.model.network.size(); ++l)
    for (const ParamView& p : model.model.network.layer(l).parameters()) {
      const StoredParameter& s = result.parameters.at(k++);
      BOOST_TEST(s.name == p.name);
      BOOST_TEST(std::vector<float>(p.data, p.data + p.size()) == s.values, boost::test_tools::per_element());
    }
  BOOST_TEST(k == result.parameters.size());
  BOOST_TEST(model.input_cols == 5);  // size, colour=blue|green|red, weight
  BOOST_TEST(model.output_cols == 3);
  BOOST_TEST(model.class_names == (std::vector<std::string>{"large", "medium", "small"}));
  BOOST_TEST(model.rule == ProbabilityRule::softmax);
}

BOOST_AUTO_TEST_CASE(batch_norm_and_dropout_model_scores_as_the_trainer_did) {
  const ExperimentSpec spec = experiment("parcels.yaml");
  check_splits_match(spec, train(spec));
}

BOOST_AUTO_TEST_CASE(one_logit_column_scores_as_the_trainer_did) {
  const ExperimentSpec spec = experiment("moons.yaml");
  const RunResult result = train(spec);
  check_splits_match(spec, result);
  const TrainedModel model = load_model(result, nt::builtin_registry());
  BOOST_TEST(model.rule == ProbabilityRule::sigmoid);
  const Matrix z = (Matrix(3, 1) << -2.0f, 0.0f, 1.5f).finished();
  const Matrix p = class_probabilities(model, z);
  BOOST_TEST(p.cols() == 2);
  BOOST_TEST(p(0, 1) == 1.0f / (1.0f + std::exp(2.0f)));
  BOOST_TEST(p(2, 0) + p(2, 1) == 1.0f);
  BOOST_TEST(predicted_classes(model, z) == (std::vector<int>{0, 0, 1}));  // output > 0, as the trainer counts
}

BOOST_AUTO_TEST_CASE(regression_scores_as_the_trainer_did) {
  const ExperimentSpec spec = experiment("sine.yaml");
  const RunResult result = train(spec);
  check_splits_match(spec, result);
  const TrainedModel model = load_model(result, nt::builtin_registry());
  BOOST_TEST(model.rule == ProbabilityRule::none);
  BOOST_TEST(model.output_cols == 1);
}

BOOST_AUTO_TEST_CASE(a_result_read_back_from_its_archive_rebuilds_the_same_model) {
  const RunResult result = train(experiment("moons.yaml"));
  const auto path = std::filesystem::temp_directory_path() / ("trained_model_test_" + std::to_string(::getpid()));
  write_result(result, path.string());
  const RunResult read = read_result(path.string());
  std::filesystem::remove(path);
  const TrainedModel a = load_model(result, nt::builtin_registry()), b = load_model(read, nt::builtin_registry());
  const Matrix x = nt::random_matrix(20, 2, 9);
  BOOST_TEST((model_outputs(a, x) - model_outputs(b, x)).cwiseAbs().maxCoeff() == 0.0f);
}

BOOST_AUTO_TEST_CASE(probability_rules_follow_the_loss_and_last_activation) {
  const std::string head = "name: rule\nseed: 1\ndata: {source: blobs, samples: 60, classes: 3}\n"
                           "training: {epochs: 1}\noptimizer: {name: sgd, learning_rate: 0.1}\n";
  const auto rule_of = [&](const std::string& model_and_loss) {
    return load_model(train(from_yaml(head + model_and_loss)), nt::builtin_registry()).rule;
  };
  BOOST_TEST(rule_of("model: [{dense: {units: 3}}, {activation: log_softmax}]\nloss: nll\n") == ProbabilityRule::exp);
  BOOST_TEST(rule_of("model: [{dense: {units: 3}}, {activation: softmax}]\nloss: mse\n") == ProbabilityRule::identity);
  BOOST_TEST(rule_of("model: [{dense: {units: 3}}]\nloss: multi_margin\n") == ProbabilityRule::softmax);
  BOOST_TEST(rule_of("model: [{dense: {units: 3}}]\nloss: binary_cross_entropy_with_logits\n") ==
             ProbabilityRule::sigmoid);

  const TrainedModel nll =
      load_model(train(from_yaml(head + "model: [{dense: {units: 3}}, {activation: log_softmax}]\nloss: nll\n")),
                 nt::builtin_registry());
  const Matrix x = nt::random_matrix(10, 2, 3);
  const Matrix p = class_probabilities(nll, model_outputs(nll, x));
  for (Index r = 0; r < p.rows(); ++r) BOOST_TEST(std::abs(p.row(r).sum() - 1.0f) <= 1e-5f);
}

BOOST_AUTO_TEST_CASE(a_parameter_of_another_shape_or_name_is_a_data_error_naming_the_file) {
  const RunResult good = train(experiment("moons.yaml"));
  const auto fails_with = [&](RunResult bad, const std::string& needle) {
    try {
      load_model(bad, nt::builtin_registry(), "bad.neurite");
      BOOST_ERROR("no error for " << needle);
    } catch (const Error& e) {
      BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(ExitCode::data));
      BOOST_TEST(contains(e.what(), "bad.neurite: "), e.what());
      BOOST_TEST(contains(e.what(), needle), e.what());
    }
  };
  RunResult shape = good;
  shape.parameters[0].rows = 4;
  shape.parameters[0].values.resize(8);
  fails_with(shape, "is 0.dense.weight (4x2), but the rebuilt network has 0.dense.weight (8x2)");
  RunResult name = good;
  name.parameters[1].name = "offset";
  fails_with(name, "is 0.dense.offset");
  RunResult fewer = good;
  fewer.parameters.pop_back();
  fails_with(fewer, "stores 3 parameters");
  RunResult more = good;
  more.parameters.push_back(good.parameters.back());
  fails_with(more, "first extra: 2.dense.bias");
  RunResult failed = good;
  failed.status = RunStatus::diverged;
  failed.error = "loss is NaN";
  fails_with(failed, "did not finish (diverged: loss is NaN)");
  RunResult old = good;
  old.preprocessing = Preprocessing{};
  fails_with(old, "stores no preprocessing");
}

BOOST_AUTO_TEST_CASE(features_of_the_wrong_width_are_a_data_error) {
  const TrainedModel model = load_model(train(experiment("moons.yaml")), nt::builtin_registry(), "m.neurite");
  BOOST_CHECK_EXCEPTION(model_outputs(model, Matrix::Zero(2, 3)), Error, [](const Error& e) {
    return e.code() == ExitCode::data && contains(e.what(), "m.neurite: the model takes 2 features, got 3");
  });
}
