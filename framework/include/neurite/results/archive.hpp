// Storing RunResults as Boost.Serialization binary archives. Writes are
// atomic (temporary file in the same directory, then rename), so a crash never
// leaves a half-written result under the final name.
#pragma once
#include <neurite/results/run_result.hpp>

#include <string>
#include <vector>

namespace neurite {
/// Error(ExitCode::data) naming the file when it cannot be written.
void write_result(const RunResult& result, const std::string& path);

/// Error(ExitCode::data) naming the file when it is missing, truncated,
/// corrupt or not a neurite result.
RunResult read_result(const std::string& path);

/// Files and directories (searched recursively for *.neurite, sorted).
std::vector<RunResult> read_results(const std::vector<std::string>& paths);

/// A file name for a run: the experiment name with unsafe characters replaced.
std::string result_file_name(const RunResult& result);
}  // namespace neurite
