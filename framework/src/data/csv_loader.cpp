// load_table(): a CSV file (syntax: csv_reader.hpp) with a header row into a
// Table (table.hpp). Two passes over the file: the first counts, per column,
// the non-missing values and how many of them are numbers, which decides the
// column kinds; the second stores the values and reports the first problem in
// line order. Missing values: the spellings of is_missing().
// load_csv(): the whole file as one Dataset (make_dataset() for source: csv),
// encoded with a Preprocessing fitted on all of its rows, unscaled.
#include "data/csv_reader.hpp"
#include "data/label_classes.hpp"
#include "data/preprocess.hpp"
#include "data/sources.hpp"
#include "data/table.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace neurite::data {
namespace {
std::string join(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return list;
}

// The header: names in file order, checked for empty and duplicate names.
struct Header {
  std::vector<std::string> names;
  std::vector<int> columns;  // 1-based character column of each name
};

Header read_header(CsvFile& csv) {
  std::vector<CsvField> fields;
  if (!csv.next(fields))
    throw Error(ExitCode::data, SourceLocation{csv.path()}, "empty CSV file; expected a header row");
  Header header;
  for (const auto& field : fields) {
    if (field.text.empty()) csv.fail(csv.line(), field.column, "empty column name in the header");
    if (std::find(header.names.begin(), header.names.end(), field.text) != header.names.end())
      csv.fail(csv.line(), field.column, "duplicate column name '" + field.text + "' in the header");
    header.names.push_back(field.text);
    header.columns.push_back(field.column);
  }
  return header;
}

// `label` as a header name, else as a 0-based index (negative from the end).
std::size_t find_label(const CsvFile& csv, const Header& header, const std::string& label) {
  const auto& names = header.names;
  const auto it = std::find(names.begin(), names.end(), label);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  long long index = 0;
  const auto count = static_cast<long long>(names.size());
  if (parse_integer(label, index)) {
    if (index >= -count && index < count) return static_cast<std::size_t>(index < 0 ? index + count : index);
    csv.fail(csv.line(), 1, "label column index " + label + " is out of range: the header has " +
                                std::to_string(count) + " columns (0.." + std::to_string(count - 1) +
                                ", or -" + std::to_string(count) + "..-1 from the end)");
  }
  csv.fail(csv.line(), 1, "label column '" + label + "' not found in the header (columns: " + join(names) + ")");
}

// Per column: non-missing values and how many of them parse as numbers.
struct ColumnCounts {
  std::size_t values = 0, numbers = 0;
};

// First pass: counts only. Rows of the wrong width are skipped here; the
// second pass reports them in line order with everything else.
std::vector<ColumnCounts> count_values(const std::string& path, std::size_t width) {
  CsvFile csv(path);
  std::vector<CsvField> fields;
  csv.next(fields);  // the header
  std::vector<ColumnCounts> counts(width);
  float number = 0;
  while (csv.next(fields)) {
    if (fields.size() != width) continue;
    for (std::size_t c = 0; c < width; ++c) {
      if (is_missing(fields[c].text)) continue;
      ++counts[c].values;
      if (parse_number(fields[c].text, number)) ++counts[c].numbers;
    }
  }
  return counts;
}

// Second pass: file column f holds table column slot[f]; values are stored
// and the first problem in line order is an error.
void read_rows(const std::string& path, const std::vector<std::size_t>& slot, Table& table,
               bool allow_missing, const std::vector<ColumnCounts>* counts) {
  CsvFile csv(path);
  std::vector<CsvField> fields;
  csv.next(fields);  // the header
  const std::size_t width = slot.size();
  std::vector<std::unordered_map<std::string, std::int32_t>> level_index(table.columns.size());
  while (csv.next(fields)) {
    if (fields.size() != width) {
      const int column = fields.size() > width ? fields[width].column : csv.line_length() + 1;
      csv.fail(csv.line(), column,
               "row has " + std::to_string(fields.size()) + " fields, the header has " + std::to_string(width));
    }
    for (std::size_t f = 0; f < width; ++f) {
      const CsvField& field = fields[f];
      const std::size_t c = slot[f];
      TableColumn& column = table.columns[c];
      const bool missing = is_missing(field.text);
      if (missing && c == table.label)
        csv.fail(csv.line(), field.column, "missing label in column '" + column.name + "'");
      if (missing && !allow_missing)
        csv.fail(csv.line(), field.column,
                 "missing value '" + field.text + "' in column '" + column.name +
                     "' (set data.impute to mean, median or most_frequent to fill missing values)");
      if (column.categorical) {
        std::int32_t code = -1;
        if (!missing) {
          const auto [it, added] = level_index[c].emplace(field.text, static_cast<std::int32_t>(column.levels.size()));
          if (added) column.levels.push_back(field.text);
          code = it->second;
        }
        column.codes.push_back(code);
        continue;
      }
      float value = std::numeric_limits<float>::quiet_NaN();
      if (!missing && !parse_number(field.text, value)) {
        std::string hint;
        if (counts != nullptr)
          hint = " (" + std::to_string((*counts)[f].numbers) + " of " + std::to_string((*counts)[f].values) +
                 " values in this column are numbers; list it in data.categorical to one-hot encode it)";
        csv.fail(csv.line(), field.column,
                 "expected a number in column '" + column.name + "', got '" + field.text + "'" + hint);
      }
      column.numbers.push_back(value);
    }
    table.lines.push_back(csv.line());
  }
  if (table.rows() == 0) csv.fail(table.header_line, 1, "no data rows after the header");
}
}  // namespace

Table load_table(const std::string& path, const TableOptions& options) {
  CsvFile csv(path);
  const Header header = read_header(csv);
  Table table;
  table.path = path;
  table.header_line = csv.line();
  table.label = find_label(csv, header, options.label);
  if (header.names.size() < 2)
    csv.fail(csv.line(), 1, "no feature columns besides the label column '" + header.names[table.label] + "'");
  for (const auto& name : options.categorical) {
    const auto it = std::find(header.names.begin(), header.names.end(), name);
    if (it == header.names.end())
      csv.fail(csv.line(), 1, "data.categorical names column '" + name + "', which is not in the header (columns: " +
                                  join(header.names) + ")");
    if (static_cast<std::size_t>(it - header.names.begin()) == table.label)
      csv.fail(csv.line(), 1, "data.categorical names the label column '" + name + "'; labels are classes already");
  }

  const std::vector<ColumnCounts> counts = count_values(path, header.names.size());
  std::vector<std::size_t> slot(header.names.size());
  for (std::size_t c = 0; c < header.names.size(); ++c) {
    TableColumn column;
    column.name = header.names[c];
    column.header_column = header.columns[c];
    const bool listed = std::find(options.categorical.begin(), options.categorical.end(), column.name) !=
                        options.categorical.end();
    // Categorical only when most values are not numbers, so that a typo in a
    // numeric column is reported rather than turning it into categories.
    const std::size_t words = counts[c].values - counts[c].numbers;
    column.categorical = c == table.label || listed || words * 2 > counts[c].values;
    table.columns.push_back(std::move(column));
    slot[c] = c;
  }
  read_rows(path, slot, table, options.allow_missing, &counts);
  return table;
}

Table load_table_like(const std::string& path, const Table& like, bool allow_missing) {
  CsvFile csv(path);
  const Header header = read_header(csv);
  Table table;
  table.path = path;
  table.header_line = csv.line();
  table.label = like.label;
  std::vector<std::size_t> slot(header.names.size());
  std::vector<bool> present(like.columns.size(), false);
  for (std::size_t f = 0; f < header.names.size(); ++f) {
    const auto it = std::find_if(like.columns.begin(), like.columns.end(),
                                 [&](const TableColumn& c) { return c.name == header.names[f]; });
    if (it == like.columns.end())
      csv.fail(csv.line(), header.columns[f], "column '" + header.names[f] + "' is not in the training file " + like.path);
    slot[f] = static_cast<std::size_t>(it - like.columns.begin());
    present[slot[f]] = true;
  }
  for (std::size_t c = 0; c < like.columns.size(); ++c) {
    if (!present[c])
      csv.fail(csv.line(), 1, "column '" + like.columns[c].name + "' of the training file " + like.path +
                                  " is missing from the header");
    TableColumn column;
    column.name = like.columns[c].name;
    column.categorical = like.columns[c].categorical;
    table.columns.push_back(std::move(column));
  }
  for (std::size_t f = 0; f < header.names.size(); ++f) table.columns[slot[f]].header_column = header.columns[f];
  read_rows(path, slot, table, allow_missing, nullptr);
  return table;
}

Table load_table_for_model(const std::string& path, const std::vector<std::string>& columns,
                           const std::vector<bool>& categorical, const std::string& label, bool require_label,
                           bool allow_missing) {
  CsvFile csv(path);
  const Header header = read_header(csv);
  Table table;
  table.path = path;
  table.header_line = csv.line();
  table.label = columns.size();
  for (std::size_t c = 0; c <= columns.size(); ++c) {
    TableColumn column;
    column.name = c < columns.size() ? columns[c] : label;
    column.categorical = c < columns.size() ? categorical[c] : true;
    table.columns.push_back(std::move(column));
  }
  std::vector<std::size_t> slot(header.names.size());
  std::vector<bool> present(table.columns.size(), false);
  for (std::size_t f = 0; f < header.names.size(); ++f) {
    const auto it = std::find_if(table.columns.begin(), table.columns.end(),
                                 [&](const TableColumn& c) { return c.name == header.names[f]; });
    if (it == table.columns.end())
      csv.fail(csv.line(), header.columns[f],
               "column '" + header.names[f] + "' was not a column of the training data (columns: " +
                   join(columns) + "; label column: " + label + ")");
    slot[f] = static_cast<std::size_t>(it - table.columns.begin());
    present[slot[f]] = true;
    it->header_column = header.columns[f];
  }
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (!present[c])
      csv.fail(csv.line(), 1, "column '" + columns[c] + "' of the training data is missing from the header");
  if (require_label && !present[table.label])
    csv.fail(csv.line(), 1, "the label column '" + label + "' is missing from the header");
  read_rows(path, slot, table, allow_missing, nullptr);
  return table;
}

Dataset load_csv(const DataSpec& spec) {
  const Table table = load_table(spec.path, {spec.label_column, spec.categorical, spec.impute != "none"});
  std::vector<Index> rows(table.rows());
  std::iota(rows.begin(), rows.end(), Index{0});
  const LabelClasses classes = label_classes({&table});
  const Preprocessing prep = fit_preprocessing(table, rows, classes.names, spec.impute, "none", spec.where);
  return encode(prep, table, classes.labels[0], rows);
}
}  // namespace neurite::data
