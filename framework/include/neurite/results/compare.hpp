// The comparison tables of runs: what the end of `neurite run` prints
// (format_comparison) and what `neurite compare` prints (compare_runs).
#pragma once
#include <neurite/results/run_result.hpp>

#include <string>
#include <vector>

namespace neurite {
enum class TableFormat { text, markdown, csv, json };

/// Parses "text|markdown|csv|json"; Error(ExitCode::usage) otherwise.
TableFormat parse_table_format(const std::string& name);

/// One row per run: experiment, model, parameters, final train/validation/test
/// loss and accuracy (classification) or RMSE and R^2 (regression), epochs,
/// wall time, status. CSV and JSON also name each run's task.
std::string format_comparison(const std::vector<RunResult>& runs, TableFormat format);

/// What `neurite compare` shows (metrics.hpp names the metrics, aggregate.hpp
/// the grouping keys).
struct CompareOptions {
  /// Empty: parameters, loss, accuracy (rmse and r2 when a run is a
  /// regression), epochs, wall_seconds.
  std::vector<std::string> metrics;
  std::string split;  // "train", "validation" or "test"; empty: all three
  /// A column key ("test_accuracy", "epochs") or a per-split metric when one
  /// --split is given; empty: the runs' (or groups') order.
  std::string sort;
  int direction = 0;  // +1 ascending, -1 descending, 0: best first
  std::vector<std::string> group_by;  // empty: one row per run
  std::string baseline;               // a run name, or a group label with group_by
};

/// One row per run, columns experiment, model, one per metric (and split),
/// status; or with group_by, one row per group and metric: n, mean, std, min,
/// max, 95% CI of the mean. A baseline adds the difference (row - baseline)
/// and, for groups, Welch's t-test. Error(ExitCode::usage) for an unknown
/// metric, split, sort key, grouping key or baseline, listing the known ones.
std::string compare_runs(const std::vector<RunResult>& runs, const CompareOptions& options, TableFormat format);
}  // namespace neurite
