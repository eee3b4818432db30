// Mirrors framework/src/data/label_classes.cpp.
#define BOOST_TEST_MODULE label_classes
#include <boost/test/unit_test.hpp>

#include "data/label_classes.hpp"

using namespace neurite::data;
namespace tt = boost::test_tools;

namespace {
Table labels_table(const std::vector<std::string>& levels, const std::vector<std::int32_t>& codes) {
  Table t;
  t.columns.resize(1);
  t.columns[0].categorical = true;
  t.columns[0].levels = levels;
  t.columns[0].codes = codes;
  t.lines.resize(codes.size());
  return t;
}
}  // namespace

BOOST_AUTO_TEST_CASE(classes_cover_every_table) {
  const Table train = labels_table({"dog", "cat"}, {0, 1, 0});
  const Table test = labels_table({"ant", "dog"}, {1, 0});
  const LabelClasses c = label_classes({&train, &test});
  BOOST_TEST(c.names == (std::vector<std::string>{"ant", "cat", "dog"}), tt::per_element());
  BOOST_TEST(c.labels[0] == (std::vector<int>{2, 1, 2}), tt::per_element());
  BOOST_TEST(c.labels[1] == (std::vector<int>{2, 0}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(integer_labels_order_numerically_with_the_first_spelling) {
  const Table a = labels_table({"10", "+2"}, {0, 1});
  const Table b = labels_table({"2", "-3"}, {0, 1});
  const LabelClasses c = label_classes({&a, &b});
  BOOST_TEST(c.names == (std::vector<std::string>{"-3", "+2", "10"}), tt::per_element());
  BOOST_TEST(c.labels[0] == (std::vector<int>{2, 1}), tt::per_element());
  BOOST_TEST(c.labels[1] == (std::vector<int>{1, 0}), tt::per_element());
  // One non-integer makes every label a string, sorted by bytes.
  const Table d = labels_table({"10", "9", "x"}, {0, 1, 2});
  BOOST_TEST(label_classes({&d}).names == (std::vector<std::string>{"10", "9", "x"}), tt::per_element());
}
