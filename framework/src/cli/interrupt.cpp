#include "cli/interrupt.hpp"

#include <unistd.h>

namespace neurite::cli {
namespace {
std::atomic<bool> g_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_interrupt(int) {
  g_requested.store(true);
  // Only async-signal-safe calls here: write(2), not iostreams.
  constexpr char note[] =
      "\nneurite: stopping after the current epoch and saving checkpoints (again to quit at once)\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, note, sizeof note - 1);
}
}  // namespace

InterruptHandler::InterruptHandler() {
  g_requested.store(false);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal takes the default action
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

InterruptHandler::~InterruptHandler() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

const std::atomic<bool>& InterruptHandler::requested() const { return g_requested; }
}  // namespace neurite::cli
