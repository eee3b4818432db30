// csv: a header row, then one sample per row. `label` names the class column;
// every other column is a numeric feature. Fields are separated by commas,
// may be double-quoted ("" inside quotes is a quote; no line breaks inside),
// and surrounding spaces are ignored. Blank lines are skipped.
// Classes: if every label parses as an integer they are ordered numerically,
// else as strings; class_names keeps each class as first written.
// Every problem is Error(ExitCode::data) at file:line:column.
#include "data/sources.hpp"

#include <neurite/errors.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

namespace neurite::data {
namespace {
struct Field {
  std::string text;
  int column;  // 1-based, where the field's text starts
};

class CsvReader {
 public:
  explicit CsvReader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(int line, int column, const std::string& message) const {
    throw Error(ExitCode::data, SourceLocation{path_, line, column}, message);
  }

  // Splits one line into fields.
  std::vector<Field> split(const std::string& line, int line_number) const {
    std::vector<Field> fields;
    std::size_t i = 0;
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    while (true) {
      while (i < line.size() && is_space(line[i])) ++i;
      Field field{{}, static_cast<int>(i) + 1};
      if (i < line.size() && line[i] == '"') {
        const std::size_t open = i++;
        while (true) {
          if (i >= line.size())
            fail(line_number, static_cast<int>(open) + 1, "unterminated quoted field");
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
          fail(line_number, static_cast<int>(i) + 1, "expected ',' after a quoted field");
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
    return fields;
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool parse_number(const std::string& text, float& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (first == last || ec != std::errc{} || ptr != last) return false;
  out = static_cast<float>(value);
  return std::isfinite(out);
}

bool parse_integer(const std::string& text, long long& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return first != last && ec == std::errc{} && ptr == last;
}

// Class index per label text; sets class_names. Integer labels sort numerically.
std::vector<int> index_labels(const std::vector<std::string>& labels,
                              std::vector<std::string>& class_names) {
  std::vector<long long> numbers(labels.size());
  bool all_integers = true;
  for (std::size_t i = 0; i < labels.size() && all_integers; ++i)
    all_integers = parse_integer(labels[i], numbers[i]);
  std::vector<int> indices(labels.size());
  class_names.clear();
  if (all_integers) {
    std::map<long long, std::string> classes;  // value -> first spelling
    for (std::size_t i = 0; i < labels.size(); ++i) classes.emplace(numbers[i], labels[i]);
    std::map<long long, int> index;
    for (const auto& [value, text] : classes) {
      index[value] = static_cast<int>(class_names.size());
      class_names.push_back(text);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) indices[i] = index[numbers[i]];
  } else {
    std::map<std::string, int> index;
    for (const auto& label : labels) index.emplace(label, 0);
    for (auto& [text, k] : index) {
      k = static_cast<int>(class_names.size());
      class_names.push_back(text);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) indices[i] = index[labels[i]];
  }
  return indices;
}
}  // namespace

Dataset load_csv(const std::string& path, const std::string& label_column) {
  const CsvReader csv(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::data, SourceLocation{path}, "cannot open the CSV file");

  std::string line;
  int line_number = 0;
  auto next_line = [&]() {
    while (std::getline(in, line)) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) return true;
    }
    return false;
  };

  if (!next_line()) throw Error(ExitCode::data, SourceLocation{path}, "empty CSV file; expected a header row");
  const int header_line = line_number;
  const std::vector<Field> header = csv.split(line, line_number);
  std::vector<std::string> names;
  for (const auto& field : header) {
    if (field.text.empty()) csv.fail(header_line, field.column, "empty column name in the header");
    if (std::find(names.begin(), names.end(), field.text) != names.end())
      csv.fail(header_line, field.column, "duplicate column name '" + field.text + "' in the header");
    names.push_back(field.text);
  }
  const auto label_it = std::find(names.begin(), names.end(), label_column);
  if (label_it == names.end()) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    csv.fail(header_line, 1, "label column '" + label_column + "' not found in the header (columns: " + list + ")");
  }
  const std::size_t label_index = static_cast<std::size_t>(label_it - names.begin());
  if (names.size() < 2)
    csv.fail(header_line, 1, "no feature columns besides the label column '" + label_column + "'");

  Dataset data;
  for (std::size_t c = 0; c < names.size(); ++c)
    if (c != label_index) data.feature_names.push_back(names[c]);
  const std::size_t num_features = names.size() - 1;
  std::vector<float> values;
  std::vector<std::string> labels;
  while (next_line()) {
    const std::vector<Field> fields = csv.split(line, line_number);
    if (fields.size() != names.size()) {
      const int column = fields.size() > names.size() ? fields[names.size()].column
                                                      : static_cast<int>(line.size()) + 1;
      csv.fail(line_number, column,
               "row has " + std::to_string(fields.size()) + " fields, the header has " +
                   std::to_string(names.size()));
    }
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const Field& field = fields[c];
      if (field.text.empty())
        csv.fail(line_number, field.column, "empty value in column '" + names[c] + "'");
      if (c == label_index) {
        labels.push_back(field.text);
        continue;
      }
      float value = 0;
      if (!parse_number(field.text, value))
        csv.fail(line_number, field.column,
                 "expected a number in column '" + names[c] + "', got '" + field.text + "'");
      values.push_back(value);
    }
  }
  if (labels.empty()) csv.fail(header_line, 1, "no data rows after the header");

  const auto rows = static_cast<Index>(labels.size());
  data.features = Eigen::Map<const Matrix>(values.data(), rows, static_cast<Index>(num_features));
  data.labels = index_labels(labels, data.class_names);
  data.num_classes = static_cast<int>(data.class_names.size());
  return data;
}
}  // namespace neurite::data
