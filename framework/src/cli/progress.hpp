// Epoch progress for `neurite run`: a live, rewritten line on a terminal;
// a few plain lines (about every tenth of the epochs) when output goes to a
// log; nothing with --quiet.
#pragma once
#include <neurite/training/trainer.hpp>

#include <string>

namespace neurite::cli {
class Progress {
 public:
  enum class Mode { terminal, log, quiet };
  static Mode detect(bool quiet);

  explicit Progress(Mode mode) : mode_(mode) {}
  EpochObserver observer();
  /// Ends the live line (terminal mode).
  void finish();

 private:
  void show(const EpochMetrics& m, int total_epochs);
  Mode mode_;
  bool line_open_ = false;
};
}  // namespace neurite::cli
