// Progress of a `neurite run` batch, one object for the whole batch and safe
// to call from concurrent runs (--jobs).
//   terminal: a live block, one line per running experiment (name,
//             epoch/total, loss, accuracy, ETA) and an overall bar (runs
//             done/total, failures, elapsed, ETA), redrawn in place with ANSI
//             cursor moves by a ticker thread at most 10 times a second; a
//             finished run leaves one permanent "done" line above the block.
//   log:      plain lines: a run's start, about every tenth of its epochs,
//             and its end, each naming the run (lines of parallel runs interleave).
//   quiet:    nothing (errors still go to stderr).
// The text of every line comes from pure functions of the state below, so
// it is testable without a terminal.
#pragma once
#include <neurite/results/run_result.hpp>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace neurite::cli {
/// One running experiment as the live block shows it.
struct RunState {
  std::string name;
  int epoch = 0;        // epochs finished
  int total = 0;        // planned epochs
  double loss = 0.0;    // train loss of the last epoch
  double accuracy = 0.0;  // train accuracy (NaN for regression)
  double elapsed = 0.0;   // seconds since the run started
  double r2 = std::numeric_limits<double>::quiet_NaN();  // train R^2 (regression only)
  int resumed_after = 0;  // epochs done before this process (run --resume): not in `elapsed`
};

/// The whole batch: runs in progress plus counts.
struct BatchState {
  std::vector<RunState> running;  // in start order
  std::size_t done = 0, failed = 0, total = 0;  // `done` includes the failed
  double elapsed = 0.0;
};

/// "0:07", "3:05", "1:02:03" (rounded down to whole seconds).
std::string format_clock(double seconds);
/// Seconds left for a run: mean epoch time so far (of the epochs this process
/// ran) x epochs left; none before the first epoch.
std::optional<double> run_eta(const RunState& run);
/// Seconds left for the batch: elapsed x (1 - f) / f, f the fraction of all
/// planned epochs done (finished runs count whole); none while f == 0.
std::optional<double> batch_eta(const BatchState& batch);
/// "  moons-mlp     epoch  120/200  loss 0.0712  acc  97.9%  ETA 0:03", at most `width` chars.
std::string format_run_line(const RunState& run, std::size_t name_width, std::size_t width);
/// "[#####---------------]  3/6 runs  1 failed  elapsed 0:05  ETA 0:07", at most `width` chars.
std::string format_batch_line(const BatchState& batch, std::size_t width);
/// The ANSI text that replaces a block of `previous_lines` lines (the cursor
/// sits below it) with `permanent` lines (kept in the scrollback) followed by
/// the new block; the cursor ends below the new block. Returns its line count
/// in `lines_drawn`.
std::string render_frame(const BatchState& batch, const std::vector<std::string>& permanent,
                         std::size_t previous_lines, std::size_t width, std::size_t& lines_drawn);

class Progress {
 public:
  enum class Mode { terminal, log, quiet };
  static Mode detect(bool quiet);

  Progress(Mode mode, std::size_t total_runs, std::ostream& out = std::cout, std::ostream& err = std::cerr);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  Mode mode() const { return mode_; }
  /// `run` indexes the batch; calls for different runs may come from different threads.
  /// `resumed_after`: epochs the run had done before (run --resume).
  void start(std::size_t run, const std::string& name, const std::string& source_file, int resumed_after = 0);
  void epoch(std::size_t run, const EpochMetrics& metrics, int total_epochs);
  /// `result` is null when the run failed before training; `failure` is the
  /// message to report ("" for a run that ended ok).
  void end(std::size_t run, const RunResult* result, const std::string& failure);
  /// Erases the live block (terminal) and stops the ticker; idempotent.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  struct Slot {
    RunState state;
    Clock::time_point started;
    bool running = false;
  };
  BatchState snapshot_locked() const;
  void draw_locked();
  void tick();

  Mode mode_;
  std::ostream& out_;
  std::ostream& err_;
  std::size_t width_ = 100;
  Clock::time_point started_ = Clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Slot> slots_;
  std::vector<std::size_t> order_;          // running slots in start order
  std::vector<std::string> permanent_;      // lines waiting to go above the block
  std::size_t done_ = 0, failed_ = 0;
  std::size_t lines_on_screen_ = 0;
  bool dirty_ = false, stopping_ = false, finished_ = false;
  std::thread ticker_;
};
}  // namespace neurite::cli
