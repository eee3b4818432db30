// Mirrors framework/src/data/preprocess.cpp: fitting on some rows of a table
// and encoding others. mixed.csv (label: yes/no):
//   row  age  city    income
//   0    25   paris   50
//   1    NA   london  60
//   2    35   (none)  ?
//   3    45   paris   80
//   4    30   berlin  70
#define BOOST_TEST_MODULE preprocess
#include <boost/test/unit_test.hpp>

#include "data/label_classes.hpp"
#include "data/preprocess.hpp"

using namespace neurite;
using namespace neurite::data;
namespace tt = boost::test_tools;

namespace {
const std::string kMixed = std::string(NEURITE_TEST_DATA_DIR) + "/csv/mixed.csv";

struct Fixture {
  Table table = load_table(kMixed, {"label", {}, true});
  LabelClasses classes = label_classes({&table});
  Preprocessing fit(const std::vector<Index>& rows, const std::string& impute, const std::string& scale = "none") {
    return fit_preprocessing(table, rows, classes.names, impute, scale, SourceLocation{"x.yaml", 3, 5});
  }
  Dataset apply(const Preprocessing& p, const std::vector<Index>& rows) {
    return encode(p, table, classes.labels[0], rows);
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(statistics_come_from_the_training_rows_only, Fixture) {
  const Preprocessing p = fit({0, 1, 3}, "median");
  BOOST_TEST(p.label_column == "label");
  BOOST_TEST(p.class_names == (std::vector<std::string>{"no", "yes"}), tt::per_element());
  BOOST_TEST(p.feature_names == (std::vector<std::string>{"age", "city=london", "city=paris", "income"}),
             tt::per_element());
  BOOST_TEST(p.columns.size() == 3u);
  BOOST_TEST(p.columns[0].fill_number == 35.0);  // median of 25, 45
  BOOST_TEST(p.columns[1].categorical);
  BOOST_TEST(p.columns[1].categories == (std::vector<std::string>{"london", "paris"}), tt::per_element());
  BOOST_TEST(p.columns[1].fill_category == "paris");
  BOOST_TEST(p.columns[2].fill_number == 60.0);  // median of 50, 60, 80

  const Dataset d = apply(p, {2, 4, 1});
  // Row 2: every value imputed. Row 4: berlin was never seen in training: all zeros.
  const Matrix want = (Matrix(3, 4) << 35, 0, 1, 60,  //
                       30, 0, 0, 70,                  //
                       35, 1, 0, 60).finished();
  BOOST_TEST((d.features == want));
  BOOST_TEST(d.labels == (std::vector<int>{1, 1, 0}), tt::per_element());
  BOOST_TEST(d.num_classes == 2);
  BOOST_TEST(d.feature_names == p.feature_names, tt::per_element());
}

BOOST_FIXTURE_TEST_CASE(mean_and_most_frequent, Fixture) {
  Preprocessing p = fit({0, 1, 2, 3, 4}, "mean");
  BOOST_TEST(p.columns[0].fill_number == 33.75);
  BOOST_TEST(p.columns[2].fill_number == 65.0);
  BOOST_TEST(p.columns[1].fill_category == "paris");  // categorical columns: most frequent
  p = fit({0, 3, 4}, "most_frequent");
  BOOST_TEST(p.columns[0].fill_number == 25.0);  // 25, 45, 30 once each: the smallest
  BOOST_TEST(p.columns[1].fill_category == "paris");
}

BOOST_FIXTURE_TEST_CASE(scaling_skips_one_hot_features, Fixture) {
  const Preprocessing p = fit({0, 3, 4}, "none", "minmax");
  BOOST_TEST(p.feature_names == (std::vector<std::string>{"age", "city=berlin", "city=paris", "income"}),
             tt::per_element());
  BOOST_TEST(p.shift == (std::vector<double>{25, 0, 0, 50}), tt::per_element());
  BOOST_TEST(p.divisor == (std::vector<double>{20, 1, 1, 30}), tt::per_element());
  const Dataset d = apply(p, {0, 3, 4});
  const Matrix want = (Matrix(3, 4) << 0, 0, 1, 0,  //
                       1, 0, 1, 1,                  //
                       0.25f, 1, 0, 20.0f / 30.0f).finished();
  BOOST_TEST((d.features - want).cwiseAbs().maxCoeff() < 1e-7f);
  BOOST_TEST(d.feature_names[1] == "city=berlin");
}

BOOST_FIXTURE_TEST_CASE(errors, Fixture) {
  const auto expect = [&](auto action, ExitCode code, const std::string& start) {
    try {
      action();
      BOOST_FAIL("no error, expected " << start);
    } catch (const Error& e) {
      BOOST_TEST((e.code() == code));
      BOOST_TEST(std::string(e.what()).rfind(start, 0) == 0, e.what());
    }
  };
  expect([&] { fit({0}, "mode"); }, ExitCode::usage,
         "x.yaml:3:5: unknown data.impute 'mode' (known: mean, median, most_frequent, none)");
  expect([&] { fit({0}, "mean", "robust"); }, ExitCode::usage,
         "x.yaml:3:5: unknown data.scale 'robust' (known: minmax, none, standard)");
  expect([&] { fit({1}, "mean"); }, ExitCode::data,
         kMixed + ":1:1: column 'age' has no values in the training rows");
  // Fitted without imputation, a missing value cannot be encoded.
  const Preprocessing p = fit({0}, "none");
  expect([&] { apply(p, {1}); }, ExitCode::data,
         kMixed + ":3:1: missing value in column 'age' and no imputation was fitted");
  Table other = table;
  other.columns[1].name = "town";
  expect([&] { encode(p, other, classes.labels[0], {0}); }, ExitCode::data,
         kMixed + ":1:5: column 'town' does not match the fitted column 'city'");
}
