// User-facing errors: each carries the process exit code it maps to and, where
// there is one, the file:line:column it is about. Messages read like a
// compiler's: "moons.yaml:7:5: unknown activation 'relu6'; did you mean 'relu'?"
#pragma once
#include <stdexcept>
#include <string>

namespace neurite {
enum class ExitCode : int {
  ok = 0,
  run_failed = 1,  // a run failed or diverged
  usage = 2,       // command line or experiment configuration
  data = 3,        // data files, archives, other I/O
  plugin = 4,      // loading or calling a plugin
  interrupted = 130,  // SIGINT/SIGTERM: runs checkpointed, resume with `run --resume` (128 + SIGINT)
};

/// A place in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  std::string str() const {
    if (file.empty()) return {};
    std::string s = file;
    if (line > 0) {
      s.append(1, ':').append(std::to_string(line));
      s.append(1, ':').append(std::to_string(column));
    }
    return s;
  }
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Error(ExitCode code, const SourceLocation& where, const std::string& message)
      : std::runtime_error(where.file.empty() ? message : where.str() + ": " + message),
        code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};
}  // namespace neurite
