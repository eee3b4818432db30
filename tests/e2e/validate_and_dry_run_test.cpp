// `neurite validate`, `neurite run --dry-run` and `--set` through the real
// binary: expanded sweeps are listed with their names, overrides reach the
// runs, and a bad override is a usage error naming the --set.
#define BOOST_TEST_MODULE validate_and_dry_run
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <filesystem>
#include <fstream>

namespace {
const std::string kPath = std::string(NEURITE_SOURCE_DIR) + "/experiments/learning-path/";
}

BOOST_AUTO_TEST_CASE(dry_run_lists_every_run_of_a_sweep_without_training) {
  e2e::TempDir out("dry");
  const auto r = e2e::neurite("run --dry-run " + kPath + "03-moons-logreg-vs-mlp.yaml --out " + out.str());
  BOOST_TEST(r.exit_code == 0, r.err);
  for (const char* name : {"wildml-logreg ", "wildml-mlp[units=1] ", "wildml-mlp[units=3] ", "wildml-mlp[units=50] "})
    BOOST_TEST(r.out.find(name) != std::string::npos, name);
  BOOST_TEST(r.out.find("8 run(s)") != std::string::npos, r.out);
  BOOST_TEST(std::filesystem::is_empty(out.path));  // nothing trained, nothing written
}

BOOST_AUTO_TEST_CASE(validate_accepts_the_shipped_experiments_and_set_reaches_the_runs) {
  const auto ok = e2e::neurite("validate " + kPath + "02-xor-in-11-lines.yaml");
  BOOST_TEST(ok.exit_code == 0, ok.err);
  BOOST_TEST(ok.out.find("ok  xor-11-lines") != std::string::npos, ok.out);

  e2e::TempDir out("set");
  const auto run = e2e::neurite("run " + kPath + "02-xor-in-11-lines.yaml --quiet --format csv --set training.epochs=7 "
                                "--set model.0.dense.units=3 --out " + out.str());
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.out.find("xor-11-lines,dense(3) sigmoid dense(1) sigmoid,12,") != std::string::npos, run.out);
  BOOST_TEST(run.out.find(",7,") != std::string::npos, run.out);  // epochs run
}

BOOST_AUTO_TEST_CASE(validate_shows_each_runs_shard_plan_and_refuses_a_split_batch_norm_batch) {
  const std::string bench = std::string(NEURITE_SOURCE_DIR) + "/bench/workloads/";
  const auto c = e2e::neurite("validate " + bench + "c-mlp-sgd.yaml " + bench + "a-moons.yaml");
  BOOST_TEST(c.exit_code == 0, c.err);
  BOOST_TEST(c.out.find("c-mlp-sgd.yaml:3:1)  batch 128 in 2 shards of 64 rows\n") != std::string::npos, c.out);
  BOOST_TEST(c.out.find("a-moons.yaml:3:1)  batch 32 in 1 shard\n") != std::string::npos, c.out);

  // batch_norm needs the whole batch: an explicit smaller shard is a
  // configuration error at its line, from validate as from run (nothing trained).
  e2e::TempDir dir("bn-shards");
  const std::string file = dir.str() + "/bn.yaml";
  std::ofstream(file) << "name: bn-shards\n"
                         "data: {source: moons, samples: 200}\n"
                         "model: [{dense: {units: 8}}, {batch_norm: {}}, {activation: tanh}, {dense: {units: 2}}]\n"
                         "loss: softmax_cross_entropy\n"
                         "optimizer: {name: sgd, learning_rate: 0.1}\n"
                         "training:\n"
                         "  batch_size: 64\n"
                         "  shard_rows: 16\n";
  const std::string want = file + ":8:15: layer 1 (batch_norm) computes statistics over the whole mini-batch";
  const auto validate = e2e::neurite("validate " + file);
  BOOST_TEST(validate.exit_code == 2);
  BOOST_TEST(validate.err.find(want) != std::string::npos, validate.err);
  const auto run = e2e::neurite("run " + file + " --out " + dir.str() + "/out");
  BOOST_TEST(run.exit_code == 2);
  BOOST_TEST(run.err.find(want) != std::string::npos, run.err);
  BOOST_TEST(!std::filesystem::exists(dir.str() + "/out/bn-shards.neurite"));
}

BOOST_AUTO_TEST_CASE(a_bad_override_is_a_usage_error_naming_it) {
  const auto r = e2e::neurite("validate " + kPath + "02-xor-in-11-lines.yaml --set training.epochs=-1");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("--set training.epochs=-1: expected a positive integer for 'training.epochs', got '-1'") !=
                 std::string::npos,
             r.err);
  const auto no_equals = e2e::neurite("run " + kPath + "02-xor-in-11-lines.yaml --set training.epochs");
  BOOST_TEST(no_equals.exit_code == 2);
  BOOST_TEST(no_equals.err.find("expected KEY.PATH=VALUE") != std::string::npos, no_equals.err);
}
