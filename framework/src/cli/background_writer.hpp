// Writes finished runs' archives on one thread of its own, so that encoding
// and making them durable overlap the training of the next runs instead of
// holding a core idle. Jobs that arrive close together are committed as one
// group (results/atomic_file.hpp): their files are flushed, renamed into
// place, and their directory synced once. Measured on workload F
// (bench/README.md): a flush and a directory sync per archive had taken a
// tenth of a core while 64 small runs trained on both.
#pragma once
#include <neurite/errors.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace neurite::cli {
struct WriteJob {
  std::string path;
  /// The file's bytes; runs on the writer thread; may throw Error.
  std::function<std::string()> encode;
  /// Called on the writer thread once the file is durable (nullptr) or could
  /// not be written (the error); must not throw.
  std::function<void(const Error*)> done;
};

class BackgroundWriter {
 public:
  /// `linger`: how long a job may wait for others to share its commit. On
  /// workload F, 5 ms gave --jobs 2 0.115 s against 0.121 s for no wait and
  /// 0.119 s for 20 ms, whose last group was a serial tail (medians of 21).
  explicit BackgroundWriter(std::chrono::milliseconds linger = std::chrono::milliseconds(5));
  ~BackgroundWriter();  // finish()
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  void submit(WriteJob job);
  /// From now on each job is committed as soon as it comes: the batch has no
  /// runs left to start, and a group waiting at its end would be serial time.
  void stop_lingering();
  /// Writes every job submitted so far, then stops the thread. Idempotent.
  /// Everything the jobs wrote is visible to the caller afterwards.
  void finish();

 private:
  void loop();
  void write_group(std::deque<WriteJob>& jobs);

  const std::chrono::milliseconds linger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<WriteJob> jobs_;
  bool stopping_ = false;
  bool lingering_ = true;
  std::thread thread_;
};
}  // namespace neurite::cli
