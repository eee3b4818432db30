// How to make a group of small archives durable: the two patterns
// results/atomic_file.cpp has used, timed alternately in one process.
//   reopen:    write and close each temporary; later reopen, fsync and close each
//              (until 2026-11-26; written out here, the project no longer has it);
//   writeback: neurite's AtomicFileGroup, which keeps each temporary open,
//              starts writeback of all of them (sync_file_range), then fsyncs and
//              closes each (since).
// Both then rename every file into place and sync the directory once.
//
//   neurite_io_bench [DIR] [--files N] [--bytes B] [--rounds R]
//
// DIR (default: the current directory) must be on the disk to measure, not a
// tmpfs (/dev/shm), where fsync does nothing. Prints the median, over the
// rounds, of the committing thread's CPU time and of the wall time, per
// pattern, and their ratios.
#include "results/atomic_file.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;

double thread_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void check(bool ok, const char* what) {
  if (!ok) {
    std::perror(what);
    std::exit(1);
  }
}

struct Cost {
  double cpu, wall;
};

// The old way: close each temporary after writing it, reopen it to fsync it.
void commit_by_reopening(const fs::path& dir, const std::vector<std::string>& finals, const std::string& bytes) {
  std::vector<std::string> temps;
  for (const std::string& f : finals) {
    temps.push_back(f + ".tmp");
    const int fd = ::open(temps.back().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    check(fd >= 0 && ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()), "write");
    check(::close(fd) == 0, "close");
  }
  for (const std::string& t : temps) {
    const int fd = ::open(t.c_str(), O_WRONLY | O_CLOEXEC);
    check(fd >= 0 && ::fsync(fd) == 0 && ::close(fd) == 0, "fsync");
  }
  for (std::size_t i = 0; i < finals.size(); ++i) fs::rename(temps[i], finals[i]);
  const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  check(d >= 0 && ::fsync(d) == 0 && ::close(d) == 0, "directory fsync");
}

// neurite's way.
void commit_with_group(const std::vector<std::string>& finals, const std::string& bytes) {
  neurite::AtomicFileGroup group;
  for (const std::string& f : finals) group.add(f, bytes);
  for (const auto& failed : group.commit())
    if (failed) {
      std::fprintf(stderr, "neurite_io_bench: %s\n", failed->what());
      std::exit(1);
    }
}

// One group of `files` files of `bytes` bytes in `dir`, committed one way or the other.
Cost commit_group(const fs::path& dir, int files, const std::string& bytes, bool with_group) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::string> finals;
  for (int i = 0; i < files; ++i) finals.push_back((dir / ("run" + std::to_string(i) + ".neurite")).string());
  const double cpu0 = thread_cpu_ms(), wall0 = wall_ms();
  if (with_group) commit_with_group(finals, bytes);
  else commit_by_reopening(dir, finals, bytes);
  return {thread_cpu_ms() - cpu0, wall_ms() - wall0};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  fs::path where = ".";
  int files = 64, bytes = 7000, rounds = 31;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--files" && i + 1 < argc) files = std::atoi(argv[++i]);
    else if (a == "--bytes" && i + 1 < argc) bytes = std::atoi(argv[++i]);
    else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
    else if (a.rfind("--", 0) != 0) where = a;
    else {
      std::fprintf(stderr, "usage: neurite_io_bench [DIR] [--files N] [--bytes B] [--rounds R]\n");
      return 2;
    }
  }
  const fs::path dir = where / "neurite-io-bench";
  const std::string content(static_cast<std::size_t>(bytes), 'x');
  std::vector<double> cpu[2], wall[2];
  for (int r = 0; r < rounds; ++r)
    for (int pattern = 0; pattern < 2; ++pattern) {  // alternate, so both see the same disk
      const Cost c = commit_group(dir, files, content, pattern == 1);
      cpu[pattern].push_back(c.cpu);
      wall[pattern].push_back(c.wall);
    }
  fs::remove_all(dir);
  std::printf("%d files of %d bytes in %s, %d rounds, medians:\n", files, bytes, where.c_str(), rounds);
  const char* names[] = {"reopen   ", "writeback"};
  for (int p = 0; p < 2; ++p)
    std::printf("  %s  thread CPU %6.2f ms  wall %6.2f ms\n", names[p], median(cpu[p]), median(wall[p]));
  std::printf("  writeback / reopen: CPU %.2fx, wall %.2fx\n", median(cpu[1]) / median(cpu[0]),
              median(wall[1]) / median(wall[0]));
  return 0;
}
