// Mirrors framework/src/data/binary_values.cpp: byte order, widths, signed
// values, label indexing and overflow checks, on bytes written by the test.
#define BOOST_TEST_MODULE binary_values
#include <boost/test/unit_test.hpp>

#include "data/binary_values.hpp"

#include <neurite/errors.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace neurite::data;
using neurite::Error;
using neurite::Matrix;

namespace {
// A file holding `bytes`, removed with the object.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes) {
    static int counter = 0;
    path = (std::filesystem::temp_directory_path() /
            ("neurite_binary_values_" + std::to_string(getpid()) + "_" + std::to_string(counter++))).string();
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::filesystem::remove(path); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(big_and_little_endian_values_decode_alike) {
  // int16 -2 and 300, then float64 0.5, in both byte orders.
  const TempFile be(std::string("\xFF\xFE\x01\x2C", 4) + std::string("\x3F\xE0\0\0\0\0\0\0", 8));
  const TempFile le(std::string("\xFE\xFF\x2C\x01", 4) + std::string("\0\0\0\0\0\0\xE0\x3F", 8));
  for (const auto* file : {&be, &le}) {
    const bool big = file == &be;
    ByteSource source(file->path);
    const Matrix ints = read_features(source, {ElementType::i16, big}, 1, 2, 1.0f);
    BOOST_TEST(ints(0, 0) == -2.0f);
    BOOST_TEST(ints(0, 1) == 300.0f);
    const Matrix real = read_features(source, {ElementType::f64, big}, 1, 1, 2.0f);
    BOOST_TEST(real(0, 0) == 0.25f);  // divided by the divisor
  }
}

BOOST_AUTO_TEST_CASE(integers_keep_sign_and_refuse_huge_unsigned) {
  const TempFile file(std::string("\x80\x7F", 2));
  ByteSource source(file.path);
  BOOST_TEST(read_integers(source, {ElementType::i8, false}, 2) == (std::vector<std::int64_t>{-128, 127}),
             boost::test_tools::per_element());
  const TempFile huge(std::string(8, '\xFF'));
  ByteSource big(huge.path);
  try {
    read_integers(big, {ElementType::u64, false}, 1);
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) == huge.path + ": label 0 (byte 0) is 18446744073709551615, beyond the int64 range");
  }
}

BOOST_AUTO_TEST_CASE(labels_index_distinct_sorted_values) {
  neurite::Dataset d;
  index_integer_labels({9, -3, 9, 4}, d);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"-3", "4", "9"}), boost::test_tools::per_element());
  BOOST_TEST(d.labels == (std::vector<int>{2, 0, 2, 1}), boost::test_tools::per_element());
  BOOST_TEST(d.num_classes == 3);
}

BOOST_AUTO_TEST_CASE(sizes_and_names) {
  BOOST_TEST(element_size(ElementType::i16) == 2u);
  BOOST_TEST(element_size(ElementType::f64) == 8u);
  BOOST_TEST(!is_integer(ElementType::f32));
  BOOST_TEST(element_name(ElementType::u8) == "unsigned byte");
  const TempFile file("x");
  ByteSource source(file.path);
  BOOST_TEST(checked_multiply(1u << 20, 1u << 20, source, "n") == (std::uint64_t{1} << 40));
  try {
    checked_multiply(std::uint64_t{1} << 40, std::uint64_t{1} << 30, source, "the element count");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST(std::string(e.what()) ==
               file.path + ": the element count overflows 64 bits (1099511627776 x 1073741824)");
  }
}
