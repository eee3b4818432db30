// Mirrors framework/src/data/csv_loader.cpp through make_dataset().
#define BOOST_TEST_MODULE csv_loader
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

using neurite::Error;
using neurite::ExitCode;

namespace {
const std::string kCsvDir = std::string(NEURITE_TEST_DATA_DIR) + "/csv/";

neurite::Dataset load(const std::string& name, const std::string& label = "label") {
  neurite::DataSpec spec;
  spec.source = "csv";
  spec.path = kCsvDir + name;
  spec.label_column = label;
  return neurite::make_dataset(spec, 0);
}

void expect_error(const std::string& name, const std::string& line_column, const std::string& fragment) {
  try {
    load(name);
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
}  // namespace

BOOST_AUTO_TEST_CASE(string_labels_sort_as_strings) {
  const auto d = load("iris_small.csv", "species");  // header field is quoted
  BOOST_TEST(d.samples() == 4);
  BOOST_TEST(d.features.cols() == 2);
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"sepal_length", "sepal_width"}),
             boost::test_tools::per_element());
  BOOST_TEST(d.class_names == (std::vector<std::string>{"setosa", "versicolor", "virginica"}),
             boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{0, 1, 2, 0}), boost::test_tools::per_element());
  BOOST_TEST(d.num_classes == 3);
  BOOST_TEST(d.features(1, 0) == 7.0f);
  BOOST_TEST(d.features(3, 1) == 3.0f);
}

BOOST_AUTO_TEST_CASE(integer_labels_sort_numerically) {
  // CRLF line ends and a blank line; labels 1, -1, 01, 10.
  const auto d = load("int_labels.csv");
  BOOST_TEST(d.samples() == 4);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"-1", "1", "10"}), boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{1, 0, 1, 2}), boost::test_tools::per_element());
  BOOST_TEST(d.features(3, 1) == 8.0f);
}

BOOST_AUTO_TEST_CASE(quoted_fields_keep_commas_and_spaces) {
  const auto d = load("quoted.csv");
  BOOST_TEST(d.feature_names == (std::vector<std::string>{"x", "y, quoted"}), boost::test_tools::per_element());
  BOOST_TEST(d.features(0, 1) == 2.5f);
  BOOST_TEST(d.features(1, 0) == -3.0f);
  BOOST_TEST(d.features(1, 1) == 40.0f);
  BOOST_TEST(d.class_names == (std::vector<std::string>{" no ", "yes"}), boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{1, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_name_file_line_and_column) {
  expect_error("ragged.csv", ":3:4", "row has 2 fields, the header has 3");
  expect_error("not_a_number.csv", ":3:3", "expected a number in column 'b', got 'abc'");
  expect_error("empty_value.csv", ":3:3", "empty value in column 'b'");
  expect_error("header_only.csv", ":1:1", "no data rows after the header");
  expect_error("no_label.csv", ":1:1", "label column 'label' not found in the header (columns: a, b, class)");
}

BOOST_AUTO_TEST_CASE(empty_and_missing_files_are_data_errors) {
  for (const char* name : {"empty.csv", "missing.csv"}) {
    BOOST_TEST_CONTEXT(name) {
      try {
        load(name);
        BOOST_FAIL("no error");
      } catch (const Error& e) {
        BOOST_TEST((e.code() == ExitCode::data));
        BOOST_TEST(std::string(e.what()).rfind(kCsvDir + name + ": ", 0) == 0);
      }
    }
  }
}
