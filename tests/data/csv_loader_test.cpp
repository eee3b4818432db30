// Mirrors framework/src/data/csv_loader.cpp: load_table(), load_table_like()
// and load_csv() (through make_dataset()).
#define BOOST_TEST_MODULE csv_loader
#include <boost/test/unit_test.hpp>

#include "data/table.hpp"

#include <neurite/data/dataset.hpp>

#include <cmath>
#include <functional>

using neurite::Error;
using neurite::ExitCode;
using neurite::Matrix;
using neurite::data::Table;
namespace tt = boost::test_tools;

namespace {
const std::string kCsvDir = std::string(NEURITE_TEST_DATA_DIR) + "/csv/";

neurite::DataSpec csv_spec(const std::string& name, const std::string& label = "label") {
  neurite::DataSpec spec;
  spec.source = "csv";
  spec.path = kCsvDir + name;
  spec.label_column = label;
  return spec;
}

neurite::Dataset load(const std::string& name, const std::string& label = "label") {
  return neurite::make_dataset(csv_spec(name, label), 0);
}

Table table(const std::string& name, const std::string& label = "label") {
  return neurite::data::load_table(kCsvDir + name, {label, {}, false});
}

// `action` must throw Error(data) whose message starts "<dir>/<name><line_column>: ".
void expect_error(const std::function<void()>& action, const std::string& name, const std::string& line_column,
                  const std::string& fragment) {
  try {
    action();
  } catch (const Error& e) {
    const std::string message = e.what();
    BOOST_TEST_INFO("message: " << message);
    BOOST_TEST((e.code() == ExitCode::data));
    BOOST_TEST(message.rfind(kCsvDir + name + line_column + ": ", 0) == 0);
    BOOST_TEST(message.find(fragment) != std::string::npos);
    return;
  }
  BOOST_FAIL("no error for " << name);
}

void expect_error(const std::string& name, const std::string& line_column, const std::string& fragment) {
  expect_error([&] { load(name); }, name, line_column, fragment);
}
}  // namespace

BOOST_AUTO_TEST_CASE(string_labels_sort_as_strings) {
  const auto d = load("iris_small.csv", "species");  // header field is quoted
  BOOST_TEST(d.samples() == 4);
  BOOST_TEST(d.features.cols() == 2);
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"sepal_length", "sepal_width"}), tt::per_element());
  BOOST_TEST(d.class_names == (std::vector<std::string>{"setosa", "versicolor", "virginica"}), tt::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{0, 1, 2, 0}), tt::per_element());
  BOOST_TEST(d.num_classes == 3);
  BOOST_TEST(d.features(1, 0) == 7.0f);
  BOOST_TEST(d.features(3, 1) == 3.0f);
}

BOOST_AUTO_TEST_CASE(integer_labels_sort_numerically) {
  // CRLF line ends and a blank line; labels 1, -1, 01, 10.
  const auto d = load("int_labels.csv");
  BOOST_TEST(d.samples() == 4);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"-1", "1", "10"}), tt::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{1, 0, 1, 2}), tt::per_element());
  BOOST_TEST(d.features(3, 1) == 8.0f);
  BOOST_TEST(table("int_labels.csv").lines == (std::vector<int>{2, 4, 5, 6}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(quoted_fields_keep_commas_and_spaces) {
  const auto d = load("quoted.csv");
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"x", "y, quoted"}), tt::per_element());
  BOOST_TEST(d.features(0, 1) == 2.5f);
  BOOST_TEST(d.features(1, 0) == -3.0f);
  BOOST_TEST(d.features(1, 1) == 40.0f);
  BOOST_TEST(d.class_names == (std::vector<std::string>{" no ", "yes"}), tt::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{1, 0}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(label_column_by_index_counts_from_zero_or_from_the_end) {
  for (const char* label : {"2", "-1", "species"}) {
    BOOST_TEST_CONTEXT(label) {
      const Table t = table("iris_small.csv", label);
      BOOST_TEST(t.label == 2u);
      BOOST_TEST(t.columns[2].name == "species");
    }
  }
  BOOST_TEST(table("iris_small.csv", "-3").label == 0u);
  // A header name wins over an index: column "1" is column 0, not column 1.
  const auto d = load("numeric_header.csv", "1");
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"x", "y"}), tt::per_element());
  BOOST_TEST(d.class_names == (std::vector<std::string>{"a", "b"}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(mostly_text_or_listed_columns_are_categorical) {
  // code: A1, B2, 7 (mostly text); zip: all numbers; x: numbers.
  Table t = table("categories.csv");
  BOOST_TEST(t.columns[0].categorical);
  BOOST_TEST(t.columns[0].levels == (std::vector<std::string>{"A1", "B2", "7"}), tt::per_element());
  BOOST_TEST(t.columns[0].codes == (std::vector<std::int32_t>{0, 1, 2}), tt::per_element());
  BOOST_TEST(!t.columns[1].categorical);
  BOOST_TEST(t.columns[1].numbers == (std::vector<float>{75001, 10115, 75001}), tt::per_element());

  auto spec = csv_spec("categories.csv");
  spec.categorical = {"zip"};
  const auto d = neurite::make_dataset(spec, 0);
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"code=7", "code=A1", "code=B2", "zip=10115",
                                                          "zip=75001", "x"}),
             tt::per_element());
  const Matrix want = (Matrix(3, 6) << 0, 1, 0, 0, 1, 1.5f,  //
                       0, 0, 1, 1, 0, 2.5f,                  //
                       1, 0, 0, 0, 1, 3.5f).finished();
  BOOST_TEST((d.features == want));
}

BOOST_AUTO_TEST_CASE(missing_values_are_marked_when_allowed) {
  const Table t = neurite::data::load_table(kCsvDir + "mixed.csv", {"label", {}, true});
  BOOST_TEST(std::isnan(t.columns[0].numbers[1]));  // NA
  BOOST_TEST(t.columns[1].codes[2] == -1);          // empty
  BOOST_TEST(std::isnan(t.columns[2].numbers[2]));  // ?
  BOOST_TEST(t.columns[2].numbers[3] == 80.0f);
}

BOOST_AUTO_TEST_CASE(load_csv_imputes_with_statistics_of_all_rows) {
  auto spec = csv_spec("mixed.csv");
  spec.impute = "mean";
  const auto d = neurite::make_dataset(spec, 0);
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"age", "city=berlin", "city=london", "city=paris", "income"}),
             tt::per_element());
  BOOST_TEST(d.class_names == (std::vector<std::string>{"no", "yes"}), tt::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{1, 0, 1, 0, 1}), tt::per_element());
  BOOST_TEST(d.features(1, 0) == 33.75f);  // mean of 25, 35, 45, 30
  BOOST_TEST(d.features(2, 4) == 65.0f);   // mean of 50, 60, 80, 70
  BOOST_TEST(d.features(2, 3) == 1.0f);    // missing city: the most frequent, paris
  BOOST_TEST(d.features.row(2).segment(1, 3).sum() == 1.0f);
}

BOOST_AUTO_TEST_CASE(errors_name_file_line_and_column) {
  expect_error("ragged.csv", ":3:4", "row has 2 fields, the header has 3");
  expect_error("not_a_number.csv", ":3:3",
               "expected a number in column 'b', got 'abc' (1 of 2 values in this column are numbers; "
               "list it in data.categorical");
  // One typo in a numeric column is an error, not a reason to read it as categories.
  expect_error("typo_numeric.csv", ":4:3", "expected a number in column 'b', got '4x' (3 of 4 values");
  expect_error("empty_value.csv", ":3:3", "missing value '' in column 'b' (set data.impute");
  expect_error("missing_na.csv", ":3:3", "missing value 'NA' in column 'b'");
  expect_error("missing_label.csv", ":3:5", "missing label in column 'label'");
  expect_error("missing_then_ragged.csv", ":3:3", "missing value '' in column 'b'");  // first in line order
  expect_error("bad_quote.csv", ":2:3", "unterminated quoted field");
  expect_error("header_only.csv", ":1:1", "no data rows after the header");
  expect_error("no_label.csv", ":1:1", "label column 'label' not found in the header (columns: a, b, class)");
  expect_error("duplicate_header.csv", ":1:5", "duplicate column name 'a' in the header");
  expect_error("empty_header_name.csv", ":1:3", "empty column name in the header");
  expect_error([] { load("iris_small.csv", "3"); }, "iris_small.csv", ":1:1",
               "label column index 3 is out of range: the header has 3 columns (0..2, or -3..-1 from the end)");
  expect_error([] { load("iris_small.csv", "-4"); }, "iris_small.csv", ":1:1", "label column index -4 is out of range");
  auto spec = csv_spec("categories.csv");
  spec.categorical = {"zzz"};
  expect_error([&] { neurite::make_dataset(spec, 0); }, "categories.csv", ":1:1",
               "data.categorical names column 'zzz', which is not in the header (columns: code, zip, x, label)");
  spec.categorical = {"label"};
  expect_error([&] { neurite::make_dataset(spec, 0); }, "categories.csv", ":1:1",
               "data.categorical names the label column 'label'");
  spec = csv_spec("all_missing_column.csv");
  spec.impute = "median";
  expect_error([&] { neurite::make_dataset(spec, 0); }, "all_missing_column.csv", ":1:3",
               "column 'empty' has no values in the training rows");
}

BOOST_AUTO_TEST_CASE(empty_and_missing_files_are_data_errors) {
  expect_error("empty.csv", "", "empty CSV file; expected a header row");
  expect_error("missing.csv", "", "cannot open the CSV file");
}

BOOST_AUTO_TEST_CASE(another_file_is_read_with_the_training_columns) {
  const Table train = table("sep_train.csv");
  const Table valid = neurite::data::load_table_like(kCsvDir + "sep_valid.csv", train, false);
  BOOST_TEST(valid.columns.size() == 3u);
  BOOST_TEST(valid.columns[0].name == "x");  // the training order, not the file's
  BOOST_TEST(valid.columns[0].numbers == (std::vector<float>{10, 20}), tt::per_element());
  BOOST_TEST(valid.columns[1].categorical);
  BOOST_TEST(valid.columns[1].levels == (std::vector<std::string>{"green", "red"}), tt::per_element());
  BOOST_TEST(valid.label == 2u);
  BOOST_TEST(valid.columns[2].levels == (std::vector<std::string>{"b", "a"}), tt::per_element());

  const auto like = [&](const std::string& name) {
    return [&train, name] { neurite::data::load_table_like(kCsvDir + name, train, false); };
  };
  expect_error(like("sep_missing_column.csv"), "sep_missing_column.csv", ":1:1",
               "column 'colour' of the training file " + kCsvDir + "sep_train.csv is missing from the header");
  expect_error(like("sep_extra_column.csv"), "sep_extra_column.csv", ":1:10",
               "column 'size' is not in the training file");
  expect_error(like("sep_not_a_number.csv"), "sep_not_a_number.csv", ":2:1",
               "expected a number in column 'x', got 'oops'");
}
