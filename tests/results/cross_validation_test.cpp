// Mirrors framework/src/results/cross_validation.cpp: fold runs group back
// into their experiment and sweep point, with mean, sample std, min and max.
#define BOOST_TEST_MODULE cross_validation
#include <boost/test/unit_test.hpp>

#include <neurite/results/cross_validation.hpp>

#include <cmath>

using neurite::RunResult;

namespace {
RunResult fold_run(const std::string& experiment, std::vector<neurite::RunSetting> settings, double accuracy,
                   double loss) {
  RunResult r;
  r.experiment = experiment;
  r.name = experiment;
  r.settings = std::move(settings);
  r.validation.samples = 10;
  r.validation.accuracy = accuracy;
  r.validation.loss = loss;
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(folds_group_by_experiment_and_the_other_settings) {
  std::vector<RunResult> runs;
  for (int i = 0; i < 3; ++i) {
    runs.push_back(fold_run("m", {{"units", "model.0.dense.units", "8"}, {"fold", "data.fold", std::to_string(i + 1)}},
                            0.8 + 0.1 * i, 1.0 - 0.1 * i));
    runs.push_back(fold_run("m", {{"units", "model.0.dense.units", "16"}, {"fold", "data.fold", std::to_string(i + 1)}},
                            0.9, 0.5));
  }
  runs.push_back(fold_run("plain", {}, 0.5, 0.5));  // not a fold run: left out
  runs.back().status = neurite::RunStatus::ok;
  runs[4].status = neurite::RunStatus::diverged;    // units=8, fold 3: counted as failed

  const auto cv = neurite::summarize_folds(runs);
  BOOST_REQUIRE_EQUAL(cv.size(), 2u);
  BOOST_TEST(cv[0].group == "m[units=8]");
  BOOST_TEST(cv[0].folds == 2);
  BOOST_TEST(cv[0].failed == 1);
  BOOST_TEST(cv[0].scores[0].metric == "validation accuracy");
  BOOST_TEST(cv[0].scores[0].mean == 0.85, boost::test_tools::tolerance(1e-12));
  // Sample standard deviation of {0.8, 0.9}: |0.9 - 0.8| / sqrt(2).
  BOOST_TEST(cv[0].scores[0].stddev == 0.1 / std::sqrt(2.0), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(cv[0].scores[0].min == 0.8, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(cv[0].scores[0].max == 0.9, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(cv[1].group == "m[units=16]");
  BOOST_TEST(cv[1].folds == 3);
  BOOST_TEST(cv[1].scores[0].stddev == 0.0);

  const std::string text = neurite::format_cross_validation(cv);
  BOOST_TEST(text.find("cross-validation, 2 fold(s) (1 failed): m[units=8]") != std::string::npos, text);
  BOOST_TEST(text.find("validation accuracy  0.8500 ± 0.0707  (min 0.8000, max 0.9000)") != std::string::npos, text);
  BOOST_TEST(neurite::format_cross_validation(neurite::summarize_folds({runs.back()})).empty());
}

BOOST_AUTO_TEST_CASE(regression_folds_report_rmse_and_r2) {
  RunResult r = fold_run("sine", {{"fold", "data.fold", "1"}}, 0, 0);
  r.regression = true;
  r.validation.rmse = 0.2;
  r.validation.r2 = 0.95;
  const auto cv = neurite::summarize_folds({r});
  BOOST_REQUIRE_EQUAL(cv.size(), 1u);
  BOOST_TEST(cv[0].scores[0].metric == "validation rmse");
  BOOST_TEST(cv[0].scores[1].mean == 0.95);
}
