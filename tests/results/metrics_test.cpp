// Mirrors framework/src/results/metrics.cpp. Macro scores are checked against
// scikit-learn 1.2 (precision_recall_fscore_support(average='macro',
// zero_division=0)) on hand-made confusion matrices; the numbers come from
// tests/reference/make_compare_reference.py. Other metrics from first principles.
#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>

#include <neurite/results/metrics.hpp>

#include <cmath>

namespace tt = boost::test_tools;
using neurite::RunResult;

namespace {
double value(const RunResult& run, const char* metric, neurite::Split split = neurite::Split::test) {
  return neurite::metric_value(run, *neurite::find_metric(metric), split);
}

RunResult classifier(const std::string& loss, const std::string& summary) {
  RunResult r;
  r.loss = loss;
  r.model_summary = summary;
  r.test.samples = 10;
  r.test.loss = 0.25;
  r.test.accuracy = 0.7;
  r.test.confusion = {7, 0, 3, 0};
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(macro_scores_match_sklearn) {
  auto s = neurite::macro_scores({5, 1, 0, 2, 3, 1, 0, 4, 6});
  BOOST_TEST(s.precision == 0.6488095238095238, tt::tolerance(1e-12));
  BOOST_TEST(s.recall == 0.6444444444444445, tt::tolerance(1e-12));
  BOOST_TEST(s.f1 == 0.6345615169144581, tt::tolerance(1e-12));
  // Class 2 only predicted, class 3 absent from labels and predictions: averaged over 3 classes.
  s = neurite::macro_scores({4, 1, 2, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  BOOST_TEST(s.precision == 0.5833333333333334, tt::tolerance(1e-12));
  BOOST_TEST(s.recall == 0.5238095238095238, tt::tolerance(1e-12));
  BOOST_TEST(s.f1 == 0.5281385281385281, tt::tolerance(1e-12));
  // Class 1 never predicted: zero_division=0.
  s = neurite::macro_scores({7, 0, 3, 0});
  BOOST_TEST(s.precision == 0.35, tt::tolerance(1e-12));
  BOOST_TEST(s.recall == 0.5, tt::tolerance(1e-12));
  BOOST_TEST(s.f1 == 0.4117647058823529, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(macro_scores_of_nothing_are_nan) {
  BOOST_TEST(std::isnan(neurite::macro_scores({}).f1));
  BOOST_TEST(std::isnan(neurite::macro_scores({0, 0, 0, 0}).precision));
  BOOST_TEST(std::isnan(neurite::macro_scores({1, 2, 3}).recall));  // not square
}

BOOST_AUTO_TEST_CASE(split_metrics_come_from_the_split) {
  const RunResult r = classifier("softmax_cross_entropy", "dense(2)");
  BOOST_TEST(value(r, "accuracy") == 0.7);
  BOOST_TEST(value(r, "loss") == 0.25);
  BOOST_TEST(value(r, "f1") == 0.4117647058823529, tt::tolerance(1e-12));
  BOOST_TEST(std::isnan(value(r, "rmse")));
  BOOST_TEST(std::isnan(value(r, "accuracy", neurite::Split::validation)));  // empty split
}

BOOST_AUTO_TEST_CASE(log_loss_is_the_loss_only_for_cross_entropies_of_probabilities) {
  BOOST_TEST(value(classifier("softmax_cross_entropy", "dense(8) tanh dense(2)"), "log_loss") == 0.25);
  BOOST_TEST(value(classifier("nll", "dense(2) log_softmax"), "log_loss") == 0.25);
  BOOST_TEST(value(classifier("binary_cross_entropy", "dense(1) sigmoid"), "log_loss") == 0.25);
  BOOST_TEST(value(classifier("binary_cross_entropy_with_logits", "dense(4) relu dense(1)"), "log_loss") == 0.25);
  // A mean over two sigmoid columns is not a log loss; mse and margins are not cross-entropies.
  BOOST_TEST(std::isnan(value(classifier("binary_cross_entropy", "dense(2) sigmoid"), "log_loss")));
  BOOST_TEST(std::isnan(value(classifier("mse", "dense(2)"), "log_loss")));
  BOOST_TEST(std::isnan(value(classifier("multi_margin", "dense(2)"), "log_loss")));
  RunResult smoothed = classifier("softmax_cross_entropy", "dense(2)");
  smoothed.yaml_text = "loss: {name: softmax_cross_entropy, label_smoothing: 0.1}\n";
  BOOST_TEST(std::isnan(value(smoothed, "log_loss")));
}

BOOST_AUTO_TEST_CASE(regression_runs_have_rmse_and_r2_only) {
  RunResult r;
  r.regression = true;
  r.test.samples = 5;
  r.test.loss = 0.04;
  r.test.rmse = 0.2;
  r.test.r2 = 0.9;
  r.test.accuracy = neurite::kNotApplicable;
  BOOST_TEST(value(r, "rmse") == 0.2);
  BOOST_TEST(value(r, "r2") == 0.9);
  BOOST_TEST(value(r, "loss") == 0.04);
  for (const char* m : {"accuracy", "precision", "recall", "f1", "log_loss"}) BOOST_TEST(std::isnan(value(r, m)));
}

BOOST_AUTO_TEST_CASE(epochs_to_best_takes_lowest_validation_loss_else_train_loss) {
  RunResult r;
  for (int e = 1; e <= 4; ++e) {
    neurite::EpochMetrics m;
    m.epoch = e;
    m.train_loss = 1.0 / e;                        // best at 4
    m.validation_loss = e == 2 || e == 3 ? 0.3 : 0.5;  // first lowest at 2
    r.history.push_back(m);
  }
  BOOST_TEST(value(r, "epochs_to_best") == 2);
  for (auto& m : r.history) m.validation_loss = std::nan("");
  BOOST_TEST(value(r, "epochs_to_best") == 4);
  BOOST_TEST(std::isnan(value(RunResult{}, "epochs_to_best")));
}

BOOST_AUTO_TEST_CASE(throughput_is_training_samples_times_epochs_over_wall_time) {
  RunResult r;
  r.train.samples = 700;
  r.epochs_run = 20;
  r.wall_seconds = 2.0;
  r.parameter_count = 65;
  BOOST_TEST(value(r, "samples_per_second") == 7000.0);
  BOOST_TEST(value(r, "parameters") == 65.0);
  BOOST_TEST(value(r, "epochs") == 20.0);
  BOOST_TEST(value(r, "wall_seconds") == 2.0);
  r.wall_seconds = 0;
  BOOST_TEST(std::isnan(value(r, "samples_per_second")));
}

BOOST_AUTO_TEST_CASE(catalogue_names_are_unique_and_found) {
  for (const neurite::MetricInfo& m : neurite::metric_catalogue()) BOOST_TEST(neurite::find_metric(m.name) == &m);
  BOOST_TEST(neurite::find_metric("wall") == nullptr);
}
