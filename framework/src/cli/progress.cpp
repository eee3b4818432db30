#include "cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace neurite::cli {
namespace {
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);  // at most 10 redraws a second
constexpr std::size_t kBarWidth = 20;

std::string clip(std::string line, std::size_t width) {
  if (line.size() > width) line.resize(width);
  return line;
}

std::string percent(double fraction) {
  if (std::isnan(fraction)) return "    -";
  char text[16];
  std::snprintf(text, sizeof text, "%5.1f%%", 100.0 * fraction);
  return text;
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// The line of a finished run, in the scrollback (terminal) or the log.
std::string done_line(const std::string& name, const RunResult& result) {
  std::string line = "done  " + name + "  " + std::to_string(result.epochs_run) + " epochs  " +
                     fixed(result.wall_seconds, 2) + "s";
  if (result.validation.samples > 0 && !std::isnan(result.validation.accuracy))
    line += "  val_acc " + percent(result.validation.accuracy);
  if (result.validation.samples > 0 && result.regression) line += "  val_r2 " + fixed(result.validation.r2, 3);
  if (!result.stop_reason.empty() && result.stop_reason != "completed")
    line += "  stopped: " + result.stop_reason;
  if (result.restored_epoch > 0) line += " (restored epoch " + std::to_string(result.restored_epoch) + ")";
  return line;
}

std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 100;
}
}  // namespace

std::string format_clock(double seconds) {
  const long s = seconds > 0 ? static_cast<long>(seconds) : 0;
  char text[32];
  if (s >= 3600) std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

std::optional<double> run_eta(const RunState& run) {
  const int epochs_timed = run.epoch - run.resumed_after;
  if (epochs_timed <= 0) return std::nullopt;
  return run.elapsed / epochs_timed * std::max(0, run.total - run.epoch);
}

std::optional<double> batch_eta(const BatchState& batch) {
  if (batch.total == 0) return std::nullopt;
  double runs_done = static_cast<double>(batch.done);
  for (const RunState& run : batch.running)
    if (run.total > 0) runs_done += static_cast<double>(std::min(run.epoch, run.total)) / run.total;
  const double fraction = runs_done / static_cast<double>(batch.total);
  if (fraction <= 0.0) return std::nullopt;
  return batch.elapsed * (1.0 - fraction) / fraction;
}

std::string format_run_line(const RunState& run, std::size_t name_width, std::size_t width) {
  const int digits = static_cast<int>(std::to_string(run.total).size());
  char epochs[64];
  std::snprintf(epochs, sizeof epochs, "epoch %*d/%d", digits, run.epoch, run.total);
  std::string line = "  " + run.name + std::string(name_width > run.name.size() ? name_width - run.name.size() : 0, ' ') +
                     "  " + epochs;
  if (run.epoch > 0) {
    line += "  loss " + fixed(run.loss, 4);
    if (!std::isnan(run.accuracy)) line += "  acc " + percent(run.accuracy);
    if (!std::isnan(run.r2)) line += "  r2 " + fixed(run.r2, 3);
  }
  const auto eta = run_eta(run);
  line += "  ETA " + (eta ? format_clock(*eta) : std::string("-"));
  return clip(line, width);
}

std::string format_batch_line(const BatchState& batch, std::size_t width) {
  const std::size_t filled = batch.total ? kBarWidth * batch.done / batch.total : 0;
  std::string line = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '-') + "]  " +
                     std::to_string(batch.done) + "/" + std::to_string(batch.total) + " runs";
  if (batch.failed > 0) line += "  " + std::to_string(batch.failed) + " failed";
  line += "  elapsed " + format_clock(batch.elapsed);
  const auto eta = batch_eta(batch);
  line += "  ETA " + (eta ? format_clock(*eta) : std::string("-"));
  return clip(line, width);
}

std::string render_frame(const BatchState& batch, const std::vector<std::string>& permanent,
                         std::size_t previous_lines, std::size_t width, std::size_t& lines_drawn) {
  std::string frame;
  // Back to the first line of the old block, then clear from there down.
  if (previous_lines > 0) frame += "\r\033[" + std::to_string(previous_lines) + "A";
  frame += "\033[J";
  for (const auto& line : permanent) frame += clip(line, width) + "\n";
  std::size_t name_width = 0;
  for (const RunState& run : batch.running) name_width = std::max(name_width, run.name.size());
  for (const RunState& run : batch.running) frame += format_run_line(run, name_width, width) + "\n";
  frame += format_batch_line(batch, width) + "\n";
  lines_drawn = batch.running.size() + 1;
  return frame;
}

Progress::Mode Progress::detect(bool quiet) {
  if (quiet) return Mode::quiet;
  return isatty(STDOUT_FILENO) ? Mode::terminal : Mode::log;
}

Progress::Progress(Mode mode, std::size_t total_runs, std::ostream& out, std::ostream& err)
    : mode_(mode), out_(out), err_(err), slots_(total_runs) {
  if (mode_ != Mode::terminal) return;
  width_ = std::max<std::size_t>(20, terminal_width() - 1);  // never the last column: no wrap
  ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() { finish(); }

BatchState Progress::snapshot_locked() const {
  BatchState batch;
  batch.total = slots_.size();
  batch.done = done_;
  batch.failed = failed_;
  const auto now = Clock::now();
  batch.elapsed = std::chrono::duration<double>(now - started_).count();
  for (const std::size_t i : order_) {
    RunState run = slots_[i].state;
    run.elapsed = std::chrono::duration<double>(now - slots_[i].started).count();
    batch.running.push_back(std::move(run));
  }
  return batch;
}

void Progress::draw_locked() {
  std::size_t drawn = 0;
  out_ << render_frame(snapshot_locked(), permanent_, lines_on_screen_, width_, drawn) << std::flush;
  permanent_.clear();
  lines_on_screen_ = drawn;
  dirty_ = false;
}

// Redraws when something changed, and at least once a second for the clocks.
void Progress::tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  auto last = Clock::now();
  while (!stopping_) {
    wake_.wait_for(lock, kRedrawInterval);
    if (stopping_) break;
    const auto now = Clock::now();
    if (dirty_ || now - last >= std::chrono::seconds(1)) {
      draw_locked();
      last = now;
    }
  }
}

void Progress::start(std::size_t run, const std::string& name, const std::string& source_file, int resumed_after) {
  if (mode_ == Mode::quiet) return;
  std::lock_guard<std::mutex> lock(mutex_);
  Slot& slot = slots_.at(run);
  slot.state = RunState{};
  slot.state.name = name;
  slot.state.epoch = resumed_after;
  slot.state.resumed_after = resumed_after;
  slot.started = Clock::now();
  slot.running = true;
  if (mode_ == Mode::log) {
    out_ << name << "  (" << source_file << ")" << std::endl;
    return;
  }
  order_.push_back(run);
  dirty_ = true;
}

void Progress::epoch(std::size_t run, const EpochMetrics& m, int total_epochs) {
  if (mode_ == Mode::quiet) return;
  std::lock_guard<std::mutex> lock(mutex_);
  Slot& slot = slots_.at(run);
  slot.state.epoch = m.epoch;
  slot.state.total = total_epochs;
  slot.state.loss = m.train_loss;
  slot.state.accuracy = m.train_accuracy;
  slot.state.r2 = m.train_r2;
  if (mode_ == Mode::terminal) {
    dirty_ = true;  // the ticker draws: training never waits for the terminal
    return;
  }
  const int every = std::max(1, total_epochs / 10);
  if (m.epoch != 1 && m.epoch % every != 0 && m.epoch != total_epochs) return;
  std::string line = "  " + slot.state.name + "  epoch " + std::to_string(m.epoch) + "/" + std::to_string(total_epochs) +
                     "  loss " + fixed(m.train_loss, 4);
  if (!std::isnan(m.train_accuracy)) line += "  acc " + percent(m.train_accuracy);
  if (!std::isnan(m.train_r2)) line += "  r2 " + fixed(m.train_r2, 3);
  if (!std::isnan(m.validation_loss)) {
    line += "  val_loss " + fixed(m.validation_loss, 4);
    if (!std::isnan(m.validation_accuracy)) line += "  val_acc " + percent(m.validation_accuracy);
    if (!std::isnan(m.validation_r2)) line += "  val_r2 " + fixed(m.validation_r2, 3);
  }
  out_ << line << "\n";
}

void Progress::end(std::size_t run, const RunResult* result, const std::string& failure) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  if (!failure.empty()) ++failed_;
  Slot& slot = slots_.at(run);
  slot.running = false;
  order_.erase(std::remove(order_.begin(), order_.end(), run), order_.end());
  const std::string name = slot.state.name.empty() && result ? result->name : slot.state.name;
  if (mode_ == Mode::terminal && !finished_) {
    if (!failure.empty()) {
      // stderr shares the terminal: take the block away before writing to it.
      if (lines_on_screen_ > 0) out_ << "\r\033[" << lines_on_screen_ << "A\033[J" << std::flush;
      lines_on_screen_ = 0;
      err_ << "neurite: error: " << failure << std::endl;
    } else if (result) {
      permanent_.push_back(done_line(name, *result));
    }
    draw_locked();
    return;
  }
  if (!failure.empty()) {
    out_ << std::flush;
    err_ << "neurite: error: " << failure << std::endl;
  } else if (mode_ == Mode::log && result) {
    out_ << done_line(name, *result) << std::endl;
  }
}

void Progress::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_) return;
    finished_ = true;
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ == Mode::terminal) {
    // Leave the scrollback's done lines and the final bar; drop the run lines.
    std::size_t drawn = 0;
    BatchState batch = snapshot_locked();
    batch.running.clear();
    out_ << render_frame(batch, permanent_, lines_on_screen_, width_, drawn) << std::flush;
    permanent_.clear();
    lines_on_screen_ = 0;
  }
  out_ << std::flush;
}
}  // namespace neurite::cli
