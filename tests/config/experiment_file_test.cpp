// Mirrors framework/src/config/: experiment files parse into ExperimentSpecs,
// and every user error is a usage error at file:line:column saying what was
// expected.
#define BOOST_TEST_MODULE experiment_file
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>

#include <string>

using neurite::Error;
using neurite::ExitCode;
using neurite::ModelEntry;
using neurite::parse_experiments;

namespace {
const std::string kDataDir = NEURITE_TEST_DATA_DIR;

// A minimal valid experiment; tests append or replace lines to break it.
const std::string kMinimal =
    "name: e\n"
    "data: {source: xor, samples: 8}\n"
    "model:\n"
    "  - dense: {units: 2}\n"
    "loss: mse\n"
    "optimizer: sgd\n";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  BOOST_REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

// Parses `yaml` as "exp.yaml" and checks the error's code, position and text.
void expect_error(const std::string& yaml, const std::string& line_column,
                  const std::string& fragment, ExitCode code = ExitCode::usage) {
  try {
    parse_experiments(yaml, "exp.yaml");
  } catch (const Error& e) {
    const std::string message = e.what();
    BOOST_CHECK_MESSAGE(e.code() == code, "exit code of: " << message);
    BOOST_CHECK_MESSAGE(message.rfind("exp.yaml:" + line_column + ": ", 0) == 0,
                        "want exp.yaml:" << line_column << ", got: " << message);
    BOOST_CHECK_MESSAGE(message.find(fragment) != std::string::npos,
                        "want '" << fragment << "', got: " << message);
    return;
  }
  BOOST_FAIL("no error for:\n" << yaml);
}
}  // namespace

BOOST_AUTO_TEST_CASE(valid_file_parses_into_the_full_spec) {
  const std::string path = kDataDir + "/config/moons-mlp.yaml";
  const auto specs = neurite::load_experiment_file(path);
  BOOST_REQUIRE_EQUAL(specs.size(), 1u);
  const auto& s = specs[0];
  BOOST_TEST(s.name == "moons-mlp");
  BOOST_TEST(s.seed == 7u);
  BOOST_TEST(s.source_file == path);
  BOOST_TEST(s.where.line == 2);
  BOOST_REQUIRE_EQUAL(s.plugin_dirs.size(), 2u);
  BOOST_TEST(s.plugin_dirs[0] == kDataDir + "/config/my_plugins");
  BOOST_TEST(s.plugin_dirs[1] == "/opt/neurite/plugins");

  BOOST_TEST(s.data.source == "moons");
  BOOST_TEST(s.data.samples == 1000u);
  BOOST_TEST(s.data.noise == 0.2);
  BOOST_TEST(s.data.split.train == 0.7);
  BOOST_TEST(s.data.split.validation == 0.15);
  BOOST_TEST(s.data.split.test == 0.15);
  BOOST_TEST(s.data.scale == "standard");
  BOOST_TEST(s.data.where.line == 5);

  BOOST_REQUIRE_EQUAL(s.model.size(), 4u);
  const auto& dense = s.model[0];
  BOOST_TEST((dense.type == ModelEntry::Type::layer));
  BOOST_TEST(dense.component.name == "dense");
  BOOST_TEST(dense.component.where.str() == path + ":7:5");
  BOOST_REQUIRE_EQUAL(dense.component.params.size(), 2u);
  BOOST_TEST(dense.component.params[0].key == "units");
  BOOST_TEST(dense.component.params[0].text == "16");
  BOOST_TEST(dense.component.params[0].where.str() == path + ":7:20");
  BOOST_TEST(dense.component.params[1].key == "init");
  BOOST_TEST(dense.component.params[1].text == "xavier_uniform");

  BOOST_TEST((s.model[1].type == ModelEntry::Type::activation));
  BOOST_TEST(s.model[1].component.name == "tanh");
  BOOST_TEST(s.model[1].component.params.empty());
  BOOST_TEST(s.model[1].component.where.str() == path + ":8:17");

  const auto& leaky = s.model[2].component;
  BOOST_TEST((s.model[2].type == ModelEntry::Type::activation));
  BOOST_TEST(leaky.name == "leaky_relu");
  BOOST_TEST(leaky.where.str() == path + ":9:24");
  BOOST_REQUIRE_EQUAL(leaky.params.size(), 1u);
  BOOST_TEST(leaky.params[0].key == "negative_slope");
  BOOST_TEST(leaky.params[0].text == "0.1");
  BOOST_TEST(leaky.params[0].where.str() == path + ":9:52");
  BOOST_TEST(s.model[3].component.params[0].text == "2");

  BOOST_TEST(s.loss.name == "softmax_cross_entropy");
  BOOST_TEST(s.loss.params.empty());
  BOOST_TEST(s.optimizer.name == "adam");
  BOOST_REQUIRE_EQUAL(s.optimizer.params.size(), 1u);
  BOOST_TEST(s.optimizer.params[0].key == "learning_rate");
  BOOST_TEST(s.optimizer.params[0].text == "0.01");

  BOOST_TEST(s.training.epochs == 200);
  BOOST_TEST(s.training.batch_size == 32);
  BOOST_TEST(s.training.shard_rows == 256);
  BOOST_TEST(s.training.shuffle == false);
  BOOST_TEST(s.training.early_stopping.enabled);
  BOOST_TEST(s.training.early_stopping.monitor == "validation_loss");
  BOOST_TEST(s.training.early_stopping.patience == 20);
  BOOST_TEST(s.training.early_stopping.min_delta == 0.001);
  BOOST_TEST(s.yaml_text.find("name: moons-mlp") != std::string::npos);
  BOOST_TEST(s.yaml_text.find("# A complete experiment") == 0u);  // the file as written
}

BOOST_AUTO_TEST_CASE(defaults_apply_to_optional_keys) {
  const auto specs = parse_experiments(kMinimal, "exp.yaml");
  BOOST_REQUIRE_EQUAL(specs.size(), 1u);
  const auto& s = specs[0];
  BOOST_TEST(s.seed == 0u);
  BOOST_TEST(s.plugin_dirs.empty());
  BOOST_TEST(s.data.noise == 0.0);
  BOOST_TEST(s.data.split.train == 0.7);
  BOOST_TEST(s.data.scale == "standard");
  BOOST_TEST(s.training.epochs == 100);
  BOOST_TEST(s.training.shuffle);
  BOOST_TEST(!s.training.early_stopping.enabled);
}

BOOST_AUTO_TEST_CASE(sequence_holds_several_experiments) {
  const std::string path = kDataDir + "/config/two-experiments.yaml";
  const auto specs = neurite::load_experiment_file(path);
  BOOST_REQUIRE_EQUAL(specs.size(), 2u);
  BOOST_TEST(specs[0].name == "xor-small");
  BOOST_TEST(specs[0].where.line == 1);
  BOOST_TEST(specs[1].name == "from-csv");
  BOOST_TEST(specs[1].where.line == 6);
  BOOST_TEST(specs[1].seed == 3u);
  BOOST_TEST(specs[1].data.path == kDataDir + "/csv/iris_small.csv");  // relative to the file
  BOOST_TEST(specs[1].data.label_column == "species");
  BOOST_TEST(specs[1].data.scale == "none");
  BOOST_TEST(specs[1].optimizer.params.size() == 2u);
  // Each experiment's yaml_text is that experiment alone, and parses back to it.
  for (const auto& spec : specs) {
    const auto again = parse_experiments(spec.yaml_text, path);
    BOOST_REQUIRE_EQUAL(again.size(), 1u);
    BOOST_TEST(again[0].name == spec.name);
    BOOST_TEST(again[0].model.size() == spec.model.size());
  }
  BOOST_TEST(specs[0].yaml_text.find("from-csv") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_yaml_reports_its_position) {
  const std::string path = kDataDir + "/config/malformed.yaml";
  try {
    neurite::load_experiment_file(path);
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    const std::string message = e.what();
    BOOST_TEST_INFO(message);
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(message.rfind(path + ":", 0) == 0);
    BOOST_TEST(message.find("invalid YAML") != std::string::npos);
  }
  expect_error("name: [a, b\n", "2:1", "invalid YAML");
}

BOOST_AUTO_TEST_CASE(unknown_keys_suggest_the_nearest_allowed_key) {
  expect_error(replace(kMinimal, "loss:", "sed: 3\nloss:"), "5:1",
               "unknown key 'sed' in 'experiment'; did you mean 'seed'? (allowed: data, extends, loss, "
               "model, name, optimizer, plugins, seed, sweep, training)");
  expect_error(kMinimal + "training: {epochs: 5, batchsize: 3}\n", "7:23",
               "unknown key 'batchsize' in 'training'; did you mean 'batch_size'?");
  expect_error(replace(kMinimal, "samples: 8", "sampels: 8"), "2:21",
               "unknown key 'sampels' in 'data'; did you mean 'samples'?");
  expect_error(kMinimal + "training: {zzz: 1}\n", "7:12", "unknown key 'zzz' in 'training' (allowed:");
  expect_error(replace(kMinimal, "source: xor", "source: moon"), "2:16",
               "unknown value 'moon' in 'data.source'; did you mean 'moons'?");
}

BOOST_AUTO_TEST_CASE(wrong_types_say_what_was_expected) {
  expect_error(kMinimal + "training: {epochs: abc}\n", "7:20",
               "expected a positive integer for 'training.epochs', got 'abc'");
  expect_error(kMinimal + "training: {shuffle: maybe}\n", "7:21",
               "expected true or false for 'training.shuffle', got 'maybe'");
  expect_error(replace(kMinimal, "name: e", "name: [e]"), "1:7", "expected a string for 'name', got a list");
  expect_error(replace(kMinimal, "name: e", "name: e\nseed: -1"), "2:7",
               "expected an unsigned integer for 'seed', got '-1'");
  expect_error(replace(kMinimal, "units: 2", "units: [1, 2]"), "4:20",
               "for 'model.0.dense.units', got a list");
  expect_error(replace(kMinimal, "  - dense: {units: 2}", "  - dense: {units: 2}\n    activation: tanh"),
               "4:5", "expected a one-key mapping");
  expect_error(replace(kMinimal, "model:\n  - dense: {units: 2}", "model: []"), "3:8",
               "expected a non-empty list of layers for 'model'");
  expect_error(replace(kMinimal, "optimizer: sgd", "optimizer: {learning_rate: 0.1}"), "6:12",
               "missing required key 'optimizer.name'");
}

BOOST_AUTO_TEST_CASE(out_of_range_values_are_rejected) {
  expect_error(replace(kMinimal, "samples: 8", "samples: 0"), "2:30",
               "expected a positive integer for 'data.samples', got '0'");
  expect_error(replace(kMinimal, "samples: 8", "noise: -0.5"), "2:28",
               "expected a number >= 0 for 'data.noise', got '-0.5'");
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: circles, factor: 1.5"), "2:33",
               "expected a number in (0, 1) for 'data.factor', got '1.5'");
  expect_error(replace(kMinimal, "samples: 8", "factor: 0.5"), "2:21",
               "'data.factor' is not used with source: xor (only with circles)");
  expect_error(kMinimal + "training: {batch_size: 0}\n", "7:24",
               "expected a positive integer for 'training.batch_size', got '0'");
  expect_error(kMinimal + "training: {early_stopping: {patience: -1}}\n", "7:39",
               "expected an integer >= 0 for 'training.early_stopping.patience', got '-1'");
}

BOOST_AUTO_TEST_CASE(missing_required_keys_are_named) {
  expect_error(replace(kMinimal, "name: e\n", ""), "1:1", "missing required key 'name' in experiment");
  expect_error(replace(kMinimal, "loss: mse\n", ""), "1:1", "missing required key 'loss'");
  expect_error(replace(kMinimal, "source: xor, ", ""), "2:7", "missing required key 'data.source' in 'data'");
}

BOOST_AUTO_TEST_CASE(duplicate_experiment_names_and_keys_are_errors) {
  const std::string item =
      "- name: e\n"
      "  data: {source: xor}\n"
      "  model: [{dense: {units: 2}}]\n"
      "  loss: mse\n"
      "  optimizer: sgd\n";
  expect_error(item + item, "6:3", "duplicate experiment name 'e' (first defined at line 1)");
  expect_error(replace(kMinimal, "loss: mse", "loss: mse\nloss: mae"), "6:1", "duplicate key 'loss'");
}

BOOST_AUTO_TEST_CASE(split_ratios_must_sum_to_one) {
  expect_error(replace(kMinimal, "samples: 8", "split: {train: 0.7, validation: 0.2, test: 0.15}"),
               "2:28", "split ratios must sum to 1, got 0.7 + 0.2 + 0.15 = 1.05");
  expect_error(replace(kMinimal, "samples: 8", "split: {train: 0, test: 1}"), "2:36",
               "expected a number in (0, 1] for 'data.split.train', got '0'");
  const auto ok = parse_experiments(replace(kMinimal, "samples: 8", "split: {train: 0.8, test: 0.2}"), "x.yaml");
  BOOST_TEST(ok[0].data.split.validation == 0.0);  // left out of an explicit split
}

BOOST_AUTO_TEST_CASE(csv_source_requires_path_and_label) {
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: csv, label: y"), "2:7",
               "missing required key 'data.path' in 'data'");
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: csv, path: d.csv"), "2:7",
               "missing required key 'data.label' in 'data'");
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: csv, path: d.csv, label: y, samples: 3"),
               "2:44", "'data.samples' is not used with source: csv");
  const auto ok = parse_experiments(
      replace(kMinimal, "source: xor, samples: 8", "source: csv, path: sub/d.csv, label: y"), "dir/x.yaml");
  BOOST_TEST(ok[0].data.path == "dir/sub/d.csv");
}

BOOST_AUTO_TEST_CASE(empty_and_missing_files) {
  expect_error("", "1:1", "no experiment in the file");
  expect_error("- 3\n", "1:3", "expected a mapping for 'experiment', got '3'");
  try {
    neurite::load_experiment_file(kDataDir + "/config/does-not-exist.yaml");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::data));
    BOOST_TEST(std::string(e.what()).find("does-not-exist.yaml") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(collect_expands_directories_sorted_by_name) {
  const std::string dir = kDataDir + "/config";
  const auto files = neurite::collect_experiment_files({dir, kDataDir + "/csv/quoted.csv"});
  BOOST_REQUIRE_EQUAL(files.size(), 4u);
  BOOST_TEST(files[0] == dir + "/malformed.yaml");
  BOOST_TEST(files[1] == dir + "/moons-mlp.yaml");
  BOOST_TEST(files[2] == dir + "/two-experiments.yaml");
  BOOST_TEST(files[3] == kDataDir + "/csv/quoted.csv");  // files stay as given
  try {
    neurite::collect_experiment_files({dir + "/nope"});
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::data));
    BOOST_TEST(std::string(e.what()).find("nope") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(random_source_reads_features_and_classes) {
  const auto ok = parse_experiments(
      replace(kMinimal, "source: xor, samples: 8", "source: random, samples: 60, features: 784, classes: 10"),
      "x.yaml");
  BOOST_TEST(ok[0].data.source == "random");
  BOOST_TEST(ok[0].data.samples == 60u);
  BOOST_TEST(ok[0].data.features == 784u);
  BOOST_TEST(ok[0].data.classes == 10);
  const auto defaults = parse_experiments(replace(kMinimal, "source: xor", "source: random"), "x.yaml");
  BOOST_TEST(defaults[0].data.features == 2u);
  BOOST_TEST(defaults[0].data.classes == 0);  // the source's own default (2 for random)
}

BOOST_AUTO_TEST_CASE(random_source_keys_are_checked_and_only_for_random) {
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: random, features: 0"), "2:34",
               "expected a positive integer for 'data.features', got '0'");
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: random, classes: 1"), "2:33",
               "expected an integer >= 2 for 'data.classes', got '1'");
  expect_error(replace(kMinimal, "samples: 8", "features: 3"), "2:21",
               "'data.features' is not used with source: xor (only with random, blobs, linear, sine)");
  expect_error(replace(kMinimal, "samples: 8", "classes: 3"), "2:21",
               "'data.classes' is not used with source: xor (only with random, spirals, blobs)");
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: random, noise: 0.1"), "2:24",
               "'data.noise' is not used with source: random (only with xor, moons, circles, spirals, sine)");
  expect_error(replace(kMinimal, "source: xor, samples: 8", "source: csv, path: d.csv, label: y, classes: 3"),
               "2:44", "'data.classes' is not used with source: csv (only with random, spirals, blobs)");
}

BOOST_AUTO_TEST_CASE(shard_rows_is_auto_by_default_or_a_positive_integer) {
  BOOST_TEST(parse_experiments(kMinimal, "exp.yaml")[0].training.shard_rows == 0);  // 0 = auto
  BOOST_TEST(parse_experiments(kMinimal + "training: {shard_rows: auto}\n", "exp.yaml")[0].training.shard_rows == 0);
  BOOST_TEST(parse_experiments(kMinimal + "training: {shard_rows: 48}\n", "exp.yaml")[0].training.shard_rows == 48);
  expect_error(kMinimal + "training: {shard_rows: automatic}\n", "7:24",
               "expected 'auto' or a positive integer for 'training.shard_rows', got 'automatic'");
  expect_error(kMinimal + "training: {shard_rows: 0}\n", "7:24", "'training.shard_rows'");
}

BOOST_AUTO_TEST_CASE(loss_reduction_and_layer_penalties_go_to_the_trainer) {
  const std::string yaml = replace(replace(kMinimal, "units: 2}", "units: 2, l2: 0.01, l1: 0.002}"), "loss: mse",
                                   "loss: {name: mse, reduction: sum}");
  const auto specs = parse_experiments(yaml + "training: {clip_grad_norm: 1.5, lr_schedule: {name: step, step_size: 2}}\n",
                                       "exp.yaml");
  const auto& s = specs.at(0);
  BOOST_TEST(s.model[0].l2 == 0.01);
  BOOST_TEST(s.model[0].l1 == 0.002);
  BOOST_TEST(s.model[0].component.params.size() == 1u);  // only units reaches the plugin
  BOOST_TEST(s.loss.params.empty());                      // reduction does not reach it either
  BOOST_TEST((s.training.loss_reduction == neurite::LossReduction::sum));
  BOOST_TEST(s.training.clip_grad_norm == 1.5);
  BOOST_TEST(s.training.lr_schedule.name == "step");
  BOOST_TEST(s.training.lr_schedule.step_size == 2);
  BOOST_TEST((parse_experiments(kMinimal, "exp.yaml").at(0).training.loss_reduction == neurite::LossReduction::mean));
}

BOOST_AUTO_TEST_CASE(reduction_and_penalties_are_checked) {
  expect_error(replace(kMinimal, "loss: mse", "loss: {name: mse, reduction: avg}"), "5:30",
               "unknown value 'avg' in 'loss.reduction' (expected one of: mean, sum)");
  expect_error(replace(kMinimal, "optimizer: sgd", "optimizer: {name: sgd, reduction: sum}"), "6:24",
               "'reduction' belongs to the loss");
  expect_error(replace(kMinimal, "units: 2}", "units: 2, l2: -1}"), "4:27",
               "expected a number >= 0 for 'model.0.dense.l2'");
  expect_error(kMinimal + "training: {lr_schedule: {name: step, gama: 0.5}}\n", "7:38",
               "unknown key 'gama' in 'training.lr_schedule'; did you mean 'gamma'?");
}

BOOST_AUTO_TEST_CASE(reduction_is_a_trainer_key_of_the_loss_only) {
  // Anywhere else it stays a parameter, so the registry refuses it by name instead of
  // the file silently losing it.
  const std::string yaml = replace(kMinimal, "  - dense: {units: 2}",
                                   "  - dense: {units: 2}\n  - activation: {name: tanh, reduction: sum}");
  const auto specs = parse_experiments(yaml, "exp.yaml");
  const auto& act = specs.at(0).model.at(1).component;
  BOOST_TEST_REQUIRE(act.params.size() == 1u);
  BOOST_TEST(act.params[0].key == "reduction");
}
