// read_new_data() (neurite/data/new_data.hpp): a CSV table goes through the
// run's stored column encoding (load_table_for_model + encode); a file for a
// run on generated, IDX or NPY data is read by position and scaled.
#include <neurite/data/new_data.hpp>
#include <neurite/errors.hpp>

#include "data/csv_reader.hpp"
#include "data/preprocess.hpp"
#include "data/scaling.hpp"
#include "data/table.hpp"

#include <numeric>

namespace neurite {
namespace {
std::string join(const std::vector<std::string>& names, std::size_t limit = 8) {
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) list += (i ? ", " : "") + names[i];
  if (names.size() > limit) list += ", ... (" + std::to_string(names.size()) + " in all)";
  return list;
}

// The class of a label as written; integer labels compare as integers, as
// label_classes() grouped them in training ("01" and "1" are one class).
int class_index(const std::vector<std::string>& names, const std::string& text) {
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == text) return static_cast<int>(k);
  long long value = 0, name_value = 0;
  if (!data::parse_integer(text, value)) return -1;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (data::parse_integer(names[k], name_value) && name_value == value) return static_cast<int>(k);
  return -1;
}

[[noreturn]] void unknown_class(const SourceLocation& where, const std::string& text,
                                const std::vector<std::string>& names) {
  throw Error(ExitCode::data, where,
              "label '" + text + "' is not one of the run's classes (" + join(names, 20) + ")");
}

NewData read_table(const std::string& path, const Preprocessing& p, bool require_truth) {
  std::vector<std::string> names;
  std::vector<bool> categorical;
  for (const ColumnEncoding& c : p.columns) {
    names.push_back(c.name);
    categorical.push_back(c.categorical);
  }
  const data::Table table =
      data::load_table_for_model(path, names, categorical, p.label_column, require_truth, p.impute != "none");
  NewData out;
  out.path = path;
  out.lines = table.lines;
  const data::TableColumn& label = table.columns[table.label];
  out.has_truth = !label.codes.empty();
  std::vector<int> labels(table.rows(), 0);
  if (out.has_truth) {
    std::vector<int> level_class(label.levels.size());
    for (std::size_t l = 0; l < label.levels.size(); ++l) level_class[l] = class_index(p.class_names, label.levels[l]);
    for (std::size_t r = 0; r < table.rows(); ++r) {
      const int k = level_class[static_cast<std::size_t>(label.codes[r])];
      if (k < 0)
        unknown_class({path, table.lines[r], label.header_column}, label.levels[static_cast<std::size_t>(label.codes[r])],
                      p.class_names);
      labels[r] = k;
    }
  }
  std::vector<Index> rows(table.rows());
  std::iota(rows.begin(), rows.end(), Index{0});
  Dataset d = data::encode(p, table, labels, rows);
  out.features = std::move(d.features);
  if (out.has_truth) out.labels = std::move(labels);
  return out;
}

// Generated, IDX or NPY runs: features by position, then the truth columns.
NewData read_plain(const std::string& path, const Preprocessing& p, bool regression, Index target_cols,
                   bool require_truth) {
  data::CsvFile csv(path);
  std::vector<data::CsvField> fields;
  if (!csv.next(fields)) throw Error(ExitCode::data, SourceLocation{path}, "empty CSV file; expected a header row");
  const std::size_t features = p.feature_names.size();
  const std::size_t truth_cols = regression ? static_cast<std::size_t>(target_cols) : 1;
  const std::string truth = regression ? std::to_string(truth_cols) + " target column(s)" : "the class label";
  const std::size_t width = fields.size();
  std::vector<std::string> header;
  for (const data::CsvField& field : fields) header.push_back("'" + field.text + "'");
  if (width != features && width != features + truth_cols)
    csv.fail(csv.line(), 1,
             "the file has " + std::to_string(width) + " column(s), but the model takes " + std::to_string(features) +
                 " feature(s) (" + join(p.feature_names) + "): expected " + std::to_string(features) + " column(s), or " +
                 std::to_string(features + truth_cols) + " with " + truth + " last");
  NewData out;
  out.path = path;
  out.has_truth = width > features;
  if (require_truth && !out.has_truth)
    csv.fail(csv.line(), 1,
             "the file has only the " + std::to_string(features) + " feature columns; " + truth +
                 " must follow them (" + std::to_string(features + truth_cols) + " columns)");
  std::vector<float> values, target_values;
  float number = 0;
  while (csv.next(fields)) {
    if (fields.size() != width) {
      const int column = fields.size() > width ? fields[width].column : csv.line_length() + 1;
      csv.fail(csv.line(), column,
               "row has " + std::to_string(fields.size()) + " fields, the header has " + std::to_string(width));
    }
    for (std::size_t f = 0; f < width; ++f) {
      const data::CsvField& field = fields[f];
      if (f >= features && !regression) {
        const int k = class_index(p.class_names, field.text);
        if (k < 0) unknown_class({path, csv.line(), field.column}, field.text, p.class_names);
        out.labels.push_back(k);
        continue;
      }
      if (data::is_missing(field.text))
        csv.fail(csv.line(), field.column, "missing value '" + field.text + "' in column " + header[f]);
      if (!data::parse_number(field.text, number))
        csv.fail(csv.line(), field.column,
                 "expected a number in column " + header[f] + ", got '" + field.text + "'");
      (f < features ? values : target_values).push_back(number);
    }
    out.lines.push_back(csv.line());
  }
  if (out.lines.empty()) csv.fail(csv.line() == 0 ? 1 : csv.line(), 1, "no data rows after the header");
  const auto rows = static_cast<Index>(out.lines.size());
  out.features = Eigen::Map<const Matrix>(values.data(), rows, static_cast<Index>(features));
  if (regression && out.has_truth)
    out.targets = Eigen::Map<const Matrix>(target_values.data(), rows, target_cols);
  data::apply_scaling(p, out.features);
  return out;
}
}  // namespace

NewData read_new_data(const std::string& path, const Preprocessing& p, bool regression, Index target_cols,
                      bool require_truth) {
  if (!p.shift.empty() && (p.shift.size() != p.feature_names.size() || p.divisor.size() != p.shift.size()))
    throw Error(ExitCode::data, SourceLocation{path}, "the stored scaling does not fit the stored features");
  if (!p.columns.empty()) {
    if (regression) throw Error(ExitCode::data, SourceLocation{path}, "a CSV table with regression targets is not supported");
    return read_table(path, p, require_truth);
  }
  return read_plain(path, p, regression, target_cols, require_truth);
}
}  // namespace neurite
