// Ctrl-C and SIGTERM during `neurite run`: the first one asks every run under
// way to save a checkpoint at the end of its epoch and stop (run --resume
// continues them); a second one ends the process at once, as usual.
#pragma once
#include <atomic>
#include <csignal>

namespace neurite::cli {
class InterruptHandler {
 public:
  /// Installs the handlers; the destructor puts the previous ones back.
  InterruptHandler();
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

  /// Set once a signal arrived.
  const std::atomic<bool>& requested() const;

 private:
  struct sigaction previous_int_{}, previous_term_{};
};
}  // namespace neurite::cli
