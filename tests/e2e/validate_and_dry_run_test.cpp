// `neurite validate`, `neurite run --dry-run` and `--set` through the real
// binary: expanded sweeps are listed with their names, overrides reach the
// runs, and a bad override is a usage error naming the --set.
#define BOOST_TEST_MODULE validate_and_dry_run
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

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
