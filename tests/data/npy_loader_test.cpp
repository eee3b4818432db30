// Mirrors framework/src/data/npy_loader.cpp through make_dataset(). Fixtures
// are written by numpy's own np.lib.format (tests/data/make_binary_fixtures.py).
#define BOOST_TEST_MODULE npy_loader
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

using neurite::Error;
using neurite::ExitCode;

namespace {
const std::string kDir = std::string(NEURITE_TEST_DATA_DIR) + "/npy/";

neurite::Dataset load(const std::string& features, const std::string& labels) {
  neurite::DataSpec spec;
  spec.source = "npy";
  spec.features_path = kDir + features;
  spec.labels_path = kDir + labels;
  return neurite::make_dataset(spec, 0);
}

void expect_error(const std::string& features, const std::string& labels, const std::string& file,
                  const std::string& fragment) {
  try {
    load(features, labels);
  } catch (const Error& e) {
    const std::string message = e.what();
    BOOST_TEST_CONTEXT("message: " << message) {
      BOOST_TEST((e.code() == ExitCode::data));
      BOOST_TEST(message.rfind(kDir + file + ": ", 0) == 0);
      BOOST_TEST(message.find(fragment) != std::string::npos);
    }
    return;
  }
  BOOST_FAIL("no error for " << features << " + " << labels);
}
}  // namespace

BOOST_AUTO_TEST_CASE(float32_version_1_loads_as_stored) {
  const auto d = load("features_f4.npy", "labels_i8.npy");
  BOOST_TEST(d.samples() == 5);
  BOOST_TEST(d.features.cols() == 2);
  BOOST_TEST(d.features(1, 0) == -1.5f);
  BOOST_TEST(d.features(3, 1) == 8.0f);
  BOOST_TEST(d.features(4, 1) == -1e3f);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1", "2"}), boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{2, 0, 2, 1, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(gzip_compressed_npy_loads) {
  const auto d = load("features_f4.npy.gz", "labels_i8.npy");
  BOOST_TEST(d.features(3, 1) == 8.0f);
}

BOOST_AUTO_TEST_CASE(versions_2_and_3_and_higher_rank_items_flatten_in_c_order) {
  // cube = arange(20).reshape(5, 2, 2) / 4 - 1
  const auto d = load("cube_f8_v2.npy", "labels_u1_v3.npy");
  BOOST_TEST(d.features.cols() == 4);
  BOOST_TEST(d.features(0, 0) == -1.0f);
  BOOST_TEST(d.features(2, 3) == 11 / 4.0f - 1);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"10", "11", "12"}), boost::test_tools::per_element());
  const auto i = load("cube_i2_v3.npy", "labels_i1.npy");
  BOOST_TEST(i.features(4, 3) == 3000.0f);  // int16(19 / 4 - 1) * 1000
  BOOST_TEST(i.features(0, 0) == -1000.0f);
  BOOST_TEST(i.class_names == (std::vector<std::string>{"-1", "0", "5"}), boost::test_tools::per_element());
  BOOST_TEST(i.labels == (std::vector<int>{0, 2, 0, 2, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(preamble_errors) {
  expect_error("bad_magic.npy", "labels_i8.npy", "bad_magic.npy", "byte 0: not an NPY file");
  expect_error("bad_version.npy", "labels_i8.npy", "bad_version.npy",
               "byte 6: NPY format version 4.0 is not supported (supported: 1.0, 2.0, 3.0)");
  expect_error("header_too_long.npy", "labels_i8.npy", "header_too_long.npy",
               "byte 8: the header length 60000 is longer than the file");
}

BOOST_AUTO_TEST_CASE(header_dict_errors) {
  expect_error("no_shape.npy", "labels_i8.npy", "no_shape.npy", "unexpected key 'shapo'");
  expect_error("bad_dict.npy", "labels_i8.npy", "bad_dict.npy", "byte 20: expected ':' in the header dict");
  expect_error("scalar.npy", "labels_i8.npy", "scalar.npy", "the array is a scalar (shape ())");
  expect_error("empty.npy", "labels_i8.npy", "empty.npy", "the array is empty (shape (0, 2))");
}

BOOST_AUTO_TEST_CASE(unsupported_layouts_and_dtypes_say_how_to_fix_them) {
  expect_error("fortran.npy", "labels_i8.npy", "fortran.npy", "fortran_order is True; neurite reads C order only: save np.ascontiguousarray(a)");
  expect_error("big_endian.npy", "labels_i8.npy", "big_endian.npy", "big-endian dtype '>f4' is not supported");
  expect_error("complex.npy", "labels_i8.npy", "complex.npy", "unsupported dtype '<c8'");
  expect_error("bool.npy", "labels_i8.npy", "bool.npy", "unsupported dtype '|b1'");
  expect_error("structured.npy", "labels_i8.npy", "structured.npy", "structured dtypes");
}

BOOST_AUTO_TEST_CASE(data_and_label_errors) {
  expect_error("truncated.npy", "labels_i8.npy", "truncated.npy",
               "shape (5, 2) of '<f4' needs 40 bytes of data from byte 128 but the file holds 36 (truncated)");
  expect_error("features_f4.npy", "labels_4.npy", "labels_4.npy", "holds 4 labels but " + kDir + "features_f4.npy holds 5 items");
  expect_error("features_f4.npy", "labels_2d.npy", "labels_2d.npy",
               "integer labels (classes) must be a 1-D array, got 2 dimensions");
  expect_error("features_f4.npy", "targets_3d.npy", "targets_3d.npy",
               "float labels (regression targets) must be 1-D or 2-D (items x outputs), got 3 dimensions");
  expect_error("features_f4.npy", "targets_nan.npy", "targets_nan.npy", "value 0 of item 2 (byte 144) is not a finite float");
}

BOOST_AUTO_TEST_CASE(float_labels_are_regression_targets) {
  const auto one = load("features_f4.npy", "labels_f8.npy");  // labels 2, 0, 2, 1, 0 as float64
  BOOST_TEST(one.is_regression());
  BOOST_TEST(one.labels.empty());
  BOOST_TEST(one.targets.rows() == 5);
  BOOST_TEST(one.targets.cols() == 1);
  BOOST_TEST(one.targets(3, 0) == 1.0f);
  const auto two = load("features_f4.npy", "targets_2d.npy");  // [[i, -i / 2] for i in 0..4]
  BOOST_TEST(two.targets.cols() == 2);
  BOOST_TEST(two.targets(3, 0) == 3.0f);
  BOOST_TEST(two.targets(3, 1) == -1.5f);
}
