// Mirrors framework/src/data/sine.cpp: a regression set, through
// make_dataset() and prepare_data() (targets travel with their rows).
#define BOOST_TEST_MODULE sine
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>
#include <neurite/errors.hpp>

#include <cmath>
#include <numbers>
#include <string>

using neurite::DataSpec;
using neurite::Dataset;
using neurite::make_dataset;

namespace {
DataSpec sine(std::size_t samples, std::size_t features, double noise) {
  DataSpec spec;
  spec.source = "sine";
  spec.samples = samples;
  spec.features = features;
  spec.noise = noise;
  spec.where.file = "sine.yaml";
  return spec;
}

// sum_j sin(x_j) of every row, in double.
Eigen::VectorXd clean_targets(const neurite::Matrix& x) {
  return x.cast<double>().array().sin().rowwise().sum().matrix();
}
}  // namespace

BOOST_AUTO_TEST_CASE(is_a_regression_set_with_one_target_column) {
  const Dataset d = make_dataset(sine(200, 3, 0.1), 1);
  BOOST_TEST(d.is_regression());
  BOOST_TEST(d.num_classes == 0);
  BOOST_TEST(d.samples() == 200);
  BOOST_TEST(d.features.cols() == 3);
  BOOST_TEST(d.targets.rows() == 200);
  BOOST_TEST(d.targets.cols() == 1);
  BOOST_TEST(d.labels.empty());
  BOOST_TEST(d.class_names.empty());
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"x1", "x2", "x3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_noise_the_target_is_the_sum_of_sines) {
  for (std::size_t features : {1u, 4u}) {
    BOOST_TEST_CONTEXT("features " << features) {
      const Dataset d = make_dataset(sine(300, features, 0.0), 2);
      const Eigen::VectorXd want = clean_targets(d.features);
      BOOST_TEST((d.targets.col(0).cast<double>() - want).cwiseAbs().maxCoeff() < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(inputs_are_uniform_in_minus_pi_pi_and_noise_has_the_given_stddev) {
  const Dataset d = make_dataset(sine(20000, 1, 0.3), 4);
  const Eigen::ArrayXd x = d.features.col(0).cast<double>().array();
  BOOST_TEST(x.minCoeff() >= -std::numbers::pi);
  BOOST_TEST(x.maxCoeff() <= std::numbers::pi);
  BOOST_TEST(std::abs(x.mean()) < 0.05);
  BOOST_TEST(x.square().mean() == std::numbers::pi * std::numbers::pi / 3.0, boost::test_tools::tolerance(0.02));
  const Eigen::ArrayXd e = d.targets.col(0).cast<double>().array() - clean_targets(d.features).array();
  BOOST_TEST(std::abs(e.mean()) < 0.01);
  BOOST_TEST(std::sqrt(e.square().mean()) == 0.3, boost::test_tools::tolerance(0.03));
}

BOOST_AUTO_TEST_CASE(same_seed_same_data_other_seed_other_data) {
  const DataSpec spec = sine(64, 2, 0.1);
  const Dataset a = make_dataset(spec, 42), b = make_dataset(spec, 42), c = make_dataset(spec, 43);
  BOOST_TEST((a.features == b.features));
  BOOST_TEST((a.targets == b.targets));
  BOOST_TEST((a.targets != c.targets));
}

// prepare_data() shuffles and splits rows: each row's target must follow it,
// and targets are never scaled.
BOOST_AUTO_TEST_CASE(targets_follow_their_rows_through_the_split) {
  DataSpec spec = sine(101, 2, 0.0);
  spec.scale = "none";
  const neurite::PreparedData p = neurite::prepare_data(spec, 8);
  BOOST_TEST(p.train.samples() + p.validation.samples() + p.test.samples() == 101);
  for (const Dataset* part : {&p.train, &p.validation, &p.test}) {
    BOOST_TEST(part->is_regression());
    BOOST_TEST(part->labels.empty());
    BOOST_TEST_REQUIRE(part->targets.rows() == part->samples());
    BOOST_TEST((part->targets.col(0).cast<double>() - clean_targets(part->features)).cwiseAbs().maxCoeff() < 1e-6);
  }
  spec.scale = "standard";
  const neurite::PreparedData scaled = neurite::prepare_data(spec, 8);
  BOOST_TEST((scaled.train.targets == p.train.targets));
  BOOST_TEST((scaled.test.targets == p.test.targets));
}

BOOST_AUTO_TEST_CASE(bad_settings_are_usage_errors) {
  const auto expect = [](const DataSpec& spec, const std::string& message) {
    try {
      make_dataset(spec, 1);
      BOOST_ERROR("no error; expected '" << message << "'");
    } catch (const neurite::Error& e) {
      BOOST_TEST((e.code() == neurite::ExitCode::usage));
      BOOST_TEST(std::string(e.what()) == "sine.yaml: " + message);
    }
  };
  expect(sine(10, 0, 0.1), "data.features must be a positive integer, got 0");
  expect(sine(10, 1, -1.0), "data.noise must be a number >= 0, got -1");
}
