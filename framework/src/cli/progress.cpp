#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace neurite::cli {
Progress::Mode Progress::detect(bool quiet) {
  if (quiet) return Mode::quiet;
  return isatty(STDOUT_FILENO) ? Mode::terminal : Mode::log;
}

EpochObserver Progress::observer() {
  return [this](const EpochMetrics& m, int total) { show(m, total); };
}

void Progress::show(const EpochMetrics& m, int total) {
  if (mode_ == Mode::quiet) return;
  const int every = std::max(1, total / 10);
  if (mode_ == Mode::log && m.epoch != 1 && m.epoch % every != 0 && m.epoch != total) return;
  char line[256];
  int n = std::snprintf(line, sizeof line, "  epoch %*d/%d  loss %.4f  acc %5.1f%%", 
                        static_cast<int>(std::to_string(total).size()), m.epoch, total, m.train_loss,
                        100.0 * m.train_accuracy);
  if (!std::isnan(m.validation_loss) && n > 0 && n < static_cast<int>(sizeof line))
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "  val_loss %.4f  val_acc %5.1f%%",
                  m.validation_loss, 100.0 * m.validation_accuracy);
  if (mode_ == Mode::terminal) {
    std::cout << "\r\033[K" << line << std::flush;
    line_open_ = true;
  } else {
    std::cout << line << "\n";
  }
}

void Progress::finish() {
  if (line_open_) std::cout << "\n";
  line_open_ = false;
  std::cout << std::flush;
}
}  // namespace neurite::cli
