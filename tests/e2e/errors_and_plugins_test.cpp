// The runner's user-facing errors and exit codes, and third-party plugins
// loaded from --plugin-dir, NEURITE_PLUGIN_PATH and an experiment's `plugins:`.
#define BOOST_TEST_MODULE errors_and_plugins
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

namespace {
const std::string kData = std::string(NEURITE_TEST_DATA_DIR) + "/experiments/";
const std::string kCustomPlugins = std::string(NEURITE_FIXTURE_DIR) + "/custom_activation/plugins";

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(e2e::neurite("").exit_code == 2);
  BOOST_TEST(e2e::neurite("frobnicate").exit_code == 2);
  BOOST_TEST(e2e::neurite("run --no-such-option x.yaml").exit_code == 2);
  BOOST_TEST(e2e::neurite("run").exit_code == 2);
  const auto version = e2e::neurite("--version");
  BOOST_TEST(version.exit_code == 0);
  BOOST_TEST(contains(version.out, NEURITE_VERSION));
}

BOOST_AUTO_TEST_CASE(a_missing_experiment_file_exits_3_and_names_it) {
  e2e::TempDir out("missing");
  const auto r = e2e::neurite("run /nonexistent/moons.yaml --out " + out.str());
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(contains(r.err, "/nonexistent/moons.yaml"));
}

BOOST_AUTO_TEST_CASE(malformed_yaml_exits_2_with_file_line_and_column) {
  e2e::TempDir out("malformed");
  const auto r = e2e::neurite("run " + kData + "malformed.yaml --out " + out.str());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST_INFO(r.err);
  BOOST_TEST(contains(r.err, "malformed.yaml:"));
}

BOOST_AUTO_TEST_CASE(an_unknown_activation_exits_4_with_a_suggestion) {
  e2e::TempDir out("unknown");
  const auto r = e2e::neurite("run " + kData + "unknown_activation.yaml --out " + out.str());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST_INFO(r.err);
  BOOST_TEST(contains(r.err, "unknown_activation.yaml:5:"));
  BOOST_TEST(contains(r.err, "did you mean 'tanh'?"));
  BOOST_TEST(contains(r.err, "(known: "));  // the whole catalogue of activations, sorted
  BOOST_TEST(contains(r.err, "identity, "));
  BOOST_TEST(contains(r.err, "relu, "));
}

BOOST_AUTO_TEST_CASE(a_diverging_run_exits_1_and_the_others_still_run) {
  e2e::TempDir out("diverge");
  const auto r = e2e::neurite("run " + kData + "diverges.yaml --quiet --format csv --out " + out.str());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST_INFO(r.out << r.err);
  BOOST_TEST(contains(r.out, "healthy"));
  BOOST_TEST(contains(r.out, "diverged"));
  BOOST_TEST(contains(r.err, "diverges"));
  BOOST_TEST(std::filesystem::exists(out.path / "healthy.neurite"));
}

BOOST_AUTO_TEST_CASE(a_custom_plugin_from_plugin_dir_trains) {
  e2e::TempDir out("custom");
  const auto r = e2e::neurite("run " + kData + "custom_plugin.yaml --quiet --format csv --plugin-dir " +
                              kCustomPlugins + " --out " + out.str());
  BOOST_TEST_INFO(r.err);
  BOOST_TEST(r.exit_code == 0);
  const auto rows = e2e::parse_csv(r.out);
  BOOST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[1][1] == "dense(16) scaled_tanh dense(2)");
  BOOST_TEST(std::stod(rows[1][8]) > 0.9);  // test accuracy on moons
}

BOOST_AUTO_TEST_CASE(a_custom_plugin_from_the_environment_or_the_experiment_file_trains) {
  e2e::TempDir out("custom_env");
  const auto env = e2e::neurite("plugins list", "NEURITE_PLUGIN_PATH=" + kCustomPlugins);
  BOOST_TEST(env.exit_code == 0);
  BOOST_TEST(contains(env.out, "scaled_tanh"));

  // The same experiment with `plugins:` naming the directory.
  std::ifstream in(kData + "custom_plugin.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), {});
  const auto file = out.path / "with_plugins.yaml";
  std::ofstream(file) << "plugins: [" << kCustomPlugins << "]\n" << yaml;
  const auto r = e2e::neurite("run " + file.string() + " --quiet --out " + out.str());
  BOOST_TEST_INFO(r.err);
  BOOST_TEST(r.exit_code == 0);

  const auto described = e2e::neurite("plugins describe scaled_tanh --plugin-dir " + kCustomPlugins);
  BOOST_TEST(described.exit_code == 0);
  BOOST_TEST(contains(described.out, "slope"));
}

BOOST_AUTO_TEST_CASE(without_the_plugin_the_experiment_fails_with_exit_4) {
  e2e::TempDir out("noplugin");
  const auto r = e2e::neurite("run " + kData + "custom_plugin.yaml --out " + out.str());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(contains(r.err, "unknown activation 'scaled_tanh'"));
}

BOOST_AUTO_TEST_CASE(comparing_a_corrupt_archive_exits_3) {
  e2e::TempDir dir("corrupt");
  std::ofstream(dir.path / "bad.neurite") << "not an archive";
  const auto r = e2e::neurite("compare " + (dir.path / "bad.neurite").string());
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(contains(r.err, "bad.neurite"));
}

BOOST_AUTO_TEST_CASE(a_name_used_twice_in_a_batch_is_refused_and_the_first_run_kept) {
  e2e::TempDir dir("dup");
  const std::string yaml =
      "name: same\ndata: {source: xor, samples: 4, split: {train: 1.0}}\nmodel:\n  - dense: {units: 2}\n"
      "loss: softmax_cross_entropy\noptimizer: adam\ntraining: {epochs: 2}\n";
  std::ofstream(dir.path / "a.yaml") << yaml;
  std::ofstream(dir.path / "b.yaml") << yaml;
  const auto r = e2e::neurite("run " + dir.str() + " --quiet --out " + (dir.path / "out").string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST_INFO(r.err);
  BOOST_TEST(contains(r.err, "b.yaml:1:1: experiment name 'same' is already used at"));
  BOOST_TEST(contains(r.err, "a.yaml:1:1"));
  BOOST_TEST(std::filesystem::exists(dir.path / "out" / "same.neurite"));
}

BOOST_AUTO_TEST_CASE(a_layer_that_cannot_take_its_input_exits_2_at_its_entry) {
  e2e::TempDir out("shape");
  const auto r = e2e::neurite("run " + kData + "image_does_not_fit.yaml --out " + out.str());
  BOOST_TEST_INFO(r.err);
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "image_does_not_fit.yaml:5:5"));
  BOOST_TEST(contains(r.err, "layer 0 (conv2d) cannot take its input"));
}
