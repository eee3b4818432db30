// Mirrors framework/src/results/aggregate.cpp: group labels and unknown keys.
#define BOOST_TEST_MODULE aggregate
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/results/aggregate.hpp>

namespace {
neurite::RunResult run(const std::string& experiment, const std::string& units, const std::string& seed) {
  neurite::RunResult r;
  r.experiment = experiment;
  r.name = experiment + "[units=" + units + ",seed=" + seed + "]";
  r.settings = {{"units", "model.0.dense.units", units}, {"seed", "seed", seed}};
  return r;
}

std::vector<neurite::RunResult> sweep() {
  return {run("mlp", "8", "1"), run("mlp", "16", "1"), run("mlp", "8", "2"), run("mlp", "16", "2")};
}
}  // namespace

BOOST_AUTO_TEST_CASE(experiment_and_a_setting_pool_the_seeds) {
  const auto runs = sweep();
  const auto groups = neurite::group_runs(runs, {"experiment", "units"});
  BOOST_REQUIRE(groups.size() == 2u);
  BOOST_TEST(groups[0].label == "mlp[units=8]");
  BOOST_TEST(groups[1].label == "mlp[units=16]");
  BOOST_TEST(groups[0].runs.size() == 2u);
  BOOST_TEST(groups[0].runs[1] == &runs[2]);
}

BOOST_AUTO_TEST_CASE(experiment_alone_pools_every_setting) {
  auto runs = sweep();
  neurite::RunResult plain;
  plain.name = "logreg";  // no experiment field (an older archive): its name
  runs.push_back(plain);
  const auto groups = neurite::group_runs(runs, {"experiment"});
  BOOST_REQUIRE(groups.size() == 2u);
  BOOST_TEST(groups[0].label == "mlp");
  BOOST_TEST(groups[0].runs.size() == 4u);
  BOOST_TEST(groups[1].label == "logreg");
}

BOOST_AUTO_TEST_CASE(a_setting_alone_labels_without_experiment_and_marks_missing_values) {
  auto runs = sweep();
  neurite::RunResult plain;
  plain.name = plain.experiment = "logreg";
  runs.push_back(plain);
  const auto groups = neurite::group_runs(runs, {"seed"});
  BOOST_REQUIRE(groups.size() == 3u);
  BOOST_TEST(groups[0].label == "seed=1");
  BOOST_TEST(groups[2].label == "seed=-");
}

BOOST_AUTO_TEST_CASE(unknown_key_is_a_usage_error_listing_the_keys) {
  try {
    neurite::group_runs(sweep(), {"unit"});
    BOOST_FAIL("no error");
  } catch (const neurite::Error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(neurite::ExitCode::usage));
    BOOST_TEST(std::string(e.what()).find("'unit'") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("(known: experiment, seed, units)") != std::string::npos);
  }
}
