// Mirrors framework/src/data/prepare.cpp and standardizer.cpp.
#define BOOST_TEST_MODULE prepare
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

#include <algorithm>
#include <cmath>

using neurite::DataSpec;
using neurite::Matrix;
using neurite::prepare_data;

namespace {
DataSpec moons(std::size_t samples, const std::string& scale = "standard") {
  DataSpec spec;
  spec.source = "moons";
  spec.samples = samples;
  spec.noise = 0.2;
  spec.scale = scale;
  return spec;
}

double column_mean(const Matrix& x, int c) { return x.col(c).cast<double>().mean(); }
double column_std(const Matrix& x, int c) {
  const double m = column_mean(x, c);
  return std::sqrt((x.col(c).cast<double>().array() - m).square().mean());
}
}  // namespace

BOOST_AUTO_TEST_CASE(split_sizes_follow_rounded_ratios) {
  auto p = prepare_data(moons(1000), 1);
  BOOST_TEST(p.train.samples() == 700);
  BOOST_TEST(p.validation.samples() == 150);
  BOOST_TEST(p.test.samples() == 150);

  DataSpec spec = moons(7);  // 4.9 -> 5, 1.05 -> 1, the rest 1
  p = prepare_data(spec, 1);
  BOOST_TEST(p.train.samples() == 5);
  BOOST_TEST(p.validation.samples() == 1);
  BOOST_TEST(p.test.samples() == 1);

  spec = moons(10);
  spec.split = {1.0, 0.0, 0.0};  // empty validation and test are allowed
  p = prepare_data(spec, 1);
  BOOST_TEST(p.train.samples() == 10);
  BOOST_TEST(p.validation.samples() == 0);
  BOOST_TEST(p.test.samples() == 0);
  BOOST_TEST(p.test.features.cols() == 2);
  BOOST_TEST(p.test.num_classes == 2);
}

BOOST_AUTO_TEST_CASE(splits_partition_the_data) {
  const auto p = prepare_data(moons(200, "none"), 4);
  const auto all = neurite::make_dataset(moons(200, "none"), 4);
  std::vector<std::pair<float, float>> seen, want;
  for (const auto* part : {&p.train, &p.validation, &p.test})
    for (int i = 0; i < part->samples(); ++i) seen.emplace_back(part->features(i, 0), part->features(i, 1));
  for (int i = 0; i < all.samples(); ++i) want.emplace_back(all.features(i, 0), all.features(i, 1));
  std::sort(seen.begin(), seen.end());
  std::sort(want.begin(), want.end());
  BOOST_TEST((seen == want));
  BOOST_TEST(!p.scaled);
}

BOOST_AUTO_TEST_CASE(standardisation_is_fitted_on_train_only) {
  const auto raw = prepare_data(moons(300, "none"), 11);
  const auto p = prepare_data(moons(300), 11);
  BOOST_TEST(p.scaled);
  for (int c = 0; c < 2; ++c) {
    BOOST_TEST_CONTEXT("feature " << c) {
      BOOST_TEST(column_mean(p.train.features, c) == 0.0, boost::test_tools::tolerance(1e-5));
      BOOST_TEST(std::abs(column_mean(p.train.features, c)) < 1e-5);
      BOOST_TEST(column_std(p.train.features, c) == 1.0, boost::test_tools::tolerance(1e-5));
      BOOST_TEST(p.scaler.mean[c] == column_mean(raw.train.features, c), boost::test_tools::tolerance(1e-5));
      BOOST_TEST(p.scaler.stddev[c] == column_std(raw.train.features, c), boost::test_tools::tolerance(1e-5));
      // Validation and test use the training statistics, not their own.
      for (int i = 0; i < p.validation.samples(); ++i) {
        const double want = (raw.validation.features(i, c) - p.scaler.mean[c]) / p.scaler.stddev[c];
        BOOST_TEST(p.validation.features(i, c) == want, boost::test_tools::tolerance(1e-5));
      }
      BOOST_TEST(std::abs(column_mean(p.validation.features, c)) > 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(zero_variance_feature_is_not_divided) {
  DataSpec spec;
  spec.source = "csv";
  spec.path = std::string(NEURITE_TEST_DATA_DIR) + "/csv/constant_feature.csv";
  spec.label_column = "label";
  spec.split = {0.5, 0.25, 0.25};
  const auto p = prepare_data(spec, 2);
  BOOST_TEST(p.scaler.stddev[1] == 1.0f);
  BOOST_TEST(p.scaler.mean[1] == 5.0f);
  for (const auto* part : {&p.train, &p.validation, &p.test}) {
    BOOST_TEST(part->features.allFinite());
    for (int i = 0; i < part->samples(); ++i) BOOST_TEST(part->features(i, 1) == 0.0f);  // centred only
  }
  BOOST_TEST(column_std(p.train.features, 0) == 1.0, boost::test_tools::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(seed_decides_the_split) {
  const auto a = prepare_data(moons(100), 1), b = prepare_data(moons(100), 1), c = prepare_data(moons(100), 2);
  BOOST_TEST((a.train.features == b.train.features));
  BOOST_TEST((a.train.labels == b.train.labels));
  BOOST_TEST((a.test.features == b.test.features));
  BOOST_TEST((a.train.features != c.train.features));
}

BOOST_AUTO_TEST_CASE(empty_training_split_is_an_error) {
  DataSpec spec = moons(1);
  spec.split = {0.4, 0.6, 0.0};
  try {
    prepare_data(spec, 0);
    BOOST_FAIL("no error");
  } catch (const neurite::Error& e) {
    BOOST_TEST((e.code() == neurite::ExitCode::usage));
    BOOST_TEST(std::string(e.what()).find("training split is empty") != std::string::npos);
  }
}
