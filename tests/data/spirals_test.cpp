// Mirrors framework/src/data/spirals.cpp through make_dataset().
#define BOOST_TEST_MODULE spirals
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>
#include <neurite/errors.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

using neurite::DataSpec;
using neurite::Dataset;
using neurite::make_dataset;

namespace {
DataSpec spirals(std::size_t samples, int classes, double noise) {
  DataSpec spec;
  spec.source = "spirals";
  spec.samples = samples;
  spec.classes = classes;
  spec.noise = noise;
  spec.where.file = "spirals.yaml";
  return spec;
}

long count(const Dataset& d, int label) { return std::count(d.labels.begin(), d.labels.end(), label); }

// The angle difference a - b folded into (-pi, pi].
double angle_between(double a, double b) {
  return std::remainder(a - b, 2.0 * std::numbers::pi);
}
}  // namespace

BOOST_AUTO_TEST_CASE(three_arms_by_default_with_the_remainder_in_the_first_classes) {
  const Dataset d = make_dataset(spirals(302, 0, 0.2), 1);
  BOOST_TEST(d.samples() == 302);
  BOOST_TEST(d.features.cols() == 2);
  BOOST_TEST(d.num_classes == 3);
  BOOST_TEST(!d.is_regression());
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1", "2"}), boost::test_tools::per_element());
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"x1", "x2"}), boost::test_tools::per_element());
  BOOST_TEST(count(d, 0) == 101);
  BOOST_TEST(count(d, 1) == 101);
  BOOST_TEST(count(d, 2) == 100);
  BOOST_TEST(d.targets.size() == 0);
  BOOST_TEST(d.features.allFinite());
}

BOOST_AUTO_TEST_CASE(without_noise_points_follow_the_documented_formula) {
  const int k = 5;
  const Dataset d = make_dataset(spirals(50, k, 0.0), 3);  // 10 points per arm
  for (int row = 0; row < 50; ++row) {
    const int j = row / 10, i = row % 10;
    const double t = i / 9.0;
    const double theta = 2.0 * std::numbers::pi * j / k + 4.0 * t;
    BOOST_TEST_CONTEXT("row " << row) {
      BOOST_TEST(d.labels[static_cast<std::size_t>(row)] == j);
      BOOST_TEST(d.features(row, 0) == t * std::sin(theta), boost::test_tools::tolerance(1e-5));
      BOOST_TEST(d.features(row, 1) == t * std::cos(theta), boost::test_tools::tolerance(1e-5));
    }
  }
  // Each arm runs from the centre to radius 1.
  BOOST_TEST(d.features.row(0).norm() == 0.0f);
  BOOST_TEST(d.features.row(9).norm() == 1.0f, boost::test_tools::tolerance(1e-6f));
}

BOOST_AUTO_TEST_CASE(noise_is_gaussian_on_the_angle_with_the_given_stddev) {
  const Dataset d = make_dataset(spirals(6000, 2, 0.2), 9);
  double sum = 0.0, squares = 0.0;
  for (int row = 0; row < 6000; ++row) {
    const int j = row / 3000, i = row % 3000;
    const double t = i / 2999.0;
    const double radius = std::hypot(d.features(row, 0), d.features(row, 1));
    BOOST_TEST(radius == t, boost::test_tools::tolerance(1e-5));  // noise leaves the radius alone
    if (t < 0.05) continue;                                        // angles near the centre are float noise
    const double angle = std::atan2(d.features(row, 0), d.features(row, 1));
    const double e = angle_between(angle, std::numbers::pi * j + 4.0 * t);
    sum += e;
    squares += e * e;
  }
  const double n = 6000 - 2 * 150;
  const double mean = sum / n, stddev = std::sqrt(squares / n - mean * mean);
  BOOST_TEST(std::abs(mean) < 0.01);
  BOOST_TEST(stddev == 0.2, boost::test_tools::tolerance(0.03));
}

BOOST_AUTO_TEST_CASE(same_seed_same_data_other_seed_other_data) {
  const DataSpec spec = spirals(90, 3, 0.1);
  const Dataset a = make_dataset(spec, 42), b = make_dataset(spec, 42), c = make_dataset(spec, 43);
  BOOST_TEST((a.features == b.features));
  BOOST_TEST((a.labels == b.labels));
  BOOST_TEST((a.features != c.features));
}

BOOST_AUTO_TEST_CASE(fewer_than_two_classes_is_a_usage_error_at_the_data_section) {
  for (int classes : {1, -3}) {
    BOOST_TEST_CONTEXT("classes " << classes) {
      try {
        make_dataset(spirals(10, classes, 0.0), 1);
        BOOST_ERROR("no error");
      } catch (const neurite::Error& e) {
        BOOST_TEST((e.code() == neurite::ExitCode::usage));
        BOOST_TEST(std::string(e.what()) ==
                   "spirals.yaml: data.classes must be an integer >= 2, got " + std::to_string(classes));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(negative_noise_is_a_usage_error) {
  BOOST_CHECK_EXCEPTION(make_dataset(spirals(10, 3, -0.1), 1), neurite::Error, [](const neurite::Error& e) {
    return e.code() == neurite::ExitCode::usage && std::string(e.what()).find("data.noise must be") != std::string::npos;
  });
}
