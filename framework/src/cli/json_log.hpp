// `neurite run --log-json FILE`: JSON Lines, one object per line, written as
// training goes:
//   {"event":"epoch","run":"moons-mlp","epoch":3,"epochs":200,"train_loss":0.41,
//    "train_accuracy":0.84,"validation_loss":0.39,"validation_accuracy":0.85,
//    "train_rmse":null,"train_r2":null,"validation_rmse":null,"validation_r2":null,
//    "learning_rate":0.01,"seconds":0.0012}
//   {"event":"end","run":"moons-mlp","status":"ok","stop_reason":"completed",
//    "epochs_run":200,"restored_epoch":0,"seconds":0.21,"error":null}
// Every metric is present in every epoch line; one that does not apply (or
// has no value: no validation split) is null, as JSON has no NaN. Numbers are
// written in their shortest round-trip form.
// The file is created (or emptied) when the batch starts. Each line goes out
// with one write(2) on a descriptor opened with O_APPEND, under a mutex: lines
// of concurrent runs never interleave, and nothing is buffered in the process.
// After a crash the file holds every line written before it; a run without an
// "end" line did not finish. A line cut short can only be the last one (a
// full disk, or the machine itself going down before the kernel wrote it),
// so readers may skip a last line that does not parse.
#pragma once
#include <neurite/results/run_result.hpp>

#include <mutex>
#include <string>

namespace neurite::cli {
/// The JSON text of one line, without the newline (pure: testable).
std::string epoch_json(const std::string& run, const EpochMetrics& metrics, int total_epochs);
/// `result` null: the run failed before training (status "failed", `error`).
/// `status_without_result`: the status of a run that left no result
/// ("failed", or "interrupted" when it was stopped and checkpointed).
std::string end_json(const std::string& run, const RunResult* result, const std::string& error,
                     const char* status_without_result = "failed");

class JsonLog {
 public:
  /// Creates or empties `path` (with `append`: creates it or appends to it, as
  /// `run --resume` does); throws Error(ExitCode::data) naming it.
  explicit JsonLog(std::string path, bool append = false);
  ~JsonLog();
  JsonLog(const JsonLog&) = delete;
  JsonLog& operator=(const JsonLog&) = delete;

  /// Thread-safe. Throws Error(ExitCode::data) naming the file when a write fails.
  void write_line(const std::string& json);

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
};
}  // namespace neurite::cli
