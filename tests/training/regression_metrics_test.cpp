// Mirrors framework/src/training/regression_metrics.cpp: RMSE and R^2 against
// a tiny example worked out by hand (the same numbers as scikit-learn's
// root_mean_squared_error and r2_score, multioutput='uniform_average'), and
// the trainer's evaluation reporting them for a network with set weights.
#define BOOST_TEST_MODULE regression_metrics
#include <boost/test/unit_test.hpp>

#include <neurite/network/network.hpp>
#include <neurite/testing/plugins.hpp>
#include <neurite/training/regression_metrics.hpp>
#include <neurite/training/trainer.hpp>

#include <cmath>
#include <vector>

namespace nt = neurite::testing;
using namespace neurite;

namespace {
const Matrix kTargets = (Matrix(3, 2) << 1, 2, 2, 4, 3, 9).finished();
// Column means 2 and 5: SS_tot = (1 + 0 + 1, 9 + 1 + 16) = (2, 26).

struct Scores {
  double rmse, r2;
};

Scores scores_of(const Matrix& pred, const Matrix& target) {
  std::vector<double> res(static_cast<std::size_t>(target.cols()), 0.0), tot(res.size(), -1.0);
  add_squared_error(pred, target, res);
  total_squares(target, tot);
  const RegressionScores s = regression_scores(res, tot, target.rows());
  return {s.rmse, s.r2};
}
}  // namespace

BOOST_AUTO_TEST_CASE(sums_per_column) {
  const Matrix pred = (Matrix(3, 2) << 1.5, 2, 2, 5, 2, 7).finished();
  std::vector<double> res = {10.0, 20.0}, tot = {-1.0, -1.0};
  add_squared_error(pred, kTargets, res);  // adds: 0.25 + 0 + 1 and 0 + 1 + 4
  BOOST_TEST(res[0] == 11.25);
  BOOST_TEST(res[1] == 25.0);
  total_squares(kTargets, tot);  // assigns
  BOOST_TEST(tot[0] == 2.0);
  BOOST_TEST(tot[1] == 26.0);
}

BOOST_AUTO_TEST_CASE(uniform_average_over_outputs_of_a_hand_worked_example) {
  const Matrix pred = (Matrix(3, 2) << 1.5, 2, 2, 5, 2, 7).finished();
  // SS_res = (1.25, 5): RMSE = (sqrt(1.25 / 3) + sqrt(5 / 3)) / 2,
  // R^2 = ((1 - 1.25 / 2) + (1 - 5 / 26)) / 2.
  const Scores s = scores_of(pred, kTargets);
  BOOST_TEST(s.rmse == (std::sqrt(1.25 / 3) + std::sqrt(5.0 / 3)) / 2, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.rmse == 0.9682458365518543, boost::test_tools::tolerance(1e-12));  // sklearn
  BOOST_TEST(s.r2 == 0.5913461538461539, boost::test_tools::tolerance(1e-12));    // sklearn
}

BOOST_AUTO_TEST_CASE(perfect_predictions_score_zero_and_one) {
  const Scores s = scores_of(kTargets, kTargets);
  BOOST_TEST(s.rmse == 0.0);
  BOOST_TEST(s.r2 == 1.0);
}

BOOST_AUTO_TEST_CASE(predicting_the_mean_scores_zero_and_worse_is_negative) {
  Matrix mean(3, 2);
  mean << 2, 5, 2, 5, 2, 5;
  BOOST_TEST(scores_of(mean, kTargets).r2 == 0.0, boost::test_tools::tolerance(1e-12));
  Matrix worse = mean;
  worse.col(1).setConstant(6.0f);  // SS_res of column 1: 16 + 4 + 9 = 29 > 26
  BOOST_TEST(scores_of(worse, kTargets).r2 == (0.0 + (1.0 - 29.0 / 26.0)) / 2, boost::test_tools::tolerance(1e-12));
}

// r2_score's force_finite: a constant target column scores 1 when predicted
// exactly and 0 otherwise, instead of 0/0 or -inf.
BOOST_AUTO_TEST_CASE(a_constant_target_column_scores_one_or_zero) {
  const Matrix target = (Matrix(3, 2) << 1, 5, 2, 5, 3, 5).finished();
  Matrix pred = target;
  BOOST_TEST(scores_of(pred, target).r2 == 1.0);
  pred(2, 1) = 5.5f;
  BOOST_TEST(scores_of(pred, target).r2 == 0.5);  // sklearn: 0.5
}

// Trainer::evaluate on a regression set: a dense layer x -> (x W^T + b) with
// W = (0.5, 3)^T and b = (1, -1) predicts (1.5, 2), (2, 5), (2.5, 8) for
// x = 1, 2, 3: residuals (0.5, 0, -0.5) and (0, 1, -1), SS_res = (0.5, 2).
BOOST_AUTO_TEST_CASE(trainer_evaluation_reports_rmse_r2_and_no_accuracy) {
  Network network;
  network.add_layer("dense", nt::make_layer("dense", {{"units", 2}}));
  BOOST_TEST_REQUIRE(network.build(1, Rng(1)) == 2);
  for (const ParamView& p : network.layer(0).parameters()) {
    const std::vector<float> values = std::string(p.name) == "weight" ? std::vector<float>{0.5f, 3.0f}
                                                                        : std::vector<float>{1.0f, -1.0f};
    std::copy(values.begin(), values.end(), p.data);
  }
  Dataset data;
  data.features = (Matrix(3, 1) << 1, 2, 3).finished();
  data.targets = kTargets;
  BOOST_TEST_REQUIRE(data.is_regression());
  auto loss = nt::make_loss("mse");
  auto optimizer = nt::make_optimizer("sgd", {{"learning_rate", 0.1}});
  Trainer trainer(network, *loss, *optimizer, TrainingSpec{}, Rng(2));
  const SplitMetrics m = trainer.evaluate(data);
  BOOST_TEST(m.samples == 3u);
  BOOST_TEST(m.loss == 2.5 / 6, boost::test_tools::tolerance(1e-6));  // mse: mean over 6 terms
  BOOST_TEST(m.rmse == (std::sqrt(0.5 / 3) + std::sqrt(2.0 / 3)) / 2, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(m.r2 == ((1 - 0.5 / 2) + (1 - 2.0 / 26)) / 2, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(std::isnan(m.accuracy));
}

BOOST_AUTO_TEST_CASE(trainer_rejects_targets_that_do_not_fit_the_outputs) {
  Network network;
  network.add_layer("dense", nt::make_layer("dense", {{"units", 2}}));
  network.build(1, Rng(1));
  Dataset data;
  data.features = (Matrix(3, 1) << 1, 2, 3).finished();
  data.targets = Matrix::Zero(3, 1);  // one target column, two outputs
  auto loss = nt::make_loss("mse");
  auto optimizer = nt::make_optimizer("sgd", {{"learning_rate", 0.1}});
  Trainer trainer(network, *loss, *optimizer, TrainingSpec{}, Rng(2));
  BOOST_CHECK_EXCEPTION(trainer.evaluate(data), std::invalid_argument, [](const std::invalid_argument& e) {
    return std::string(e.what()) == "regression targets are 3x1 for 3 samples and 2 outputs";
  });
}
