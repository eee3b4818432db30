// metrics_table() and history_table() (show_tables.hpp).
#include "cli/show_tables.hpp"

#include "results/text_cells.hpp"

#include <cmath>

namespace neurite::cli {
namespace {
using cells::Cell;

Cell number(double value, std::string (*human)(double)) {
  return std::isnan(value) ? Cell{} : Cell::of_number(value, human(value));
}

// The score columns of the run's kind: accuracy, or RMSE and R^2.
std::vector<cells::TableColumn> score_columns(bool regression, const std::string& prefix, const std::string& title) {
  if (regression) return {{prefix + "rmse", title + "rmse", true}, {prefix + "r2", title + "r2", true}};
  return {{prefix + "accuracy", title + "acc", true}};
}

void add_scores(std::vector<Cell>& row, bool regression, double accuracy, double rmse, double r2) {
  if (regression) {
    row.push_back(number(rmse, cells::human_loss));
    row.push_back(number(r2, cells::human_r2));
  } else {
    row.push_back(number(accuracy, cells::human_accuracy));
  }
}

void append(std::vector<cells::TableColumn>& to, const std::vector<cells::TableColumn>& more) {
  to.insert(to.end(), more.begin(), more.end());
}
}  // namespace

cells::Table metrics_table(const RunResult& result) {
  cells::Table table;
  table.columns = {{"split", "split", false}, {"samples", "samples", true}, {"loss", "loss", true}};
  append(table.columns, score_columns(result.regression, "", ""));
  if (!result.regression) table.columns.back().title = "accuracy";
  const std::pair<const char*, const SplitMetrics*> splits[] = {
      {"train", &result.train}, {"validation", &result.validation}, {"test", &result.test}};
  for (const auto& [name, split] : splits) {
    std::vector<Cell> row{Cell::of_text(name), Cell::of_number(static_cast<double>(split->samples),
                                                                cells::grouped(split->samples))};
    if (split->samples == 0) {
      row.resize(table.columns.size());  // nothing was measured
    } else {
      row.push_back(number(split->loss, cells::human_loss));
      add_scores(row, result.regression, split->accuracy, split->rmse, split->r2);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

cells::Table history_table(const RunResult& result) {
  cells::Table table;
  table.columns = {{"epoch", "epoch", true}, {"train_loss", "train loss", true}};
  append(table.columns, score_columns(result.regression, "train_", "train "));
  table.columns.push_back({"validation_loss", "val loss", true});
  append(table.columns, score_columns(result.regression, "validation_", "val "));
  append(table.columns, {{"learning_rate", "lr", true}, {"seconds", "time", true}});
  for (const EpochMetrics& e : result.history) {
    std::vector<Cell> row{Cell::of_number(e.epoch, std::to_string(e.epoch)), number(e.train_loss, cells::human_loss)};
    add_scores(row, result.regression, e.train_accuracy, e.train_rmse, e.train_r2);
    row.push_back(number(e.validation_loss, cells::human_loss));
    if (std::isnan(e.validation_loss))  // no validation split: no scores either
      row.resize(row.size() + (result.regression ? 2 : 1));
    else
      add_scores(row, result.regression, e.validation_accuracy, e.validation_rmse, e.validation_r2);
    // Results stored before archive version 2 hold no learning rate (0).
    row.push_back(e.learning_rate > 0 ? Cell::of_number(e.learning_rate, cells::printf_double("%.6g", e.learning_rate))
                                      : Cell{});
    row.push_back(Cell::of_number(e.seconds, cells::human_seconds(e.seconds)));
    table.rows.push_back(std::move(row));
  }
  return table;
}
}  // namespace neurite::cli
