// Runs tasks (writing finished runs' archives) on one thread of its own, in
// the order submitted, so that the fsync that makes each archive durable
// overlaps the training of the next runs instead of holding a core idle.
// Measured on workload F (bench/README.md): the fsyncs of 64 small archives
// had been serialised with training.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace neurite::cli {
class BackgroundWriter {
 public:
  BackgroundWriter();
  ~BackgroundWriter();  // finish()
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  /// requires: `task` does not throw (it records its own errors).
  void submit(std::function<void()> task);
  /// Runs every task submitted so far, then stops the thread. Idempotent.
  /// Everything the tasks wrote is visible to the caller afterwards.
  void finish();

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};
}  // namespace neurite::cli
