#include "cli/json_log.hpp"

#include "text/json.hpp"

#include <neurite/errors.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace neurite::cli {
namespace {
std::string number(double value) {
  if (!std::isfinite(value)) return "null";
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return ec == std::errc{} ? std::string(text, end) : "null";
}

std::string quoted(const std::string& text) { return json::string(text); }
}  // namespace

std::string epoch_json(const std::string& run, const EpochMetrics& m, int total_epochs) {
  return "{\"event\":\"epoch\",\"run\":" + quoted(run) + ",\"epoch\":" + std::to_string(m.epoch) +
         ",\"epochs\":" + std::to_string(total_epochs) + ",\"train_loss\":" + number(m.train_loss) +
         ",\"train_accuracy\":" + number(m.train_accuracy) + ",\"validation_loss\":" + number(m.validation_loss) +
         ",\"validation_accuracy\":" + number(m.validation_accuracy) + ",\"train_rmse\":" + number(m.train_rmse) +
         ",\"train_r2\":" + number(m.train_r2) + ",\"validation_rmse\":" + number(m.validation_rmse) +
         ",\"validation_r2\":" + number(m.validation_r2) + ",\"learning_rate\":" + number(m.learning_rate) +
         ",\"seconds\":" + number(m.seconds) + "}";
}

std::string end_json(const std::string& run, const RunResult* result, const std::string& error,
                     const char* status_without_result) {
  std::string line = "{\"event\":\"end\",\"run\":" + quoted(run);
  if (!result) return line + ",\"status\":" + quoted(status_without_result) + ",\"stop_reason\":null,\"epochs_run\":0,\"restored_epoch\":0,"
                             "\"seconds\":null,\"error\":" + quoted(error) + "}";
  return line + ",\"status\":" + quoted(to_string(result->status)) + ",\"stop_reason\":" +
         (result->stop_reason.empty() ? std::string("null") : quoted(result->stop_reason)) +
         ",\"epochs_run\":" + std::to_string(result->epochs_run) + ",\"restored_epoch\":" +
         std::to_string(result->restored_epoch) + ",\"seconds\":" + number(result->wall_seconds) +
         ",\"error\":" + (result->error.empty() ? std::string("null") : quoted(result->error)) + "}";
}

JsonLog::JsonLog(std::string path, bool append) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | (append ? 0 : O_TRUNC) | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw Error(ExitCode::data, SourceLocation{path_}, std::string("cannot create the JSON log: ") + std::strerror(errno));
}

JsonLog::~JsonLog() {
  if (fd_ >= 0) ::close(fd_);
}

void JsonLog::write_line(const std::string& json) {
  const std::string line = json + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t written = 0;
  while (written < line.size()) {  // a regular file takes it in one call; a short write continues
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(ExitCode::data, SourceLocation{path_}, std::string("cannot write the JSON log: ") + std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
}
}  // namespace neurite::cli
