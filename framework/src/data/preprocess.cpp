// fit_preprocessing() and encode(): the CSV feature pipeline of
// preprocessing.hpp, in the order impute -> one-hot -> scale (sklearn's
// SimpleImputer, OneHotEncoder(handle_unknown="ignore"), then a scaler on the
// numeric columns only).
#include "data/preprocess.hpp"

#include "data/impute.hpp"
#include "data/scaling.hpp"

#include <neurite/plugin/large_buffer.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace neurite::data {
namespace {
bool known(const std::string& value, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return value == n; });
}

[[noreturn]] void no_values(const Table& table, const TableColumn& column) {
  throw Error(ExitCode::data, SourceLocation{table.path, table.header_line, column.header_column},
              "column '" + column.name + "' has no values in the training rows");
}

ColumnEncoding fit_column(const Table& table, const TableColumn& column, const std::vector<Index>& rows,
                          const std::string& impute) {
  ColumnEncoding e;
  e.name = column.name;
  e.categorical = column.categorical;
  if (!column.categorical) {
    std::vector<double> values;
    values.reserve(rows.size());
    for (const Index r : rows) {
      const float v = column.numbers[static_cast<std::size_t>(r)];
      if (!std::isnan(v)) values.push_back(v);
    }
    if (values.empty()) no_values(table, column);
    if (impute != "none") e.fill_number = numeric_fill(std::move(values), impute);
    return e;
  }
  std::vector<std::size_t> level_counts(column.levels.size(), 0);
  for (const Index r : rows) {
    const std::int32_t code = column.codes[static_cast<std::size_t>(r)];
    if (code >= 0) ++level_counts[static_cast<std::size_t>(code)];
  }
  std::map<std::string, std::size_t> counts;
  for (std::size_t l = 0; l < level_counts.size(); ++l)
    if (level_counts[l] > 0) counts.emplace(column.levels[l], level_counts[l]);
  if (counts.empty()) no_values(table, column);
  for (const auto& entry : counts) e.categories.push_back(entry.first);
  if (impute != "none") e.fill_category = most_frequent(counts);
  return e;
}

// Imputed and one-hot encoded, not scaled.
Matrix encode_features(const Preprocessing& p, const Table& table, const std::vector<Index>& rows) {
  Matrix x = large_matrix(static_cast<Index>(rows.size()), static_cast<Index>(p.feature_names.size()), 0.0f);
  const bool imputing = p.impute != "none";
  if (table.columns.size() != p.columns.size() + 1)
    throw Error(ExitCode::data, SourceLocation{table.path, table.header_line, 1},
                "the file has " + std::to_string(table.columns.size() - 1) + " feature columns, the fitted table " +
                    std::to_string(p.columns.size()));
  Index offset = 0;
  std::size_t e = 0;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c == table.label) continue;
    const TableColumn& column = table.columns[c];
    const ColumnEncoding& enc = p.columns[e++];
    if (column.name != enc.name || column.categorical != enc.categorical)
      throw Error(ExitCode::data, SourceLocation{table.path, table.header_line, column.header_column},
                  "column '" + column.name + "' does not match the fitted column '" + enc.name + "'");
    const auto missing = [&](Index i) {
      const int line = table.lines[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])];
      return Error(ExitCode::data, SourceLocation{table.path, line, 1},
                   "missing value in column '" + column.name + "' and no imputation was fitted");
    };
    if (!enc.categorical) {
      const auto fill = static_cast<float>(enc.fill_number);
      for (Index i = 0; i < x.rows(); ++i) {
        const float v = column.numbers[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])];
        if (std::isnan(v) && !imputing) throw missing(i);
        x(i, offset) = std::isnan(v) ? fill : v;
      }
      ++offset;
      continue;
    }
    // Level of this table -> one-hot position, -1 for a category unseen in training.
    const auto position = [&](const std::string& value) {
      const auto it = std::lower_bound(enc.categories.begin(), enc.categories.end(), value);
      return it != enc.categories.end() && *it == value ? static_cast<Index>(it - enc.categories.begin()) : Index{-1};
    };
    std::vector<Index> level_position(column.levels.size());
    for (std::size_t l = 0; l < column.levels.size(); ++l) level_position[l] = position(column.levels[l]);
    const Index fill = imputing ? position(enc.fill_category) : Index{-1};
    for (Index i = 0; i < x.rows(); ++i) {
      const std::int32_t code = column.codes[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])];
      if (code < 0 && !imputing) throw missing(i);
      const Index k = code < 0 ? fill : level_position[static_cast<std::size_t>(code)];
      if (k >= 0) x(i, offset + k) = 1.0f;
    }
    offset += static_cast<Index>(enc.categories.size());
  }
  return x;
}
}  // namespace

Preprocessing fit_preprocessing(const Table& table, const std::vector<Index>& rows,
                                const std::vector<std::string>& class_names, const std::string& impute,
                                const std::string& scale, const SourceLocation& where) {
  if (!known(impute, {"none", "mean", "median", "most_frequent"}))
    throw Error(ExitCode::usage, where, "unknown data.impute '" + impute + "' (known: mean, median, most_frequent, none)");
  if (!known(scale, {"none", "standard", "minmax"}))
    throw Error(ExitCode::usage, where, "unknown data.scale '" + scale + "' (known: minmax, none, standard)");
  Preprocessing p;
  p.scale = scale;
  p.impute = impute;
  p.label_column = table.columns[table.label].name;
  p.class_names = class_names;
  std::vector<bool> numeric;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c == table.label) continue;
    ColumnEncoding e = fit_column(table, table.columns[c], rows, impute);
    if (!e.categorical) {
      p.feature_names.push_back(e.name);
      numeric.push_back(true);
    }
    for (const auto& category : e.categories) {
      p.feature_names.push_back(e.name + "=" + category);
      numeric.push_back(false);
    }
    p.columns.push_back(std::move(e));
  }
  if (scale != "none") fit_scaling(encode_features(p, table, rows), numeric, p);
  return p;
}

Dataset encode(const Preprocessing& p, const Table& table, const std::vector<int>& labels,
               const std::vector<Index>& rows) {
  Dataset d;
  d.features = encode_features(p, table, rows);
  apply_scaling(p, d.features);
  d.labels.reserve(rows.size());
  for (const Index r : rows) d.labels.push_back(labels[static_cast<std::size_t>(r)]);
  d.num_classes = static_cast<int>(p.class_names.size());
  d.class_names = p.class_names;
  d.feature_names = p.feature_names;
  return d;
}
}  // namespace neurite::data
