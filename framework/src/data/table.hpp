// A CSV table in memory before any encoding: typed columns with missing
// markers and the source line of every row, so that later stages (fitting on
// the training rows, encoding every split, `neurite predict`) can still name
// the file and line a value came from. Loaded by csv_loader.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace neurite::data {
struct TableColumn {
  std::string name;
  int header_column = 1;             // 1-based character column of the name in the header
  bool categorical = false;          // the label column is always categorical
  std::vector<float> numbers;        // numeric: one per row, NaN where missing
  std::vector<std::int32_t> codes;   // categorical: one per row, index into levels, -1 where missing
  std::vector<std::string> levels;   // categorical: the distinct values in order of appearance
};

struct Table {
  std::string path;
  int header_line = 1;
  std::vector<TableColumn> columns;  // file order (load_table_like: the training table's order)
  std::size_t label = 0;             // index of the label column in `columns`
  std::vector<int> lines;            // source line of each row
  std::size_t rows() const { return lines.size(); }
};

struct TableOptions {
  std::string label;                     // a header name, else a 0-based index (-1 = last)
  std::vector<std::string> categorical;  // columns read as categories even if numeric
  bool allow_missing = false;            // false: a missing feature value is an error
};

/// Reads a CSV file with a header row. Column kinds: a column named in
/// options.categorical is categorical; otherwise a column is numeric when at
/// least half of its non-missing values are numbers (every other value is then
/// reported as an error: a typo never turns a column into categories), and
/// categorical when most of them are not. A missing label is always an error.
/// Errors: Error(ExitCode::data) at file:line:column, the first in line order
/// (a label or categorical name that is not in the header: at the header line).
Table load_table(const std::string& path, const TableOptions& options);

/// Reads another file of the same table (validation, test): the same column
/// names in any order, each column of the kind it has in `like`.
Table load_table_like(const std::string& path, const Table& like, bool allow_missing);

/// Reads a new file for a trained model (neurite predict, evaluate): the
/// feature columns of `columns` by header name in any order, read as the kind
/// each had in training; the label column `label` is optional unless
/// `require_label`. The result has columns in `columns`' order, then the
/// label column last (table.label); without a label in the file that column
/// holds no values. A header name that is neither is an error at its column.
Table load_table_for_model(const std::string& path, const std::vector<std::string>& columns,
                           const std::vector<bool>& categorical, const std::string& label, bool require_label,
                           bool allow_missing);
}  // namespace neurite::data
