// Mirrors framework/src/config/extends.cpp: `extends:` merges a base file
// under the experiment, paths in the base stay relative to the base, and
// errors inside the base name the base file.
#define BOOST_TEST_MODULE extends
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>

#include <string>

using neurite::Error;
using neurite::ExitCode;

namespace {
const std::string kDir = std::string(NEURITE_TEST_DATA_DIR) + "/config/extends/";

std::string error_of(const std::string& file) {
  try {
    neurite::load_experiment_file(kDir + file);
  } catch (const Error& e) {
    return std::to_string(static_cast<int>(e.code())) + " " + e.what();
  }
  return "no error";
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_base_fills_in_what_the_experiment_leaves_out) {
  const auto specs = neurite::load_experiment_file(kDir + "sub/child.yaml");
  BOOST_REQUIRE_EQUAL(specs.size(), 1u);
  const auto& s = specs[0];
  BOOST_TEST(s.name == "child");
  BOOST_TEST(s.seed == 3u);
  BOOST_TEST(s.data.source == "csv");
  // Relative to base.yaml's directory, not to sub/child.yaml's.
  BOOST_TEST(s.data.path == std::string(NEURITE_TEST_DATA_DIR) + "/csv/iris_small.csv");
  BOOST_TEST(s.data.split.train == 0.6);
  BOOST_TEST(s.optimizer.name == "adam");
  // Mappings merge key by key: epochs from the child, the rest from the base.
  BOOST_TEST(s.training.epochs == 7);
  BOOST_TEST(s.training.batch_size == 8);
  BOOST_TEST(s.training.early_stopping.enabled);
  BOOST_TEST(s.training.early_stopping.patience == 5);
  BOOST_REQUIRE_EQUAL(s.model.size(), 1u);
  // The stored YAML is the resolved experiment, without `extends`.
  BOOST_TEST(s.yaml_text.find("extends") == std::string::npos);
  BOOST_TEST(s.yaml_text.find("batch_size: 8") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lists_in_the_experiment_replace_the_base_lists) {
  const std::string yaml =
      "name: e\nextends: " + kDir + "sub/child.yaml\nmodel: [{dense: {units: 3}}, {activation: tanh}]\n";
  const auto specs = neurite::parse_experiments(yaml, "/tmp/e.yaml");
  BOOST_REQUIRE_EQUAL(specs[0].model.size(), 2u);
  BOOST_TEST(specs[0].name == "e");
  BOOST_TEST(specs[0].training.epochs == 7);  // through two levels
}

BOOST_AUTO_TEST_CASE(an_error_inside_the_base_names_the_base_file_and_line) {
  const std::string message = error_of("uses-bad-base.yaml");
  BOOST_TEST(message.find("2 " + kDir + "bad-base.yaml:3:3: unknown key 'sampels' in 'data'") == 0, message);
}

BOOST_AUTO_TEST_CASE(cycles_and_missing_bases_are_errors_naming_the_files) {
  const std::string cycle = error_of("cycle-a.yaml");
  BOOST_TEST(cycle.find("2 " + kDir + "cycle-b.yaml:1:10: 'extends' makes a cycle") == 0, cycle);
  const std::string missing = error_of("missing-base.yaml");
  BOOST_TEST(missing.find("3 " + kDir + "missing-base.yaml:2:10: no such base experiment file") == 0, missing);
  BOOST_TEST(missing.find("nowhere.yaml") != std::string::npos, missing);
}
