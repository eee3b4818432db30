// `neurite gradcheck`: a component (built-in, with parameters, or a
// third-party plugin with a wrong derivative) and a whole experiment's
// network; verdicts and exit codes.
#define BOOST_TEST_MODULE gradcheck
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

namespace {
const std::string kExperiments = std::string(NEURITE_SOURCE_DIR) + "/experiments/";
const std::string kWrong = std::string(NEURITE_FIXTURE_DIR) + "/wrong_gradient";

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(built_in_components_pass_with_per_tensor_errors) {
  for (const std::string args : {"tanh", "softmax", "dense --param units=3 --inputs 5", "softmax_cross_entropy",
                                 "mse --cols 2", "binary_cross_entropy --cols 1"}) {
    const auto r = e2e::neurite("gradcheck " + args);
    BOOST_TEST_INFO(args << ": " << r.out << r.err);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(contains(r.out, ": pass"));
    BOOST_TEST(contains(r.out, "max abs error"));
  }
  const auto dense = e2e::neurite("gradcheck dense --param units=2");
  BOOST_TEST(contains(dense.out, "weight (2x4)"));
  BOOST_TEST(contains(dense.out, "bias (1x2)"));
  BOOST_TEST(contains(dense.out, "input (4x4)"));
}

BOOST_AUTO_TEST_CASE(a_wrong_derivative_fails_with_exit_1_and_names_the_worst_element) {
  const auto r = e2e::neurite("gradcheck wrong_tanh --plugin-dir " + kWrong);
  BOOST_TEST_INFO(r.out << r.err);
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.out, "gradcheck wrong_tanh: FAIL"));
  BOOST_TEST(contains(r.out, "elements out of bound, worst ["));
}

BOOST_AUTO_TEST_CASE(a_whole_experiment_network_is_checked_on_its_data) {
  const auto r = e2e::neurite("gradcheck " + kExperiments + "logreg-vs-mlp/2-moons.yaml --rows 6");
  BOOST_TEST_INFO(r.out << r.err);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "moons-mlp"));
  BOOST_TEST(contains(r.out, "0.dense.weight"));
  BOOST_TEST(contains(r.out, "2.dense.bias"));
}

BOOST_AUTO_TEST_CASE(errors_have_their_exit_codes) {
  const auto unknown = e2e::neurite("gradcheck tanhh");
  BOOST_TEST(unknown.exit_code == 4);
  BOOST_TEST(contains(unknown.err, "did you mean 'tanh'?"));
  BOOST_TEST(e2e::neurite("gradcheck sgd").exit_code == 2);  // optimizers have no gradient
  BOOST_TEST(e2e::neurite("gradcheck dense --param units").exit_code == 2);
  BOOST_TEST(e2e::neurite("gradcheck dense --param unit=3").exit_code == 2);  // unknown parameter
  BOOST_TEST(e2e::neurite("gradcheck").exit_code == 2);
  BOOST_TEST(e2e::neurite("gradcheck /nonexistent/x.yaml").exit_code == 3);
}
