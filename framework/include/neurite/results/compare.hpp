// The comparison table of runs: what `neurite compare` and the end of
// `neurite run` print.
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
}  // namespace neurite
