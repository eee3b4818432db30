// Mirrors framework/src/data/idx_loader.cpp through make_dataset(). Fixtures
// come from tests/data/make_binary_fixtures.py (numpy, MNIST's IDX layout).
#define BOOST_TEST_MODULE idx_loader
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

using neurite::Error;
using neurite::ExitCode;

namespace {
const std::string kDir = std::string(NEURITE_TEST_DATA_DIR) + "/idx/";

neurite::Dataset load(const std::string& images, const std::string& labels) {
  neurite::DataSpec spec;
  spec.source = "idx";
  spec.images_path = kDir + images;
  spec.labels_path = kDir + labels;
  return neurite::make_dataset(spec, 0);
}

// The error names `file` first ("<dir>/<file>: ...") and contains `fragment`.
void expect_error(const std::string& images, const std::string& labels, const std::string& file,
                  const std::string& fragment) {
  try {
    load(images, labels);
  } catch (const Error& e) {
    const std::string message = e.what();
    BOOST_TEST_CONTEXT("message: " << message) {
      BOOST_TEST((e.code() == ExitCode::data));
      BOOST_TEST(message.rfind(kDir + file + ": ", 0) == 0);
      BOOST_TEST(message.find(fragment) != std::string::npos);
    }
    return;
  }
  BOOST_FAIL("no error for " << images << " + " << labels);
}

// images.idx: 5 items of 2x3 pixels, pixel k of the file = 8k (last = 255).
void check_reference_images(const neurite::Dataset& d) {
  BOOST_TEST(d.samples() == 5);
  BOOST_TEST(d.features.cols() == 6);
  BOOST_TEST(d.features(0, 0) == 0.0f);
  BOOST_TEST(d.features(0, 1) == 8.0f / 255.0f);
  BOOST_TEST(d.features(2, 3) == 120.0f / 255.0f);  // item 2, row 1, column 0
  BOOST_TEST(d.features(4, 5) == 1.0f);
}
}  // namespace

BOOST_AUTO_TEST_CASE(unsigned_bytes_scale_to_unit_interval_and_labels_index_sorted_values) {
  const auto d = load("images.idx", "labels.idx");
  check_reference_images(d);
  // labels 3, 1, 3, 0, 7 -> classes 0, 1, 3, 7
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1", "3", "7"}), boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{2, 1, 2, 0, 3}), boost::test_tools::per_element());
  BOOST_TEST(d.num_classes == 4);
  BOOST_TEST(d.feature_names.size() == 6u);
  BOOST_TEST(d.feature_names[5] == "x6");
}

BOOST_AUTO_TEST_CASE(gzip_is_detected_by_magic_bytes_not_by_name) {
  const auto d = load("images.idx.gz", "labels_gzip_without_suffix.idx");
  check_reference_images(d);
  BOOST_TEST(d.labels == (std::vector<int>{2, 1, 2, 0, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(concatenated_gzip_members_read_as_one_stream) {
  check_reference_images(load("images_two_members.idx.gz", "labels.idx"));
}

BOOST_AUTO_TEST_CASE(big_endian_floats_load_unscaled_and_signed_labels_sort_numerically) {
  const auto d = load("values_f32.idx", "labels_i32.idx");
  BOOST_TEST(d.features.cols() == 1);
  BOOST_TEST(d.features(0, 0) == 1.5f);
  BOOST_TEST(d.features(1, 0) == -2.25f);
  BOOST_TEST(d.features(2, 0) == 1e6f);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"-5", "2", "70000"}), boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{0, 2, 0, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(header_errors_name_the_file_and_byte) {
  expect_error("bad_magic.idx", "labels.idx", "bad_magic.idx", "byte 0: not an IDX file");
  expect_error("bad_type.idx", "labels.idx", "bad_type.idx", "byte 2: unknown IDX type code 0x07 (known: 0x08");
  expect_error("zero_rank.idx", "labels.idx", "zero_rank.idx", "byte 3: the number of dimensions is 0");
  expect_error("zero_dimension.idx", "labels.idx", "zero_dimension.idx", "byte 8: dimension 1 has size 0");
  expect_error("truncated_header.idx", "labels.idx", "truncated_header.idx",
               "truncated: the 3 dimension sizes needs 12 bytes from byte 4, but the file ends at byte 9");
  expect_error("overflow.idx", "labels.idx", "overflow.idx", "the element count overflows 64 bits");
}

BOOST_AUTO_TEST_CASE(data_length_must_match_the_header_exactly) {
  expect_error("truncated.idx", "labels.idx", "truncated.idx",
               "announces 30 bytes of data but the file holds 27 (truncated)");
  expect_error("extra_bytes.idx", "labels.idx", "extra_bytes.idx", "but the file holds 32 (extra bytes at the end)");
}

BOOST_AUTO_TEST_CASE(labels_must_be_one_integer_per_item) {
  expect_error("images.idx", "labels_4.idx", "labels_4.idx", "holds 4 labels but " + kDir + "images.idx holds 5 items");
  expect_error("images.idx", "labels_2d.idx", "labels_2d.idx", "labels must have 1 dimension, got 2");
  expect_error("images.idx", "labels_float.idx", "labels_float.idx", "labels must be of an integer type, got float32");
}

BOOST_AUTO_TEST_CASE(non_finite_values_are_refused_with_their_item) {
  expect_error("values_f64_nan.idx", "labels_i32.idx", "values_f64_nan.idx",
               "value 0 of item 1 (byte 16) is not a finite float");
}

BOOST_AUTO_TEST_CASE(broken_gzip_files_are_data_errors) {
  expect_error("truncated.idx.gz", "labels.idx", "truncated.idx.gz", "truncated gzip stream");
  expect_error("corrupt.idx.gz", "labels.idx", "corrupt.idx.gz", "corrupt gzip data near compressed byte");
  expect_error("bad_crc.idx.gz", "labels.idx", "bad_crc.idx.gz", "incorrect data check");
  expect_error("huge_claim.idx.gz", "labels.idx", "huge_claim.idx.gz",
               "announces 281474976645120 bytes of data, more than the compressed file can hold");
  expect_error("gz_extra_bytes.idx.gz", "labels.idx", "gz_extra_bytes.idx.gz", "1 bytes of data after the last item (from byte 46)");
  expect_error("gz_truncated_data.idx.gz", "labels.idx", "gz_truncated_data.idx.gz",
               "needs 30 bytes from byte 16, but the decompressed data ends at byte 45");
}

BOOST_AUTO_TEST_CASE(missing_files_and_keys) {
  expect_error("no_such.idx", "labels.idx", "no_such.idx", "no such file");
  neurite::DataSpec spec;
  spec.source = "idx";
  spec.labels_path = kDir + "labels.idx";
  try {
    neurite::make_dataset(spec, 0);
    BOOST_FAIL("no error without data.images");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == "data.images is required for source: idx");
  }
}
