// Mirrors framework/src/results/compare_runs.cpp on synthetic RunResults:
// columns, sorting, grouping, baseline differences and Welch p-values, errors.
#define BOOST_TEST_MODULE compare_runs
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/results/compare.hpp>

#include <cmath>
#include <map>
#include <sstream>

using neurite::CompareOptions;
using neurite::RunResult;
using neurite::TableFormat;

namespace {
RunResult run(const std::string& experiment, int seed, double accuracy) {
  RunResult r;
  r.experiment = experiment;
  r.name = experiment + "[seed=" + std::to_string(seed) + "]";
  r.settings = {{"seed", "seed", std::to_string(seed)}};
  r.model_summary = "dense(2)";
  r.loss = "softmax_cross_entropy";
  r.parameter_count = experiment == "mlp" ? 82 : 6;
  r.epochs_run = 10;
  r.wall_seconds = 0.5;
  for (neurite::SplitMetrics* s : {&r.train, &r.validation, &r.test}) {
    s->samples = 100;
    s->accuracy = accuracy;
    s->loss = 1 - accuracy;
  }
  return r;
}

// The SciPy example of statistics_test: logreg {0.86, 0.91, 0.82}, mlp {0.96, 0.97, 0.98}.
std::vector<RunResult> runs() {
  return {run("logreg", 1, 0.86), run("mlp", 1, 0.96), run("logreg", 2, 0.91),
          run("mlp", 2, 0.97), run("logreg", 3, 0.82), run("mlp", 3, 0.98)};
}

std::vector<std::map<std::string, std::string>> csv_rows(const std::string& csv) {
  std::istringstream in(csv);
  std::string line, cell;
  std::vector<std::string> header;
  std::getline(in, line);
  for (std::istringstream h(line); std::getline(h, cell, ',');) header.push_back(cell);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> row;
    std::istringstream cells(line);
    for (const std::string& key : header) {
      std::getline(cells, cell, ',');
      row[key] = cell;
      cell.clear();
    }
    rows.push_back(row);
  }
  return rows;
}

void expect_usage_error(const CompareOptions& options, const std::string& part) {
  try {
    neurite::compare_runs(runs(), options, TableFormat::text);
    BOOST_FAIL("no error for " + part);
  } catch (const neurite::Error& e) {
    BOOST_TEST_INFO(e.what());
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(neurite::ExitCode::usage));
    BOOST_TEST(std::string(e.what()).find(part) != std::string::npos);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(default_columns_are_the_run_tables) {
  const auto rows = csv_rows(neurite::compare_runs(runs(), {}, TableFormat::csv));
  BOOST_REQUIRE(rows.size() == 6u);
  BOOST_TEST(rows[0].at("experiment") == "logreg[seed=1]");
  BOOST_TEST(rows[0].at("parameters") == "6");
  BOOST_TEST(rows[0].at("test_accuracy") == "0.86");
  BOOST_TEST(rows[0].at("validation_loss") == "0.14");
  BOOST_TEST(rows[0].at("epochs") == "10");
  BOOST_TEST(rows[0].at("wall_seconds") == "0.5");
  BOOST_TEST(rows[0].at("status") == "ok");
}

BOOST_AUTO_TEST_CASE(sort_puts_the_best_first_and_obeys_asc) {
  CompareOptions o;
  o.metrics = {"accuracy"};
  o.split = "test";
  o.sort = "accuracy";
  auto rows = csv_rows(neurite::compare_runs(runs(), o, TableFormat::csv));
  BOOST_TEST(rows.front().at("experiment") == "mlp[seed=3]");
  BOOST_TEST(rows.back().at("experiment") == "logreg[seed=3]");
  BOOST_TEST(rows.front().count("train_accuracy") == 0u);  // one split only
  o.direction = +1;
  o.sort = "test_loss";  // a column not shown, ascending by request
  rows = csv_rows(neurite::compare_runs(runs(), o, TableFormat::csv));
  BOOST_TEST(rows.front().at("experiment") == "mlp[seed=3]");
}

BOOST_AUTO_TEST_CASE(groups_have_n_mean_std_interval_and_welch_against_the_baseline) {
  CompareOptions o;
  o.metrics = {"accuracy"};
  o.split = "test";
  o.group_by = {"experiment"};
  o.baseline = "logreg";
  const auto rows = csv_rows(neurite::compare_runs(runs(), o, TableFormat::csv));
  BOOST_REQUIRE(rows.size() == 2u);
  const auto& mlp = rows[1];
  BOOST_TEST(mlp.at("group") == "mlp");
  BOOST_TEST(mlp.at("n") == "3");
  BOOST_TEST(mlp.at("metric") == "test_accuracy");
  BOOST_TEST(std::stod(mlp.at("mean")) == 0.97, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::stod(mlp.at("std")) == 0.01, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::stod(mlp.at("ci95_low")) == 0.97 - 4.302652729911275 * 0.01 / std::sqrt(3.0),
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::stod(mlp.at("difference")) == 0.97 - 0.8633333333333333, boost::test_tools::tolerance(1e-9));
  // scipy.stats.ttest_ind([.96, .97, .98], [.86, .91, .82], equal_var=False).pvalue
  BOOST_TEST(std::stod(mlp.at("p_value")) == 0.04887273895649503, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(mlp.at("significant") == "true");
  BOOST_TEST(rows[0].at("difference").empty());  // the baseline itself
}

BOOST_AUTO_TEST_CASE(text_table_is_aligned_and_states_the_test) {
  CompareOptions o;
  o.metrics = {"accuracy", "f1"};
  o.split = "test";
  o.group_by = {"experiment"};
  o.baseline = "logreg";
  const std::string text = neurite::compare_runs(runs(), o, TableFormat::text);
  std::istringstream in(text);
  std::string header, line;
  std::getline(in, header);
  BOOST_TEST(header.find("95% CI low") != std::string::npos);
  while (std::getline(in, line) && !line.empty()) BOOST_TEST(line.size() <= header.size());
  BOOST_TEST(text.find("Welch's two-sided t-test") != std::string::npos);
  BOOST_TEST(text.find("zero_division=0") != std::string::npos);
  BOOST_TEST(text.find("*") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(run_baseline_adds_differences) {
  CompareOptions o;
  o.metrics = {"accuracy"};
  o.split = "test";
  o.baseline = "logreg[seed=1]";
  const auto rows = csv_rows(neurite::compare_runs(runs(), o, TableFormat::csv));
  BOOST_TEST(rows[0].at("test_accuracy_difference").empty());
  BOOST_TEST(std::stod(rows[1].at("test_accuracy_difference")) == 0.10, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(json_keeps_full_precision_and_nulls) {
  std::vector<RunResult> r = {run("mlp", 1, 0.1 + 0.2)};
  r[0].validation.samples = 0;
  CompareOptions o;
  o.metrics = {"accuracy"};
  const std::string json = neurite::compare_runs(r, o, TableFormat::json);
  BOOST_TEST(json.find("\"test_accuracy\": 0.30000000000000004") != std::string::npos);
  BOOST_TEST(json.find("\"validation_accuracy\": null") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(failed_runs_are_left_out_of_groups) {
  auto r = runs();
  r[0].status = neurite::RunStatus::diverged;
  CompareOptions o;
  o.metrics = {"accuracy"};
  o.split = "test";
  o.group_by = {"experiment"};
  const std::string csv = neurite::compare_runs(r, o, TableFormat::csv);
  BOOST_TEST(csv_rows(csv)[0].at("n") == "2");
  BOOST_TEST(neurite::compare_runs(r, o, TableFormat::text).find("logreg: 1 run(s) failed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_names_are_usage_errors_listing_alternatives) {
  CompareOptions o;
  o.metrics = {"acc"};
  expect_usage_error(o, "unknown metric 'acc' (known: accuracy, loss");
  o = {};
  o.split = "dev";
  expect_usage_error(o, "unknown --split 'dev'");
  o = {};
  o.sort = "accuracy";
  expect_usage_error(o, "use train_accuracy, validation_accuracy or test_accuracy");
  o.sort = "test_acc";
  expect_usage_error(o, "unknown --sort key 'test_acc'");
  o = {};
  o.baseline = "nope";
  expect_usage_error(o, "not a run (known: logreg[seed=1], mlp[seed=1]");
  o.group_by = {"experiment"};
  expect_usage_error(o, "not a group (known: logreg, mlp)");
  o.group_by = {"units"};
  expect_usage_error(o, "--group-by 'units'");
}
