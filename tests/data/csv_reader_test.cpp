// Mirrors framework/src/data/csv_reader.cpp.
#define BOOST_TEST_MODULE csv_reader
#include <boost/test/unit_test.hpp>

#include "data/csv_reader.hpp"

using namespace neurite::data;

BOOST_AUTO_TEST_CASE(missing_spellings) {
  for (const char* text : {"", "NA", "N/A", "n/a", "NaN", "nan", "NAN", "?", "NULL", "null"})
    BOOST_TEST(is_missing(text), "'" << text << "'");
  for (const char* text : {"None", "na", "0", "-", "nil", " "}) BOOST_TEST(!is_missing(text), "'" << text << "'");
}

BOOST_AUTO_TEST_CASE(numbers_are_finite_floats) {
  float v = 0;
  BOOST_TEST((parse_number("+4e1", v) && v == 40.0f));
  BOOST_TEST((parse_number("-0.5", v) && v == -0.5f));
  for (const char* text : {"", "+", "+-1", "1e400", "nan", "inf", "1,5", "1 2", "0x10", "abc"})
    BOOST_TEST(!parse_number(text, v), "'" << text << "'");
  long long i = 0;
  BOOST_TEST((parse_integer("+7", i) && i == 7));
  BOOST_TEST((parse_integer("-12", i) && i == -12));
  for (const char* text : {"", "1.0", "+-1", "2x"}) BOOST_TEST(!parse_integer(text, i), "'" << text << "'");
}

BOOST_AUTO_TEST_CASE(fields_carry_their_columns) {
  CsvFile csv(std::string(NEURITE_TEST_DATA_DIR) + "/csv/quoted.csv");
  std::vector<CsvField> fields;
  BOOST_TEST(csv.next(fields));
  BOOST_TEST(csv.line() == 1);
  BOOST_TEST(fields.size() == 3u);
  BOOST_TEST(fields[1].text == "y, quoted");
  BOOST_TEST(fields[1].column == 3);
  BOOST_TEST(fields[2].column == 15);
  BOOST_TEST(csv.next(fields));
  BOOST_TEST(csv.next(fields));
  BOOST_TEST(fields[2].text == " no ");
  BOOST_TEST(!csv.next(fields));
}
