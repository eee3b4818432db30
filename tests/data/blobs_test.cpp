// Mirrors framework/src/data/blobs.cpp through make_dataset().
#define BOOST_TEST_MODULE blobs
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>
#include <neurite/errors.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using neurite::DataSpec;
using neurite::Dataset;
using neurite::make_dataset;

namespace {
DataSpec blobs(std::size_t samples, std::size_t features, int classes, double cluster_std) {
  DataSpec spec;
  spec.source = "blobs";
  spec.samples = samples;
  spec.features = features;
  spec.classes = classes;
  spec.cluster_std = cluster_std;
  spec.where.file = "blobs.yaml";
  return spec;
}

long count(const Dataset& d, int label) { return std::count(d.labels.begin(), d.labels.end(), label); }

void expect_usage_error(const DataSpec& spec, const std::string& message) {
  try {
    make_dataset(spec, 1);
    BOOST_ERROR("no error; expected '" << message << "'");
  } catch (const neurite::Error& e) {
    BOOST_TEST((e.code() == neurite::ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == "blobs.yaml: " + message);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(shape_names_and_sklearn_split_over_classes) {
  const Dataset d = make_dataset(blobs(402, 5, 4, 1.0), 1);
  BOOST_TEST(d.samples() == 402);
  BOOST_TEST(d.features.cols() == 5);
  BOOST_TEST(d.num_classes == 4);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1", "2", "3"}), boost::test_tools::per_element());
  BOOST_TEST(d.feature_names.front() == "x1");
  BOOST_TEST(d.feature_names.back() == "x5");
  for (int k : {0, 1}) BOOST_TEST(count(d, k) == 101);  // n % classes = 2 extra to the first two
  for (int k : {2, 3}) BOOST_TEST(count(d, k) == 100);
}

BOOST_AUTO_TEST_CASE(three_centres_by_default) {
  DataSpec spec = blobs(30, 2, 0, 1.0);
  const Dataset d = make_dataset(spec, 1);
  BOOST_TEST(d.num_classes == 3);
  for (int k = 0; k < 3; ++k) BOOST_TEST(count(d, k) == 10);
}

BOOST_AUTO_TEST_CASE(zero_spread_puts_every_sample_on_its_centre_inside_the_box) {
  const Dataset d = make_dataset(blobs(60, 3, 3, 0.0), 5);
  for (int row = 0; row < 60; ++row) {
    const int first = (row / 20) * 20;  // rows are class by class
    BOOST_TEST((d.features.row(row) == d.features.row(first)));
  }
  BOOST_TEST(d.features.minCoeff() >= -10.0f);
  BOOST_TEST(d.features.maxCoeff() < 10.0f);
  BOOST_TEST((d.features.row(0) != d.features.row(20)));
}

BOOST_AUTO_TEST_CASE(clusters_have_the_given_stddev_round_their_centres) {
  const double cluster_std = 0.5;
  const Dataset spread = make_dataset(blobs(9000, 2, 3, cluster_std), 7);
  const Dataset centres = make_dataset(blobs(9000, 2, 3, 0.0), 7);  // same centres: drawn first
  const Eigen::ArrayXXd e = (spread.features - centres.features).cast<double>().array();
  BOOST_TEST(std::abs(e.mean()) < 0.02);
  BOOST_TEST(std::sqrt(e.square().mean()) == cluster_std, boost::test_tools::tolerance(0.03));
  // Centres are uniform in (-10, 10): over 3 x 2 draws only a loose check is fair.
  BOOST_TEST(centres.features.cwiseAbs().maxCoeff() < 10.0f);
}

BOOST_AUTO_TEST_CASE(same_seed_same_data_other_seed_other_data) {
  const DataSpec spec = blobs(40, 3, 2, 1.0);
  const Dataset a = make_dataset(spec, 42), b = make_dataset(spec, 42), c = make_dataset(spec, 43);
  BOOST_TEST((a.features == b.features));
  BOOST_TEST((a.labels == b.labels));
  BOOST_TEST((a.features != c.features));
}

BOOST_AUTO_TEST_CASE(bad_settings_are_usage_errors) {
  expect_usage_error(blobs(10, 2, 3, -1.0), "data.cluster_std must be a number >= 0, got -1");
  expect_usage_error(blobs(10, 2, 3, std::nan("")), "data.cluster_std must be a number >= 0, got nan");
  expect_usage_error(blobs(10, 0, 3, 1.0), "data.features must be a positive integer, got 0");
  expect_usage_error(blobs(10, 2, 1, 1.0), "data.classes must be an integer >= 2, got 1");
  expect_usage_error(blobs(0, 2, 3, 1.0), "data.samples must be a positive integer, got 0");
}
