// Mirrors framework/src/run/resolved_values.cpp: every parameter of every
// component, the plugin's defaults included, in the plugin's declared order;
// written values win; the keys the trainer reads (l1, l2, reduction) stay.
#define BOOST_TEST_MODULE run_resolved_values
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>
#include <neurite/run/resolved_values.hpp>
#include <neurite/testing/plugins.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Error;
using neurite::ExitCode;

namespace {
const std::string kExperiment =
    "name: r\n"
    "data: {source: moons}\n"
    "model:\n"
    "  - dense: {units: 4, l2: 0.01}\n"
    "  - activation: leaky_relu\n"
    "  - activation: tanh\n"
    "  - dense: {units: 2}\n"
    "loss: {name: softmax_cross_entropy, reduction: sum}\n"
    "optimizer: {name: adam, learning_rate: 0.05}\n";

YAML::Node resolved(const std::string& yaml) {
  const auto specs = neurite::parse_experiments(yaml, "/exp/r.yaml");
  return YAML::Load(neurite::resolved_values(specs.at(0), nt::builtin_registry()));
}

std::vector<std::string> keys(const YAML::Node& map) {
  std::vector<std::string> out;
  for (const auto& kv : map) out.push_back(kv.first.Scalar());
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(plugin_parameter_defaults_appear_and_written_values_win) {
  const YAML::Node r = resolved(kExperiment);
  BOOST_TEST(r["optimizer"]["name"].Scalar() == "adam");
  BOOST_TEST(r["optimizer"]["learning_rate"].Scalar() == "0.05");  // written
  BOOST_TEST(r["optimizer"]["beta1"].Scalar() == "0.9");           // torch.optim.Adam's defaults
  BOOST_TEST(r["optimizer"]["beta2"].Scalar() == "0.999");
  BOOST_TEST(r["optimizer"]["amsgrad"].Scalar() == "false");
  BOOST_TEST(r["model"][0]["dense"]["units"].Scalar() == "4");
  BOOST_TEST(r["model"][0]["dense"]["use_bias"].Scalar() == "true");
  BOOST_TEST(r["model"][1]["activation"]["name"].Scalar() == "leaky_relu");
  BOOST_TEST(r["model"][1]["activation"]["negative_slope"].Scalar() == "0.01");
  BOOST_TEST(r["model"][2]["activation"].Scalar() == "tanh");  // no parameters: the name alone
  BOOST_TEST(r["loss"]["label_smoothing"].Scalar() == "0");
}

BOOST_AUTO_TEST_CASE(parameters_come_in_declared_order_before_the_trainers_keys) {
  const YAML::Node r = resolved(kExperiment);
  const auto dense = keys(r["model"][0]["dense"]);
  BOOST_TEST(dense.front() == "units");
  BOOST_TEST(dense[dense.size() - 2] == "l1");
  BOOST_TEST(dense.back() == "l2");
  BOOST_TEST(r["model"][0]["dense"]["l2"].Scalar() == "0.01");
  BOOST_TEST(r["model"][3]["dense"]["l2"].Scalar() == "0");
  const auto loss = keys(r["loss"]);
  BOOST_TEST(loss.front() == "name");
  BOOST_TEST(loss.back() == "reduction");
  BOOST_TEST(r["loss"]["reduction"].Scalar() == "sum");
  const auto top = keys(r);
  const std::vector<std::string> order{"name", "seed", "data", "model", "loss", "optimizer", "training"};
  BOOST_TEST(top == order, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_components_are_the_errors_assemble_reports) {
  const auto expect_error = [](const std::string& yaml, ExitCode code, const std::string& fragment) {
    const auto specs = neurite::parse_experiments(yaml, "/exp/b.yaml");
    try {
      neurite::resolved_values(specs.at(0), nt::builtin_registry());
      BOOST_FAIL("no error for " + yaml);
    } catch (const Error& e) {
      BOOST_TEST((e.code() == code));
      BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos, e.what());
    }
  };
  expect_error("name: b\ndata: {source: xor}\nmodel: [{dense: {units: 2, unitz: 3}}]\nloss: mse\noptimizer: sgd\n",
               ExitCode::usage, "/exp/b.yaml:3:35: layer 'dense' has no parameter 'unitz'; did you mean 'units'?");
  expect_error("name: u\ndata: {source: xor}\nmodel: [{dense: {units: 2}}]\nloss: mse\noptimizer: adamm\n",
               ExitCode::plugin, "/exp/b.yaml:5:12: unknown optimizer 'adamm'");
}

BOOST_AUTO_TEST_CASE(a_spec_built_in_code_has_no_resolved_values) {
  neurite::ExperimentSpec spec;
  BOOST_TEST(neurite::resolved_values(spec, nt::builtin_registry()).empty());
}
