// Mirrors framework/src/registry/plugin_registry.cpp: loading, every loader
// error, unknown components, and library lifetime.
#define BOOST_TEST_MODULE plugin_registry
#include <boost/test/unit_test.hpp>

#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/registry/plugin_registry.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using neurite::ComponentSpec;
using neurite::Error;
using neurite::ExitCode;
using neurite::Kind;
using neurite::PluginRegistry;

namespace {
const std::string kBuiltin = NEURITE_TEST_PLUGIN_DIR;
const std::string kFixtures = NEURITE_FIXTURE_DIR;

// Runs `f`, expecting an Error with `code` whose message contains every needle.
template <class F>
void expect_error(F&& f, ExitCode code, std::initializer_list<std::string> needles) {
  try {
    f();
  } catch (const Error& e) {
    const std::string msg = e.what();
    BOOST_TEST_INFO("message: " << msg);
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(code));
    for (const auto& needle : needles) {
      BOOST_TEST_INFO("message: " << msg << "\nexpected to contain: " << needle);
      BOOST_TEST(msg.find(needle) != std::string::npos);
    }
    return;
  }
  BOOST_FAIL("no neurite::Error was thrown");
}

PluginRegistry builtin() {
  PluginRegistry registry;
  registry.load_directory(kBuiltin);
  return registry;
}

ComponentSpec spec(std::string name, std::vector<std::pair<std::string, std::string>> params = {}) {
  ComponentSpec s;
  s.name = std::move(name);
  s.where = {"model.yaml", 4, 7};
  int line = 5;
  for (auto& [key, text] : params) s.params.push_back({key, text, {"model.yaml", line++, 12}});
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(builtin_directory_registers_every_family_in_sorted_order) {
  const auto registry = builtin();
  BOOST_TEST(registry.libraries().size() == 4u);
  BOOST_TEST(registry.find(Kind::activation, "tanh") != nullptr);
  BOOST_TEST(registry.find(Kind::layer, "dense") != nullptr);
  BOOST_TEST(registry.find(Kind::loss, "softmax_cross_entropy") != nullptr);
  BOOST_TEST(registry.find(Kind::optimizer, "adam") != nullptr);
  const auto all = registry.components();
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto before = std::make_pair(all[i - 1].info->kind, std::string(all[i - 1].info->name));
    const auto after = std::make_pair(all[i].info->kind, std::string(all[i].info->name));
    BOOST_TEST((before < after));
  }
  BOOST_TEST(registry.libraries()[0]->version == NEURITE_VERSION);
}

BOOST_AUTO_TEST_CASE(loading_the_same_library_twice_is_a_no_op) {
  auto registry = builtin();
  registry.load_directory(kBuiltin);
  BOOST_TEST(registry.libraries().size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_shared_library_is_refused) {
  const fs::path dir = fs::temp_directory_path() / ("neurite_fake_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path fake = dir / "fake.so";
  std::ofstream(fake) << "this is not an ELF file\n";
  PluginRegistry registry;
  expect_error([&] { registry.load_library(fake.string()); }, ExitCode::plugin,
               {"fake.so", "not a loadable shared library"});
  expect_error([&] { registry.load_directory(dir.string()); }, ExitCode::plugin, {"fake.so"});
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_missing_library_or_directory_is_named) {
  PluginRegistry registry;
  expect_error([&] { registry.load_library("/nonexistent/x.so"); }, ExitCode::plugin, {"/nonexistent/x.so"});
  expect_error([&] { registry.load_directory("/nonexistent/dir"); }, ExitCode::plugin, {"/nonexistent/dir"});
}

BOOST_AUTO_TEST_CASE(a_library_without_manifest_is_refused) {
  PluginRegistry registry;
  expect_error([&] { registry.load_directory(kFixtures + "/no_manifest"); }, ExitCode::plugin,
               {"no_manifest.so", "neurite_manifest"});
  BOOST_TEST(registry.components().empty());
}

BOOST_AUTO_TEST_CASE(an_abi_mismatch_names_both_versions) {
  PluginRegistry registry;
  expect_error([&] { registry.load_directory(kFixtures + "/wrong_abi"); }, ExitCode::plugin,
               {"wrong_abi.so", "version 999", "version " + std::to_string(neurite::kPluginAbiVersion)});
}

BOOST_AUTO_TEST_CASE(a_duplicate_component_name_names_both_files) {
  auto registry = builtin();
  expect_error([&] { registry.load_directory(kFixtures + "/duplicate_tanh"); }, ExitCode::plugin,
               {"duplicate_tanh.so", "neurite_activations.so", "'tanh'"});
  // Nothing of the refused library was registered.
  BOOST_TEST(registry.libraries().size() == 4u);
}

BOOST_AUTO_TEST_CASE(an_unknown_component_lists_the_known_ones_and_suggests_the_nearest) {
  const auto registry = builtin();
  expect_error([&] { registry.make_activation(spec("tanhh")); }, ExitCode::plugin,
               {"model.yaml:4:7", "unknown activation 'tanhh'", "did you mean 'tanh'?",
                "(known: ", "identity, ", "relu, ", "sigmoid, ", "softmax, ", "tanh"});
  expect_error([&] { registry.make_optimizer(spec("adma")); }, ExitCode::plugin, {"did you mean 'adam'?"});
}

BOOST_AUTO_TEST_CASE(parameters_are_checked_against_the_schema) {
  const auto registry = builtin();
  expect_error([&] { registry.make_layer(spec("dense", {{"unit", "3"}})); }, ExitCode::usage,
               {"model.yaml:5:12", "no parameter 'unit'", "did you mean 'units'?"});
  expect_error([&] { registry.make_layer(spec("dense")); }, ExitCode::usage,
               {"model.yaml:4:7", "needs parameter 'units'"});
  expect_error([&] { registry.make_layer(spec("dense", {{"units", "many"}})); }, ExitCode::usage,
               {"'units' expects an integer", "got 'many'"});
  expect_error([&] { registry.make_layer(spec("dense", {{"units", "0"}})); }, ExitCode::usage,
               {"out of range"});
  expect_error([&] { registry.make_layer(spec("dense", {{"units", "2"}, {"init", "xavier_unifrom"}})); },
               ExitCode::usage, {"did you mean 'xavier_uniform'?"});
  expect_error([&] { registry.make_optimizer(spec("adam", {{"learning_rate", "-1"}})); }, ExitCode::usage,
               {"learning_rate", "out of range"});
}

BOOST_AUTO_TEST_CASE(defaults_are_filled_in) {
  const auto registry = builtin();
  const auto* adam = registry.find(Kind::optimizer, "adam");
  const auto values = registry.resolve_params(*adam, spec("adam"));
  BOOST_TEST(values.real("learning_rate") == 0.001);
  BOOST_TEST(values.real("beta2") == 0.999);
}

BOOST_AUTO_TEST_CASE(objects_keep_their_library_loaded_after_the_registry_is_gone) {
  std::shared_ptr<neurite::Activation> tanh;
  {
    const auto registry = builtin();
    tanh = registry.make_activation(spec("tanh"));
  }
  neurite::Matrix z(1, 2), a(1, 2);
  z << 0.0f, 1.0f;
  tanh->forward(z, a);  // would crash if the library had been unloaded
  BOOST_TEST(a(0, 1) == std::tanh(1.0f), boost::test_tools::tolerance(1e-6f));
}

BOOST_AUTO_TEST_CASE(nearest_name_suggests_only_plausible_typos) {
  const std::vector<std::string> names{"identity", "relu", "sigmoid", "softmax", "tanh"};
  BOOST_TEST(neurite::nearest_name("sigmod", names) == "sigmoid");
  BOOST_TEST(neurite::nearest_name("relu6", names) == "relu");
  BOOST_TEST(neurite::nearest_name("convolution", names) == "");
}

BOOST_AUTO_TEST_CASE(a_factory_rejecting_a_parameter_combination_is_a_configuration_error) {
  const auto registry = builtin();
  expect_error([&] { registry.make_optimizer(spec("sgd", {{"learning_rate", "0.1"}, {"nesterov", "true"}})); },
               ExitCode::usage, {"model.yaml:4:7", "optimizer 'sgd'", "momentum"});
}
