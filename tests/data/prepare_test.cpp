// Mirrors framework/src/data/prepare.cpp.
#define BOOST_TEST_MODULE prepare
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

using neurite::DataSpec;
using neurite::Matrix;
using neurite::prepare_data;
using neurite::prepare_fold;

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
  BOOST_TEST(p.preprocessing.scale == "none");
  BOOST_TEST(p.preprocessing.shift.empty());
}

BOOST_AUTO_TEST_CASE(standardisation_is_fitted_on_train_only) {
  const auto raw = prepare_data(moons(300, "none"), 11);
  const auto p = prepare_data(moons(300), 11);
  const auto& s = p.preprocessing;
  BOOST_TEST(s.scale == "standard");
  BOOST_TEST(s.feature_names == (std::vector<std::string>{"x1", "x2"}), boost::test_tools::per_element());
  for (int c = 0; c < 2; ++c) {
    BOOST_TEST_CONTEXT("feature " << c) {
      BOOST_TEST(column_mean(p.train.features, c) == 0.0, boost::test_tools::tolerance(1e-5));
      BOOST_TEST(std::abs(column_mean(p.train.features, c)) < 1e-5);
      BOOST_TEST(column_std(p.train.features, c) == 1.0, boost::test_tools::tolerance(1e-5));
      BOOST_TEST(s.shift[c] == column_mean(raw.train.features, c), boost::test_tools::tolerance(1e-5));
      BOOST_TEST(s.divisor[c] == column_std(raw.train.features, c), boost::test_tools::tolerance(1e-5));
      // Validation and test use the training statistics, not their own.
      for (int i = 0; i < p.validation.samples(); ++i) {
        const double want = (raw.validation.features(i, c) - s.shift[c]) / s.divisor[c];
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
  BOOST_TEST(p.preprocessing.divisor[1] == 1.0);
  BOOST_TEST(p.preprocessing.shift[1] == 5.0);
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

namespace {
const std::string kCsvDir = std::string(NEURITE_TEST_DATA_DIR) + "/csv/";

DataSpec separate_files(const std::string& validation, const std::string& test) {
  DataSpec spec;
  spec.source = "csv";
  spec.path = kCsvDir + "sep_train.csv";
  spec.validation_path = validation.empty() ? "" : kCsvDir + validation;
  spec.test_path = test.empty() ? "" : kCsvDir + test;
  spec.label_column = "label";
  spec.where = neurite::SourceLocation{"e.yaml", 4, 3};
  return spec;
}

void expect_usage(const std::function<void()>& action, const std::string& fragment) {
  try {
    action();
    BOOST_FAIL("no error, expected: " << fragment);
  } catch (const neurite::Error& e) {
    BOOST_TEST((e.code() == neurite::ExitCode::usage));
    BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos, e.what());
  }
}

std::vector<std::pair<float, float>> rows_of(const Matrix& x) {
  std::vector<std::pair<float, float>> rows;
  for (Eigen::Index i = 0; i < x.rows(); ++i) rows.emplace_back(x(i, 0), x(i, 1));
  std::sort(rows.begin(), rows.end());
  return rows;
}
}  // namespace

BOOST_AUTO_TEST_CASE(minmax_is_fitted_on_train_only) {
  const auto raw = prepare_data(moons(300, "none"), 5);
  const auto p = prepare_data(moons(300, "minmax"), 5);
  for (int c = 0; c < 2; ++c) {
    BOOST_TEST(p.train.features.col(c).minCoeff() == 0.0f);
    BOOST_TEST(p.train.features.col(c).maxCoeff() == 1.0f);
    const float lo = raw.train.features.col(c).minCoeff(), hi = raw.train.features.col(c).maxCoeff();
    BOOST_TEST(p.preprocessing.shift[c] == lo);
    BOOST_TEST(p.preprocessing.divisor[c] == hi - lo);
    for (int i = 0; i < p.test.samples(); ++i)
      BOOST_TEST(p.test.features(i, c) == (raw.test.features(i, c) - lo) / (hi - lo));
  }
}

BOOST_AUTO_TEST_CASE(stratified_split_keeps_class_proportions) {
  DataSpec spec = moons(200);  // 100 per class
  spec.split = {0.5, 0.3, 0.2};
  spec.stratify = true;
  const auto p = prepare_data(spec, 3);
  const auto ones = [](const neurite::Dataset& d) { return std::count(d.labels.begin(), d.labels.end(), 1); };
  BOOST_TEST(p.train.samples() == 100);
  BOOST_TEST(ones(p.train) == 50);
  BOOST_TEST(ones(p.validation) == 30);
  BOOST_TEST(ones(p.test) == 20);
  BOOST_TEST(p.test.samples() == 40);

  spec.source = "sine";  // regression: no classes to stratify by
  expect_usage([&] { prepare_data(spec, 3); }, "data.stratify needs class labels");
}

BOOST_AUTO_TEST_CASE(separate_files_are_the_splits) {
  const auto p = prepare_data(separate_files("sep_valid.csv", "sep_test.csv"), 1);
  // Classes from every file: c appears only in the test file.
  BOOST_TEST(p.train.class_names == (std::vector<std::string>{"a", "b", "c"}), boost::test_tools::per_element());
  BOOST_TEST(p.train.num_classes == 3);
  BOOST_TEST(p.train.feature_names == (std::vector<std::string>{"x", "colour=blue", "colour=red"}),
             boost::test_tools::per_element());
  BOOST_TEST(p.train.samples() == 6);  // the training file, in file order
  BOOST_TEST(p.train.labels == (std::vector<int>{0, 1, 0, 1, 0, 1}), boost::test_tools::per_element());
  const double mean = 3.5, stddev = std::sqrt(17.5 / 6);  // x = 1..6, scaled; one-hot columns are not
  BOOST_TEST(p.preprocessing.shift[0] == mean);
  BOOST_TEST(p.preprocessing.divisor[0] == stddev, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(p.train.features(0, 0) == (1 - mean) / stddev, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(p.train.features(0, 2) == 1.0f);
  // Validation (columns in another order): green was never seen in training: all zeros.
  BOOST_TEST(p.validation.samples() == 2);
  BOOST_TEST(p.validation.features(0, 0) == (10 - mean) / stddev, boost::test_tools::tolerance(1e-6));
  BOOST_TEST(p.validation.features(0, 1) == 0.0f);
  BOOST_TEST(p.validation.features(0, 2) == 0.0f);
  BOOST_TEST(p.validation.features(1, 2) == 1.0f);
  BOOST_TEST(p.validation.labels == (std::vector<int>{1, 0}), boost::test_tools::per_element());
  BOOST_TEST(p.test.labels == (std::vector<int>{2}), boost::test_tools::per_element());
  BOOST_TEST(p.test.features(0, 1) == 1.0f);

  const auto only_test = prepare_data(separate_files("", "sep_test.csv"), 1);
  BOOST_TEST(only_test.train.samples() == 6);
  BOOST_TEST(only_test.validation.samples() == 0);
  BOOST_TEST(only_test.validation.features.cols() == 3);
  BOOST_TEST(only_test.test.samples() == 1);
}

BOOST_AUTO_TEST_CASE(folds_partition_the_non_test_rows) {
  DataSpec spec = moons(100, "none");
  spec.split = {0.8, 0.0, 0.2};
  std::vector<std::pair<float, float>> validation_rows;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto f = neurite::prepare_fold(spec, 7, 4, i);
    BOOST_TEST(f.validation.samples() == 20);
    BOOST_TEST(f.train.samples() == 60);
    BOOST_TEST(f.test.samples() == 20);
    const auto v = rows_of(f.validation.features);
    validation_rows.insert(validation_rows.end(), v.begin(), v.end());
    if (i == 0) {
      // prepare_data() with data.folds / data.fold is the same fold.
      DataSpec as_fields = spec;
      as_fields.folds = 4;
      as_fields.fold = 0;
      const auto g = prepare_data(as_fields, 7);
      BOOST_TEST((g.validation.features == f.validation.features));
      BOOST_TEST((g.train.labels == f.train.labels));
    }
  }
  const auto all = prepare_fold(spec, 7, 4, 0);
  std::sort(validation_rows.begin(), validation_rows.end());
  std::vector<std::pair<float, float>> want = rows_of(all.train.features), extra = rows_of(all.validation.features);
  want.insert(want.end(), extra.begin(), extra.end());
  std::sort(want.begin(), want.end());
  BOOST_TEST((validation_rows == want));  // each non-test row in exactly one validation fold
}

BOOST_AUTO_TEST_CASE(csv_folds_fit_on_the_training_folds) {
  DataSpec spec = separate_files("", "sep_test.csv");
  spec.scale = "minmax";
  const auto f = neurite::prepare_fold(spec, 2, 3, 1);  // the test file is the test set
  BOOST_TEST(f.train.samples() == 4);
  BOOST_TEST(f.validation.samples() == 2);
  BOOST_TEST(f.test.samples() == 1);
  BOOST_TEST(f.train.features.col(0).minCoeff() == 0.0f);
  BOOST_TEST(f.train.features.col(0).maxCoeff() == 1.0f);

  spec.validation_path = kCsvDir + "sep_valid.csv";
  expect_usage([&] { neurite::prepare_fold(spec, 2, 3, 1); },
               "e.yaml:4:3: data.validation_path cannot be combined with data.folds");
}

BOOST_AUTO_TEST_CASE(unknown_options_are_usage_errors) {
  expect_usage([] { prepare_data(moons(10, "robust"), 0); }, "unknown data.scale 'robust' (known: minmax, none, standard)");
  DataSpec spec = moons(10);
  spec.impute = "zero";
  expect_usage([&] { prepare_data(spec, 0); }, "unknown data.impute 'zero'");
}
