// Mirrors framework/src/cli/background_writer.cpp: every job submitted is
// written and reported once, in order, errors included, whether jobs come one
// by one or many at once.
#define BOOST_TEST_MODULE background_writer
#include <boost/test/unit_test.hpp>

#include "cli/background_writer.hpp"
#include "e2e/cli.hpp"
#include "results/atomic_file.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace neurite;
using e2e::TempDir;
using namespace neurite::cli;

namespace {
struct Report {
  std::string path;
  std::string error;  // empty: written
};
}  // namespace

BOOST_AUTO_TEST_CASE(every_job_is_written_and_reported_in_order) {
  const TempDir dir("background-writer");
  std::vector<Report> reports;  // only the writer thread appends
  {
    BackgroundWriter writer(std::chrono::milliseconds(5));
    for (int i = 0; i < 150; ++i) {
      const std::string path = (dir.path / ("r" + std::to_string(i))).string();
      WriteJob job{path, [i] { return "bytes " + std::to_string(i); },
                   [&reports, path](const Error* e) { reports.push_back({path, e ? e->what() : ""}); }};
      if (i == 7) job.encode = []() -> std::string { throw Error(ExitCode::data, "r7: cannot serialize"); };
      if (i == 8) job.encode = []() -> std::string { throw std::runtime_error("no memory"); };
      writer.submit(std::move(job));
      if (i % 40 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));  // some jobs alone
    }
    writer.finish();
    BOOST_REQUIRE_EQUAL(reports.size(), 150u);
  }
  for (int i = 0; i < 150; ++i) {
    const std::string path = (dir.path / ("r" + std::to_string(i))).string();
    if (i == 7 || i == 8) continue;
    BOOST_TEST(reports[static_cast<std::size_t>(i)].path == path);
    BOOST_TEST(reports[static_cast<std::size_t>(i)].error.empty());
    BOOST_TEST(read_whole_file(path) == "bytes " + std::to_string(i));
  }
  BOOST_TEST(reports[7].error == "r7: cannot serialize");
  BOOST_TEST(reports[8].error.find("cannot write: no memory") != std::string::npos);
  BOOST_TEST(!std::filesystem::exists(dir.path / "r7"));
}

BOOST_AUTO_TEST_CASE(finish_does_not_wait_for_the_linger) {
  const TempDir dir("background-writer-finish");
  const auto start = std::chrono::steady_clock::now();
  bool written = false;
  {
    BackgroundWriter writer(std::chrono::seconds(60));
    writer.submit({(dir.path / "only").string(), [] { return std::string("x"); },
                   [&written](const Error* e) { written = e == nullptr; }});
    writer.finish();
  }
  BOOST_TEST(written);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(30)));
}

BOOST_AUTO_TEST_CASE(after_stop_lingering_jobs_are_committed_at_once) {
  const TempDir dir("background-writer-hurry");
  std::atomic<int> written{0};
  BackgroundWriter writer(std::chrono::seconds(60));
  writer.stop_lingering();
  for (int i = 0; i < 3; ++i)
    writer.submit({(dir.path / ("f" + std::to_string(i))).string(), [] { return std::string("x"); },
                   [&written](const Error* e) { written += e == nullptr; }});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (written < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  BOOST_TEST(written.load() == 3);  // without finish(): no 60 s wait
  writer.finish();
}
