#include "cli/background_writer.hpp"

#include "results/atomic_file.hpp"

#include <exception>
#include <optional>
#include <vector>

namespace neurite::cli {
namespace {
// Enough to share one commit between a batch's small runs, and few enough
// open temporaries and pending "done" lines either way.
constexpr std::size_t kMaxGroup = 64;
}  // namespace

BackgroundWriter::BackgroundWriter(std::chrono::milliseconds linger) : linger_(linger), thread_([this] { loop(); }) {}

BackgroundWriter::~BackgroundWriter() { finish(); }

void BackgroundWriter::submit(WriteJob job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void BackgroundWriter::stop_lingering() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    lingering_ = false;
  }
  wake_.notify_one();
}

void BackgroundWriter::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void BackgroundWriter::loop() {
  for (;;) {
    std::deque<WriteJob> group;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and everything was written
      // Give the runs still training a moment to finish and share this commit.
      wake_.wait_for(lock, linger_, [this] { return stopping_ || !lingering_ || jobs_.size() >= kMaxGroup; });
      while (!jobs_.empty() && group.size() < kMaxGroup) {
        group.push_back(std::move(jobs_.front()));
        jobs_.pop_front();
      }
    }
    write_group(group);
  }
}

void BackgroundWriter::write_group(std::deque<WriteJob>& jobs) {
  AtomicFileGroup files;
  std::vector<std::optional<Error>> failed(jobs.size());
  std::vector<std::size_t> added;  // jobs whose file is in the group, in order
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    try {
      files.add(jobs[i].path, jobs[i].encode());
      added.push_back(i);
    } catch (const Error& e) {
      failed[i] = e;
    } catch (const std::exception& e) {  // e.g. out of memory while encoding
      failed[i] = Error(ExitCode::data, jobs[i].path + ": cannot write: " + e.what());
    }
  }
  std::vector<std::optional<Error>> committed = files.commit();
  for (std::size_t k = 0; k < added.size(); ++k) failed[added[k]] = std::move(committed[k]);
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].done(failed[i] ? &*failed[i] : nullptr);  // in submission order
}
}  // namespace neurite::cli
