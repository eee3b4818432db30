// Mirrors framework/src/data/byte_source.cpp: plain and gzip files read the
// same bytes; truncation and corruption are Error(data) naming the file.
#define BOOST_TEST_MODULE byte_source
#include <boost/test/unit_test.hpp>

#include "data/byte_source.hpp"

#include <neurite/errors.hpp>

#include <array>
#include <functional>

using neurite::Error;
using neurite::ExitCode;
using neurite::data::ByteSource;

namespace {
const std::string kDir = std::string(NEURITE_TEST_DATA_DIR) + "/idx/";

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::data));
    return e.what();
  }
  return "no error";
}
}  // namespace

BOOST_AUTO_TEST_CASE(plain_and_gzip_files_give_the_same_bytes) {
  ByteSource plain(kDir + "images.idx"), packed(kDir + "images.idx.gz");
  BOOST_TEST(!plain.compressed());
  BOOST_TEST(packed.compressed());
  BOOST_TEST(plain.remaining_bound() == 46u);  // exact for a plain file
  BOOST_TEST(packed.remaining_bound() >= 46u);
  std::array<unsigned char, 46> a{}, b{};
  plain.read(a.data(), a.size(), "everything");
  packed.read(b.data(), b.size(), "everything");
  BOOST_TEST(a == b);
  BOOST_TEST(a[2] == 0x08);
  BOOST_TEST(packed.offset() == 46u);
  BOOST_TEST(plain.count_rest() == 0u);
  BOOST_TEST(packed.count_rest() == 0u);
}

BOOST_AUTO_TEST_CASE(count_rest_counts_what_is_left) {
  ByteSource packed(kDir + "images.idx.gz");
  std::array<unsigned char, 10> head{};
  packed.read(head.data(), head.size(), "the head");
  BOOST_TEST(packed.count_rest() == 36u);
  BOOST_TEST(packed.offset() == 46u);
}

BOOST_AUTO_TEST_CASE(reading_past_the_end_names_file_and_offsets) {
  ByteSource plain(kDir + "labels.idx");
  std::array<unsigned char, 20> buffer{};
  BOOST_TEST(error_of([&] { plain.read(buffer.data(), buffer.size(), "the labels"); }) ==
             kDir + "labels.idx: truncated: the labels needs 20 bytes from byte 0, but the file ends at byte 13");
}

BOOST_AUTO_TEST_CASE(missing_file_and_corrupt_stream) {
  BOOST_TEST(error_of([] { ByteSource s(kDir + "absent.idx"); }) == kDir + "absent.idx: no such file");
  ByteSource corrupt(kDir + "corrupt.idx.gz");
  BOOST_TEST(error_of([&] { corrupt.count_rest(); }).find(kDir + "corrupt.idx.gz: corrupt gzip data") == 0u);
}
