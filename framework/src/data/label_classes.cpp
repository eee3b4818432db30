// label_classes(): class names and class indices of CSV label columns
// (ordering rules in label_classes.hpp).
#include "data/label_classes.hpp"

#include "data/csv_reader.hpp"

#include <map>

namespace neurite::data {
LabelClasses label_classes(const std::vector<const Table*>& tables) {
  bool all_integers = true;
  long long number = 0;
  for (const Table* table : tables)
    for (const auto& level : table->columns[table->label].levels) all_integers = all_integers && parse_integer(level, number);

  // Class key per level: the integer value, or the text itself.
  std::map<long long, std::string> by_number;  // value -> first spelling
  std::map<std::string, int> by_text;
  for (const Table* table : tables)
    for (const auto& level : table->columns[table->label].levels) {
      if (all_integers) {
        parse_integer(level, number);
        by_number.emplace(number, level);
      } else {
        by_text.emplace(level, 0);
      }
    }
  LabelClasses out;
  std::map<long long, int> number_index;
  for (const auto& [value, text] : by_number) {
    number_index[value] = static_cast<int>(out.names.size());
    out.names.push_back(text);
  }
  for (auto& [text, index] : by_text) {
    index = static_cast<int>(out.names.size());
    out.names.push_back(text);
  }

  for (const Table* table : tables) {
    const TableColumn& column = table->columns[table->label];
    std::vector<int> level_class(column.levels.size());
    for (std::size_t l = 0; l < column.levels.size(); ++l) {
      if (all_integers) {
        parse_integer(column.levels[l], number);
        level_class[l] = number_index.at(number);
      } else {
        level_class[l] = by_text.at(column.levels[l]);
      }
    }
    std::vector<int>& labels = out.labels.emplace_back(column.codes.size());
    for (std::size_t r = 0; r < column.codes.size(); ++r)
      labels[r] = level_class[static_cast<std::size_t>(column.codes[r])];
  }
  return out;
}
}  // namespace neurite::data
