// Mirrors framework/src/data/linear.cpp: the generator directly (to recover
// its hyperplane from the documented draw order) and through make_dataset().
#define BOOST_TEST_MODULE linear
#include <boost/test/unit_test.hpp>

#include "data/sources.hpp"

#include <neurite/data/dataset.hpp>
#include <neurite/errors.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using neurite::DataSpec;
using neurite::Dataset;
using neurite::Rng;

namespace {
long count(const Dataset& d, int label) { return std::count(d.labels.begin(), d.labels.end(), label); }

// The hyperplane's unit normal: the generator's first `features` normal draws.
Eigen::VectorXd normal_of(Rng rng, int features) {
  Eigen::VectorXd w(features);
  for (int j = 0; j < features; ++j) w(j) = rng.normal();
  return w / w.norm();
}

DataSpec linear(std::size_t samples, std::size_t features, double margin) {
  DataSpec spec;
  spec.source = "linear";
  spec.samples = samples;
  spec.features = features;
  spec.margin = margin;
  spec.where.file = "linear.yaml";
  return spec;
}
}  // namespace

BOOST_AUTO_TEST_CASE(two_balanced_classes_with_the_extra_row_in_class_0) {
  Rng rng(3);
  const Dataset d = neurite::data::make_linear(101, 4, 0.1, rng);
  BOOST_TEST(d.samples() == 101);
  BOOST_TEST(d.features.cols() == 4);
  BOOST_TEST(d.num_classes == 2);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1"}), boost::test_tools::per_element());
  BOOST_TEST(d.feature_names.size() == 4u);
  BOOST_TEST(count(d, 0) == 51);
  BOOST_TEST(count(d, 1) == 50);
}

BOOST_AUTO_TEST_CASE(classes_lie_on_either_side_of_the_hyperplane_with_the_margin_between) {
  for (int features : {1, 2, 7}) {
    for (double margin : {0.0, 0.1, 0.5}) {
      BOOST_TEST_CONTEXT("features " << features << ", margin " << margin) {
        Rng rng(11 + features);
        const Eigen::VectorXd w = normal_of(rng, features);
        const Dataset d = neurite::data::make_linear(2000, static_cast<std::size_t>(features), margin, rng);
        const Eigen::VectorXd s = d.features.cast<double>() * w;
        double closest0 = -1e9, closest1 = 1e9;
        for (int i = 0; i < 2000; ++i) {
          if (d.labels[static_cast<std::size_t>(i)] == 1) closest1 = std::min(closest1, s(i));
          else closest0 = std::max(closest0, s(i));
        }
        BOOST_TEST(closest1 >= margin / 2 - 1e-5);
        BOOST_TEST(closest0 <= -margin / 2 + 1e-5);
        // Uniform points fill the half-spaces: the band is only as wide as asked.
        BOOST_TEST(closest1 - closest0 < margin + 0.05);
        // Points stay in the cube, pushed out by at most margin / 2.
        BOOST_TEST(d.features.cwiseAbs().maxCoeff() <= 1.0 + margin / 2 + 1e-6);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(points_are_uniform_over_the_cube) {
  Rng rng(5);
  const Dataset d = neurite::data::make_linear(20000, 3, 0.0, rng);
  const Eigen::ArrayXXd x = d.features.cast<double>().array();
  BOOST_TEST(std::abs(x.mean()) < 0.01);
  BOOST_TEST(x.square().mean() == 1.0 / 3.0, boost::test_tools::tolerance(0.02));  // variance of U(-1, 1)
}

BOOST_AUTO_TEST_CASE(same_seed_same_data_other_seed_other_data) {
  const DataSpec spec = linear(50, 2, 0.2);
  const Dataset a = neurite::make_dataset(spec, 42), b = neurite::make_dataset(spec, 42),
                c = neurite::make_dataset(spec, 43);
  BOOST_TEST((a.features == b.features));
  BOOST_TEST((a.labels == b.labels));
  BOOST_TEST((a.features != c.features));
}

BOOST_AUTO_TEST_CASE(bad_margin_or_features_are_usage_errors) {
  const auto expect = [](const DataSpec& spec, const std::string& message) {
    try {
      neurite::make_dataset(spec, 1);
      BOOST_ERROR("no error; expected '" << message << "'");
    } catch (const neurite::Error& e) {
      BOOST_TEST((e.code() == neurite::ExitCode::usage));
      BOOST_TEST(std::string(e.what()) == "linear.yaml: " + message);
    }
  };
  expect(linear(10, 2, -0.5), "data.margin must be a number >= 0, got -0.5");
  expect(linear(10, 2, INFINITY), "data.margin must be a number >= 0, got inf");
  expect(linear(10, 0, 0.1), "data.features must be a positive integer, got 0");
}
