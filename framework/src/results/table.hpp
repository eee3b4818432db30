// A table with the same columns in every format: text (aligned on a
// terminal), Markdown, CSV and JSON. Each cell carries its text for people
// and its value for tools (a number at full precision, text, a flag, or
// nothing: "-" / empty / null).
#pragma once
#include <neurite/results/compare.hpp>

#include <optional>
#include <string>
#include <vector>

namespace neurite::cells {
struct TableColumn {
  std::string key;    // CSV header and JSON key: "test_accuracy"
  std::string title;  // text and Markdown header: "test acc"
  bool numeric;       // right-aligned in text
};

struct Cell {
  std::string human = "-";
  enum class Kind { none, number, text, flag } kind = Kind::none;
  double number = 0;  // Kind::number (NaN and infinities become null in JSON)
  std::string text;   // Kind::text
  bool flag = false;  // Kind::flag

  static Cell of_number(double value, std::string human_text);
  static Cell of_text(std::string value);
  static Cell of_flag(bool value, std::string human_text);
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<Cell>> rows;  // each as many cells as columns
  std::vector<std::string> notes;       // after the table, text and Markdown only
};

std::string render(const Table& table, TableFormat format);
}  // namespace neurite::cells
