// Mirrors framework/src/config/sweep.cpp: grid, zip, seeds and repeats expand
// one experiment into runs with stable names and their settings.
#define BOOST_TEST_MODULE sweep
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>

#include <filesystem>
#include <string>
#include <vector>

using neurite::Error;
using neurite::ExitCode;
using neurite::ExperimentSpec;

namespace {
const std::string kBase =
    "name: m\n"
    "seed: 7\n"
    "data: {source: moons, samples: 20}\n"
    "model:\n"
    "  - dense: {units: 4}\n"
    "  - activation: tanh\n"
    "  - dense: {units: 2}\n"
    "loss: softmax_cross_entropy\n"
    "optimizer: sgd\n";

std::vector<ExperimentSpec> parse(const std::string& sweep) {
  return neurite::parse_experiments(kBase + sweep, "sweep.yaml");
}

std::vector<std::string> names(const std::vector<ExperimentSpec>& specs) {
  std::vector<std::string> out;
  for (const auto& s : specs) out.push_back(s.name);
  return out;
}

std::string param(const neurite::ComponentSpec& c, const std::string& key) {
  for (const auto& p : c.params)
    if (p.key == key) return p.text;
  return "(absent)";
}

void expect_error(const std::string& sweep, const std::string& where, const std::string& fragment) {
  try {
    parse(sweep);
  } catch (const Error& e) {
    const std::string message = e.what();
    BOOST_TEST((e.code() == ExitCode::usage), message);
    BOOST_TEST(message.rfind("sweep.yaml:" + where + ": ", 0) == 0, message);
    BOOST_TEST(message.find(fragment) != std::string::npos, message);
    return;
  }
  BOOST_FAIL("no error for " << sweep);
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_key_path_list_is_a_grid_over_model_entries) {
  const auto specs = parse("sweep: {model.0.dense.units: [1, 2, 20]}\n");
  BOOST_TEST(names(specs) == (std::vector<std::string>{"m[units=1]", "m[units=2]", "m[units=20]"}),
             boost::test_tools::per_element());
  BOOST_TEST(param(specs[2].model[0].component, "units") == "20");
  BOOST_TEST(specs[2].base_name == "m");
  BOOST_REQUIRE_EQUAL(specs[2].sweep.size(), 1u);
  BOOST_TEST(specs[2].sweep[0].path == "model.0.dense.units");
  BOOST_TEST(specs[2].sweep[0].value == "20");
  BOOST_TEST(specs[2].yaml_text.find("units: 20") != std::string::npos);
  BOOST_TEST(specs[2].yaml_text.find("sweep") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(grid_is_a_cartesian_product_with_the_first_key_outermost) {
  const auto specs = parse(
      "sweep:\n"
      "  grid: {model.0.dense.units: [8, 16], optimizer.learning_rate: [0.1, 0.01]}\n");
  BOOST_TEST(names(specs) == (std::vector<std::string>{"m[units=8,learning_rate=0.1]",
                                                       "m[units=8,learning_rate=0.01]",
                                                       "m[units=16,learning_rate=0.1]",
                                                       "m[units=16,learning_rate=0.01]"}),
             boost::test_tools::per_element());
  // `optimizer: sgd` grew a parameter: it is now {name: sgd, learning_rate: ...}.
  BOOST_TEST(specs[3].optimizer.name == "sgd");
  BOOST_TEST(param(specs[3].optimizer, "learning_rate") == "0.01");
}

BOOST_AUTO_TEST_CASE(zip_takes_lists_side_by_side_and_seeds_repeat_every_point) {
  const auto specs = parse(
      "sweep:\n"
      "  zip: {model.0.dense.units: [8, 16], training.epochs: [5, 10]}\n"
      "  seeds: [1, 2]\n");
  BOOST_TEST(names(specs) == (std::vector<std::string>{"m[units=8,epochs=5,seed=1]", "m[units=8,epochs=5,seed=2]",
                                                       "m[units=16,epochs=10,seed=1]",
                                                       "m[units=16,epochs=10,seed=2]"}),
             boost::test_tools::per_element());
  BOOST_TEST(specs[3].training.epochs == 10);
  BOOST_TEST(specs[3].seed == 2u);
  BOOST_TEST(specs[3].sweep.back().label == "seed");
}

BOOST_AUTO_TEST_CASE(repeats_count_seeds_up_from_the_experiment_seed) {
  const auto specs = parse("sweep: {repeats: 3}\n");
  BOOST_TEST(names(specs) == (std::vector<std::string>{"m[seed=7]", "m[seed=8]", "m[seed=9]"}),
             boost::test_tools::per_element());
  BOOST_TEST(specs[2].seed == 9u);
}

BOOST_AUTO_TEST_CASE(paths_sharing_a_last_key_are_labelled_in_full) {
  const auto specs = parse("sweep: {model.0.dense.units: [3], model.2.dense.units: [2]}\n");
  BOOST_TEST(specs[0].name == "m[model.0.dense.units=3,model.2.dense.units=2]");
}

BOOST_AUTO_TEST_CASE(a_whole_entry_can_be_swept) {
  const auto specs = parse("sweep: {model.1.activation: [tanh, relu]}\n");
  BOOST_TEST(specs[1].name == "m[activation=relu]");
  BOOST_TEST(specs[1].model[1].component.name == "relu");
}

BOOST_AUTO_TEST_CASE(sweep_mistakes_are_reported_where_they_are_written) {
  expect_error("sweep: {model.0.dense.units: []}\n", "10:30", "expected a non-empty list of values");
  expect_error("sweep: {zip: {model.0.dense.units: [1, 2], training.epochs: [3]}}\n", "10:61",
               "sweep.zip lists must have equal lengths");
  expect_error("sweep: {model.5.dense.units: [1]}\n", "10:31", "'model' is a list of 3 entries");
  expect_error("sweep: {seeds: [1], repeats: 2}\n", "10:21", "either sweep.seeds or sweep.repeats");
  expect_error("sweep: {name: [a, b]}\n", "10:9", "'name' cannot be swept");
  expect_error("sweep: {colour: 3}\n", "10:9", "unknown sweep entry 'colour'");
  // A misspelt key reached through a sweep is caught by the schema at the value
  // (component parameters are checked against the plugin by `validate` and `run`).
  expect_error("sweep: {training.epoch: [5]}\n", "10:26", "unknown key 'epoch' in 'training'; did you mean 'epochs'?");
  expect_error("sweep: {model.0.dense.units: [1, 1]}\n", "1:1", "duplicate experiment name 'm[units=1]'");
}

BOOST_AUTO_TEST_CASE(set_overrides_apply_to_every_run_and_are_checked_like_the_file) {
  const std::vector<neurite::Override> set = {neurite::parse_override("training.epochs=3"),
                                              neurite::parse_override("model.0.dense.units=5")};
  const auto specs = neurite::parse_experiments(kBase + "sweep: {repeats: 2}\n", "sweep.yaml", set);
  BOOST_REQUIRE_EQUAL(specs.size(), 2u);
  BOOST_TEST(specs[1].training.epochs == 3);
  BOOST_TEST(param(specs[1].model[0].component, "units") == "5");
  try {
    neurite::parse_experiments(kBase, "sweep.yaml", {neurite::parse_override("training.epochs=abc")});
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               "--set training.epochs=abc: expected a positive integer for 'training.epochs', got 'abc'");
  }
  try {
    neurite::parse_experiments(kBase + "sweep: {model.0.dense.units: [1]}\n", "sweep.yaml",
                               {neurite::parse_override("model.0.dense.units=2")});
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()).find("is swept by the experiment at sweep.yaml:10:9") != std::string::npos,
               e.what());
  }
  BOOST_CHECK_THROW(neurite::parse_override("epochs"), Error);
  // A path typed on the command line is taken from the current directory.
  const auto csv = neurite::parse_experiments(
      "name: c\ndata: {source: csv, path: in-file.csv, label: y}\nmodel: [{dense: {units: 2}}]\nloss: mse\n"
      "optimizer: sgd\n",
      "/elsewhere/c.yaml", {neurite::parse_override("data.path=typed.csv")});
  BOOST_TEST(csv[0].data.path == (std::filesystem::current_path() / "typed.csv").string());
}

BOOST_AUTO_TEST_CASE(a_sweep_through_a_yaml_anchor_does_not_leak_into_other_experiments) {
  const auto specs = neurite::parse_experiments(
      "- name: a\n"
      "  data: &d {source: moons, samples: 20}\n"
      "  model: [{dense: {units: 2}}]\n"
      "  loss: mse\n"
      "  optimizer: sgd\n"
      "  sweep: {data.samples: [30, 40]}\n"
      "- name: b\n"
      "  data: *d\n"
      "  model: [{dense: {units: 2}}]\n"
      "  loss: mse\n"
      "  optimizer: sgd\n",
      "anchors.yaml");
  BOOST_REQUIRE_EQUAL(specs.size(), 3u);
  BOOST_TEST(specs[0].data.samples == 30u);
  BOOST_TEST(specs[1].data.samples == 40u);
  BOOST_TEST(specs[2].data.samples == 20u);
}

BOOST_AUTO_TEST_CASE(folds_make_one_run_per_fold_after_the_sweep) {
  const auto specs = neurite::parse_experiments(
      "name: cv\ndata: {source: moons, samples: 50, folds: 3}\nmodel: [{dense: {units: 2}}]\nloss: mse\n"
      "optimizer: sgd\nsweep: {model.0.dense.units: [2, 4]}\n",
      "cv.yaml");
  BOOST_TEST(names(specs) == (std::vector<std::string>{"cv[units=2,fold=1]", "cv[units=2,fold=2]", "cv[units=2,fold=3]",
                                                       "cv[units=4,fold=1]", "cv[units=4,fold=2]", "cv[units=4,fold=3]"}),
             boost::test_tools::per_element());
  BOOST_TEST(specs[4].data.folds == 3u);
  BOOST_TEST(specs[4].data.fold == 1u);  // 0-based inside, 1-based in names
  BOOST_TEST(specs[4].sweep.back().label == "fold");
  try {
    neurite::parse_experiments("name: cv\ndata: {source: moons, folds: 1}\nmodel: [{dense: {units: 2}}]\nloss: mse\n"
                               "optimizer: sgd\n", "cv.yaml");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) == "cv.yaml:2:30: expected an integer >= 2 for 'data.folds', got '1'");
  }
}
