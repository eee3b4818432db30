// The comparison table of runs in four formats. Text and Markdown are for
// people (rounded, "-" where a value means nothing); CSV and JSON are for
// tools (raw numbers at full precision, empty/null where a value means nothing).
// Classification runs are scored by accuracy, regression runs by RMSE and R^2:
// the people's tables show the columns of the kinds of runs present (accuracy
// alone when there are none), the tools' tables always carry every field.
#include <neurite/errors.hpp>
#include <neurite/results/compare.hpp>

#include "results/text_cells.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>
#include <utility>

namespace neurite {
namespace {
using namespace cells;

bool finished(const RunResult& run) { return run.status == RunStatus::ok; }

// ---- Values for people -------------------------------------------------------

struct Column {
  std::string title;
  bool numeric;  // right-aligned
};

// Which score columns a table of people's columns shows.
struct Scores {
  bool accuracy = false;    // some run is a classification run (or there are no runs)
  bool regression = false;  // some run is a regression run: RMSE and R^2
};

Scores scores_of(const std::vector<RunResult>& runs) {
  Scores scores;
  for (const RunResult& run : runs) (run.regression ? scores.regression : scores.accuracy) = true;
  if (runs.empty()) scores.accuracy = true;
  return scores;
}

std::vector<Column> columns_of(Scores scores) {
  std::vector<Column> columns = {{"experiment", false}, {"model", false}, {"params", true}};
  for (const char* split : {"train", "val", "test"}) {
    const std::string prefix = std::string(split) + " ";
    columns.push_back({prefix + "loss", true});
    if (scores.accuracy) columns.push_back({prefix + "acc", true});
    if (scores.regression) {
      columns.push_back({prefix + "rmse", true});
      columns.push_back({prefix + "R\u00b2", true});
    }
  }
  for (Column c : {Column{"epochs", true}, Column{"time", true}, Column{"status", false}}) columns.push_back(c);
  return columns;
}

void add_split(std::vector<std::string>& cells, const RunResult& run, const SplitMetrics& split, Scores scores) {
  // A failed run's non-finite values are the failure itself, already in "status".
  const auto show = [&](double v, std::string (*format)(double)) -> std::string {
    if (split.samples == 0 || (!finished(run) && !std::isfinite(v))) return "-";
    return format(v);
  };
  cells.push_back(show(split.loss, human_loss));
  if (scores.accuracy) cells.push_back(run.regression ? "-" : show(split.accuracy, human_accuracy));
  if (scores.regression) {
    cells.push_back(run.regression ? show(split.rmse, human_loss) : "-");
    cells.push_back(run.regression ? show(split.r2, human_r2) : "-");
  }
}

std::vector<std::string> human_cells(const RunResult& run, Scores scores) {
  const bool ok = finished(run);
  std::vector<std::string> cells;
  cells.push_back(one_line(run.name));
  cells.push_back(run.model_summary.empty() ? "-" : one_line(run.model_summary));
  cells.push_back(!ok && run.parameter_count == 0 ? "-" : grouped(run.parameter_count));
  add_split(cells, run, run.train, scores);
  add_split(cells, run, run.validation, scores);
  add_split(cells, run, run.test, scores);
  cells.push_back(!ok && run.epochs_run == 0 ? "-" : std::to_string(run.epochs_run));
  cells.push_back(!ok && run.wall_seconds == 0 ? "-" : human_seconds(run.wall_seconds));
  cells.push_back(to_string(run.status));
  return cells;
}

// "moons-mlp: diverged: loss is NaN at epoch 3"
std::string failure_line(const RunResult& run) {
  std::string line = run.name + ": " + to_string(run.status);
  if (!run.error.empty()) line += ": " + run.error;
  return line;
}

std::string text_table(const std::vector<RunResult>& runs) {
  const Scores scores = scores_of(runs);
  const std::vector<Column> columns = columns_of(scores);
  const std::size_t column_count = columns.size();
  std::vector<std::vector<std::string>> rows;
  rows.reserve(runs.size());
  for (const RunResult& run : runs) rows.push_back(human_cells(run, scores));
  std::vector<std::size_t> width(column_count);
  for (std::size_t c = 0; c < column_count; ++c) {
    width[c] = display_width(columns[c].title);
    for (const auto& row : rows) width[c] = std::max(width[c], display_width(row[c]));
  }
  std::string out;
  const auto emit = [&](const auto& cell_of) {
    std::string line;
    for (std::size_t c = 0; c < column_count; ++c) {
      const std::string cell = cell_of(c);
      const std::string pad(width[c] - display_width(cell), ' ');
      if (c > 0) line += "  ";
      line += columns[c].numeric ? pad + cell : cell + (c + 1 < column_count ? pad : "");
    }
    out += line + '\n';
  };
  emit([&](std::size_t c) { return columns[c].title; });
  emit([&](std::size_t c) { return std::string(width[c], '-'); });
  for (const auto& row : rows) emit([&](std::size_t c) { return row[c]; });

  bool first = true;
  for (const RunResult& run : runs) {
    if (finished(run)) continue;
    if (first) out += '\n';
    first = false;
    std::string line = failure_line(run);
    for (std::size_t at = 0; (at = line.find('\n', at)) != std::string::npos; at += 3)
      line.replace(at, 1, "\n  ");  // continuation lines indented under the name
    out += line + '\n';
  }
  return out;
}

// ---- Markdown -----------------------------------------------------------------

std::string markdown_table(const std::vector<RunResult>& runs) {
  const Scores scores = scores_of(runs);
  const std::vector<Column> columns = columns_of(scores);
  std::string out = "|";
  for (const Column& column : columns) out += " " + column.title + " |";
  out += "\n|";
  for (const Column& column : columns) out += column.numeric ? " ---: |" : " --- |";
  out += '\n';
  for (const RunResult& run : runs) {
    out += "|";
    for (const std::string& cell : human_cells(run, scores)) out += " " + markdown_escape(cell) + " |";
    out += '\n';
  }
  bool first = true;
  for (const RunResult& run : runs) {
    if (finished(run)) continue;
    if (first) out += '\n';
    first = false;
    out += "- " + markdown_escape(failure_line(run)) + '\n';
  }
  return out;
}

// ---- Values for tools -----------------------------------------------------------

// The fields of both tools' formats, in this order. Fields added later go at
// the end, so that readers that count columns keep working: the task, then
// the regression scores per split.
constexpr const char* kFieldNames[] = {
    "experiment",      "model",         "parameters",          "train_loss",
    "train_accuracy",  "validation_loss", "validation_accuracy", "test_loss",
    "test_accuracy",   "epochs",        "wall_seconds",        "status",
    "error",           "task",          "train_rmse",          "train_r2",
    "validation_rmse", "validation_r2", "test_rmse",           "test_r2",
};

// A run's values in kFieldNames order: numbers through `number`, text through
// `text`, and `none` where a value does not apply (an empty split, accuracy of
// a regression run, RMSE and R^2 of a classification run).
template <class Number, class Text>
std::vector<std::string> field_values(const RunResult& run, Number number, Text text, const std::string& none) {
  std::vector<std::string> values = {text(run.name), text(run.model_summary), std::to_string(run.parameter_count)};
  const SplitMetrics* splits[] = {&run.train, &run.validation, &run.test};
  for (const SplitMetrics* split : splits) {
    values.push_back(split->samples ? number(split->loss) : none);
    values.push_back(split->samples && !run.regression ? number(split->accuracy) : none);
  }
  values.push_back(std::to_string(run.epochs_run));
  values.push_back(number(run.wall_seconds));
  values.push_back(text(to_string(run.status)));
  values.push_back(text(run.error));
  values.push_back(text(run.regression ? "regression" : "classification"));
  for (const SplitMetrics* split : splits) {
    values.push_back(split->samples && run.regression ? number(split->rmse) : none);
    values.push_back(split->samples && run.regression ? number(split->r2) : none);
  }
  return values;
}

std::string csv_table(const std::vector<RunResult>& runs) {
  std::string out;
  for (std::size_t i = 0; i < std::size(kFieldNames); ++i)
    out += (i ? "," : "") + std::string(kFieldNames[i]);
  out += '\n';
  for (const RunResult& run : runs) {
    const std::vector<std::string> fields =
        field_values(run, raw_number, [](const std::string& t) { return t; }, "");
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += '\n';
  }
  return out;
}

// ---- JSON -----------------------------------------------------------------------

std::string json_table(const std::vector<RunResult>& runs) {
  if (runs.empty()) return "[]\n";
  std::string out = "[\n";
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const RunResult& run = runs[r];
    const auto field = [&](const char* name, const std::string& value) {
      out += std::string("    \"") + name + "\": " + value + ",\n";
    };
    out += "  {\n";
    const std::vector<std::string> values =
        field_values(run, json_number, [](const std::string& t) { return json_string(t); }, "null");
    for (std::size_t i = 0; i < values.size(); ++i) field(kFieldNames[i], values[i]);
    out += "    \"history\": [";
    for (std::size_t e = 0; e < run.history.size(); ++e) {
      const EpochMetrics& m = run.history[e];
      out += e ? ",\n      " : "\n      ";
      out += "{\"epoch\": " + std::to_string(m.epoch) +
             ", \"train_loss\": " + json_number(m.train_loss) +
             ", \"train_accuracy\": " + json_number(m.train_accuracy) +
             ", \"validation_loss\": " + json_number(m.validation_loss) +
             ", \"validation_accuracy\": " + json_number(m.validation_accuracy) +
             ", \"train_rmse\": " + json_number(m.train_rmse) + ", \"train_r2\": " + json_number(m.train_r2) +
             ", \"validation_rmse\": " + json_number(m.validation_rmse) +
             ", \"validation_r2\": " + json_number(m.validation_r2) +
             ", \"seconds\": " + json_number(m.seconds) + "}";
    }
    out += run.history.empty() ? "]\n" : "\n    ]\n";
    out += r + 1 < runs.size() ? "  },\n" : "  }\n";
  }
  return out + "]\n";
}
}  // namespace

TableFormat parse_table_format(const std::string& name) {
  if (name == "text") return TableFormat::text;
  if (name == "markdown") return TableFormat::markdown;
  if (name == "csv") return TableFormat::csv;
  if (name == "json") return TableFormat::json;
  throw Error(ExitCode::usage,
              "unknown table format '" + name + "' (known: csv, json, markdown, text)");
}

std::string format_comparison(const std::vector<RunResult>& runs, TableFormat format) {
  switch (format) {
    case TableFormat::text: return text_table(runs);
    case TableFormat::markdown: return markdown_table(runs);
    case TableFormat::csv: return csv_table(runs);
    case TableFormat::json: return json_table(runs);
  }
  throw Error(ExitCode::usage, "unknown table format");
}
}  // namespace neurite
