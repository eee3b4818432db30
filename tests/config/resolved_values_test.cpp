// Mirrors framework/src/config/resolved_values.cpp: the schema part of a run's
// resolved values. Every key that applies is there, written or defaulted, in
// one canonical form; keys that do not apply are absent; sweep points carry
// their own values; and the text is itself an experiment that resolves to
// the same text.
#define BOOST_TEST_MODULE resolved_values
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>

#include "config/schema.hpp"

#include <yaml-cpp/yaml.h>

#include <string>

using neurite::parse_experiments;
namespace config = neurite::config;

namespace {
const std::string kMoons =
    "name: m\n"
    "data: {source: moons, noise: 2e-1}\n"
    "model:\n"
    "  - dense: {units: 4, l2: 1e-3}\n"
    "  - activation: {name: leaky_relu, negative_slope: 0.2}\n"
    "  - activation: tanh\n"
    "loss: {name: huber, delta: 2}\n"
    "optimizer: sgd\n"
    "training: {epochs: 7, shuffle: no, lr_schedule: step}\n";

YAML::Node resolved(const std::string& yaml, std::size_t run = 0, const std::string& file = "/exp/dir/e.yaml") {
  const auto specs = parse_experiments(yaml, file);
  BOOST_REQUIRE(run < specs.size());
  return YAML::Load(config::resolved_yaml(specs[run]));
}

std::string at(const YAML::Node& root, const std::string& dotted) {
  YAML::Node node = YAML::Clone(root);
  std::size_t start = 0;
  while (true) {
    const auto dot = dotted.find('.', start);
    const std::string key = dotted.substr(start, dot - start);
    node = node.IsSequence() ? node[std::stoul(key)] : node[key];
    BOOST_REQUIRE_MESSAGE(node.IsDefined(), dotted + " is missing at '" + key + "'");
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node.IsScalar() ? node.Scalar() : YAML::Dump(node);
}

bool has(const YAML::Node& map, const std::string& key) { return static_cast<bool>(map[key]); }
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_appear_for_keys_left_out) {
  const YAML::Node r = resolved(kMoons);
  BOOST_TEST(at(r, "seed") == "0");
  BOOST_TEST(at(r, "data.samples") == "1000");
  BOOST_TEST(at(r, "data.scale") == "standard");
  BOOST_TEST(at(r, "data.stratify") == "false");
  BOOST_TEST(at(r, "data.split.train") == "0.7");  // the section's default, not its keys' own
  BOOST_TEST(at(r, "data.split.validation") == "0.15");
  BOOST_TEST(at(r, "data.split.test") == "0.15");
  BOOST_TEST(at(r, "training.batch_size") == "32");
  BOOST_TEST(at(r, "training.shard_rows") == "auto");
  BOOST_TEST(at(r, "training.checkpoint_seconds") == "60");
  BOOST_TEST(at(r, "loss.reduction") == "mean");
  BOOST_TEST(at(r, "model.0.dense.l1") == "0");
  BOOST_TEST(at(r, "training.lr_schedule.step_size") == "1");
  BOOST_TEST(at(r, "training.lr_schedule.gamma") == "0.1");
  BOOST_TEST(at(r, "training.early_stopping.enabled") == "false");  // off unless the section is given
}

BOOST_AUTO_TEST_CASE(written_values_win_in_canonical_form) {
  const YAML::Node r = resolved(kMoons);
  BOOST_TEST(at(r, "name") == "m");
  BOOST_TEST(at(r, "data.source") == "moons");
  BOOST_TEST(at(r, "data.noise") == "0.2");
  BOOST_TEST(at(r, "training.epochs") == "7");
  BOOST_TEST(at(r, "training.shuffle") == "false");
  BOOST_TEST(at(r, "training.lr_schedule.name") == "step");
  BOOST_TEST(at(r, "model.0.dense.units") == "4");  // parameters as written (the registry adds the rest)
  BOOST_TEST(at(r, "model.0.dense.l2") == "0.001");
  BOOST_TEST(at(r, "model.1.activation.name") == "leaky_relu");
  BOOST_TEST(at(r, "model.1.activation.negative_slope") == "0.2");
  BOOST_TEST(at(r, "model.2.activation") == "tanh");
  BOOST_TEST(at(r, "loss.name") == "huber");
  BOOST_TEST(at(r, "loss.delta") == "2");
  BOOST_TEST(at(r, "optimizer.name") == "sgd");
  const YAML::Node es = resolved(
      "name: e\ndata: {source: xor}\nmodel: [{dense: {units: 2}}]\nloss: mse\noptimizer: sgd\n"
      "training: {early_stopping: {patience: 3}}\n");
  BOOST_TEST(at(es, "training.early_stopping.enabled") == "true");
  BOOST_TEST(at(es, "training.early_stopping.patience") == "3");
  BOOST_TEST(at(es, "training.early_stopping.monitor") == "validation_loss");
  BOOST_TEST(at(es, "training.early_stopping.restore_best_weights") == "false");
}

BOOST_AUTO_TEST_CASE(keys_that_do_not_apply_are_absent) {
  const YAML::Node moons = resolved(kMoons);
  for (const char* key : {"path", "label", "impute", "categorical", "classes", "features", "factor", "images"})
    BOOST_TEST(!has(moons["data"], key), key);
  for (const char* key : {"t_max", "milestones", "factor", "cooldown"})  // not used by `step`
    BOOST_TEST(!has(moons["training"]["lr_schedule"], key), key);
  for (const char* key : {"time_limit", "clip_grad_norm", "clip_grad_value"})  // absent: off
    BOOST_TEST(!has(moons["training"], key), key);
  BOOST_TEST(!has(moons, "sweep"));
  BOOST_TEST(!has(moons, "plugins"));
  BOOST_TEST(!has(moons["data"], "folds"));

  const YAML::Node csv = resolved(
      "name: c\ndata: {source: csv, path: ../data/iris.csv, label: species}\nmodel: [{dense: {units: 3}}]\n"
      "loss: softmax_cross_entropy\noptimizer: adam\n");
  for (const char* key : {"samples", "noise", "features", "classes", "margin"}) BOOST_TEST(!has(csv["data"], key), key);
  BOOST_TEST(at(csv, "data.path") == "/exp/data/iris.csv");  // anchored to the experiment's directory
  BOOST_TEST(at(csv, "data.label") == "species");
  BOOST_TEST(at(csv, "data.impute") == "none");
  BOOST_TEST(at(csv, "data.categorical") == "[]");
}

BOOST_AUTO_TEST_CASE(classes_left_out_are_the_sources_own_count) {
  const auto classes = [](const std::string& source) {
    return at(resolved("name: g\ndata: {source: " + source + "}\nmodel: [{dense: {units: 2}}]\nloss: mse\noptimizer: sgd\n"),
              "data.classes");
  };
  BOOST_TEST(classes("spirals") == "3");
  BOOST_TEST(classes("blobs") == "3");
  BOOST_TEST(classes("random") == "2");
  BOOST_TEST(at(resolved("name: g\ndata: {source: blobs, classes: 5}\nmodel: [{dense: {units: 2}}]\nloss: mse\noptimizer: sgd\n"),
                "data.classes") == "5");
}

BOOST_AUTO_TEST_CASE(each_sweep_point_carries_its_own_values) {
  const std::string yaml = kMoons + "sweep:\n  grid: {model.0.dense.units: [2, 9]}\n  seeds: [5, 6]\n";
  const auto specs = parse_experiments(yaml, "/exp/e.yaml");
  BOOST_REQUIRE(specs.size() == 4u);
  for (const auto& spec : specs) {
    const YAML::Node r = YAML::Load(config::resolved_yaml(spec));
    BOOST_TEST_INFO(spec.name);
    BOOST_TEST(at(r, "model.0.dense.units") == spec.sweep[0].value);
    BOOST_TEST(at(r, "seed") == std::to_string(spec.seed));
    BOOST_TEST(!has(r, "sweep"));
  }
  BOOST_TEST(config::resolved_yaml(specs[0]) != config::resolved_yaml(specs[3]));
}

BOOST_AUTO_TEST_CASE(set_overrides_and_folds_reach_the_resolved_values) {
  const auto specs = parse_experiments(kMoons + "", "/exp/e.yaml", {neurite::parse_override("training.epochs=12")});
  BOOST_TEST(at(YAML::Load(config::resolved_yaml(specs.at(0))), "training.epochs") == "12");
  const std::string folded =
      "name: f\ndata: {source: moons, folds: 3, split: {train: 0.8, test: 0.2}}\nmodel: [{dense: {units: 2}}]\n"
      "loss: mse\noptimizer: sgd\n";
  const auto folds = parse_experiments(folded, "/exp/f.yaml");
  BOOST_REQUIRE(folds.size() == 3u);
  const YAML::Node r = YAML::Load(config::resolved_yaml(folds[1]));
  BOOST_TEST(at(r, "data.folds") == "3");
  BOOST_TEST(at(r, "data.split.validation") == "0");  // ratios left out of a given split are 0
}

// The resolved values are an experiment: read back, they resolve to the same text.
BOOST_AUTO_TEST_CASE(the_resolved_values_are_an_experiment_that_resolves_to_itself) {
  for (const std::string& yaml :
       {kMoons, kMoons + "plugins: [p]\n",
        std::string("name: s\nseed: 3\ndata: {source: sine, features: 2}\nmodel: [{dense: {units: 1}}]\n"
                    "loss: {name: mse, reduction: sum}\noptimizer: {name: adam, learning_rate: 0.01}\n"
                    "training: {time_limit: 5, lr_schedule: {name: multistep, milestones: [3, 8]},\n"
                    "           early_stopping: {monitor: train_loss, enabled: false}}\n")}) {
    const auto first = parse_experiments(yaml, "/exp/e.yaml");
    const auto again = parse_experiments(config::resolved_yaml(first.at(0)), "/elsewhere/e.yaml");
    BOOST_TEST(config::resolved_yaml(again.at(0)) == config::resolved_yaml(first.at(0)));
    BOOST_TEST(again.at(0).training.epochs == first.at(0).training.epochs);
    BOOST_TEST(again.at(0).plugin_dirs == first.at(0).plugin_dirs);
  }
  const YAML::Node r = resolved(kMoons + "plugins: [p]\n");
  BOOST_TEST(at(r, "plugins") == "[/exp/dir/p]");
}
