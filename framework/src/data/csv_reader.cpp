// CsvFile: line and field splitting for csv_loader.cpp (rules in csv_reader.hpp).
#include "data/csv_reader.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace neurite::data {
CsvFile::CsvFile(std::string path) : path_(std::move(path)), in_(path_, std::ios::binary) {
  if (!in_) throw Error(ExitCode::data, SourceLocation{path_}, "cannot open the CSV file");
}

void CsvFile::fail(int line, int column, const std::string& message) const {
  throw Error(ExitCode::data, SourceLocation{path_, line, column}, message);
}

bool CsvFile::next(std::vector<CsvField>& fields) {
  while (std::getline(in_, text_)) {
    ++line_number_;
    if (!text_.empty() && text_.back() == '\r') text_.pop_back();
    if (text_.find_first_not_of(" \t") != std::string::npos) break;
  }
  if (!in_) return false;
  fields.clear();
  const std::string& line = text_;
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && is_space(line[i])) ++i;
    CsvField field{{}, static_cast<int>(i) + 1};
    if (i < line.size() && line[i] == '"') {
      const std::size_t open = i++;
      while (true) {
        if (i >= line.size()) fail(line_number_, static_cast<int>(open) + 1, "unterminated quoted field");
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.text += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.text += line[i++];
      }
      while (i < line.size() && is_space(line[i])) ++i;
      if (i < line.size() && line[i] != ',')
        fail(line_number_, static_cast<int>(i) + 1, "expected ',' after a quoted field");
    } else {
      const std::size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      std::size_t end = i;
      while (end > start && is_space(line[end - 1])) --end;
      field.text = line.substr(start, end - start);
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return true;
}

bool parse_number(const std::string& text, float& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+' && ++first != last && *first == '-') return false;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (first == last || ec != std::errc{} || ptr != last) return false;
  out = static_cast<float>(value);
  return std::isfinite(out);
}

bool parse_integer(const std::string& text, long long& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+' && ++first != last && *first == '-') return false;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return first != last && ec == std::errc{} && ptr == last;
}

bool is_missing(const std::string& text) {
  static constexpr std::array<std::string_view, 10> kSpellings{
      "", "NA", "N/A", "n/a", "NaN", "nan", "NAN", "?", "NULL", "null"};
  for (const std::string_view s : kSpellings)
    if (text == s) return true;
  return false;
}
}  // namespace neurite::data
