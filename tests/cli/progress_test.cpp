// Mirrors framework/src/cli/progress.cpp: the lines as pure functions of the
// batch state, the ANSI frame, and the log and quiet modes on a string stream.
#define BOOST_TEST_MODULE progress
#include <boost/test/unit_test.hpp>

#include "cli/progress.hpp"

#include <cmath>
#include <sstream>

using namespace neurite;
using namespace neurite::cli;

BOOST_AUTO_TEST_CASE(clock_format) {
  BOOST_TEST(format_clock(0.4) == "0:00");
  BOOST_TEST(format_clock(7.9) == "0:07");
  BOOST_TEST(format_clock(185) == "3:05");
  BOOST_TEST(format_clock(3723) == "1:02:03");
  BOOST_TEST(format_clock(-1) == "0:00");
}

BOOST_AUTO_TEST_CASE(run_line_shows_epoch_loss_accuracy_and_eta) {
  const RunState run{"moons-mlp", 120, 200, 0.07123, 0.979, 6.0};  // 0.05 s per epoch, 80 left
  BOOST_TEST(*run_eta(run) == 4.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(format_run_line(run, 12, 200) == "  moons-mlp     epoch 120/200  loss 0.0712  acc  97.9%  ETA 0:04");
  const RunState fresh{"xor", 0, 0, 0.0, 0.0, 0.0};
  BOOST_TEST(!run_eta(fresh));
  // Resumed after epoch 100: the 1.0 s elapsed is 20 epochs' time, 80 left.
  RunState resumed{"moons-mlp", 120, 200, 0.07, 0.9, 1.0};
  resumed.resumed_after = 100;
  BOOST_TEST(*run_eta(resumed) == 4.0, boost::test_tools::tolerance(1e-12));
  resumed.epoch = 100;  // no epoch of this process yet
  BOOST_TEST(!run_eta(resumed));
  BOOST_TEST(format_run_line(fresh, 3, 200) == "  xor  epoch 0/0  ETA -");
  const RunState regression{"sine", 5, 50, 0.5, std::nan(""), 1.0, 0.8125};
  BOOST_TEST(format_run_line(regression, 4, 200) == "  sine  epoch  5/50  loss 0.5000  r2 0.812  ETA 0:09");
  BOOST_TEST(format_run_line(run, 12, 20) == "  moons-mlp     epoc");  // clipped to the width
}

BOOST_AUTO_TEST_CASE(batch_line_counts_runs_failures_and_eta) {
  BatchState batch;
  batch.total = 4;
  batch.done = 1;
  batch.failed = 1;
  batch.elapsed = 10.0;
  batch.running.push_back({"a", 50, 100, 0.1, 0.9, 5.0});
  // done work: 1 + 0.5 of 4 runs = 0.375 -> ETA = 10 * 0.625 / 0.375
  BOOST_TEST(*batch_eta(batch) == 10.0 * 0.625 / 0.375, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(format_batch_line(batch, 200) == "[#####---------------]  1/4 runs  1 failed  elapsed 0:10  ETA 0:16");
  BatchState empty;
  empty.total = 3;
  BOOST_TEST(!batch_eta(empty));
  BOOST_TEST(format_batch_line(empty, 200) == "[--------------------]  0/3 runs  elapsed 0:00  ETA -");
}

BOOST_AUTO_TEST_CASE(frame_moves_up_over_the_old_block_and_keeps_done_lines_above) {
  BatchState batch;
  batch.total = 2;
  batch.elapsed = 10.0;  // 0.3 of 2 runs done -> ETA 10 * 1.7 / 0.3 = 56.7 s
  batch.running = {{"a", 1, 10, 1.0, 0.5, 1.0}, {"bb", 2, 10, 1.0, 0.5, 1.0}};
  std::size_t drawn = 0;
  const std::string frame = render_frame(batch, {"done  c  3 epochs  0.10s"}, 3, 200, drawn);
  BOOST_TEST(drawn == 3u);
  const std::string expected = "\r\033[3A\033[J"
                               "done  c  3 epochs  0.10s\n"
                               "  a   epoch  1/10  loss 1.0000  acc  50.0%  ETA 0:09\n"
                               "  bb  epoch  2/10  loss 1.0000  acc  50.0%  ETA 0:04\n"
                               "[--------------------]  0/2 runs  elapsed 0:10  ETA 0:56\n";
  BOOST_TEST(frame == expected);
  BOOST_TEST(render_frame(batch, {}, 0, 200, drawn).rfind("\033[J", 0) == 0u);  // first frame: no move
}

BOOST_AUTO_TEST_CASE(log_mode_prints_start_every_tenth_epoch_and_end) {
  std::ostringstream out, err;
  {
    Progress progress(Progress::Mode::log, 2, out, err);
    progress.start(0, "xor-mlp", "xor.yaml");
    for (int e = 1; e <= 20; ++e) {
      EpochMetrics m;
      m.epoch = e;
      m.train_loss = 0.5;
      m.train_accuracy = 0.75;
      m.validation_loss = std::nan("");
      progress.epoch(0, m, 20);
    }
    RunResult result;
    result.epochs_run = 20;
    result.wall_seconds = 0.125;
    result.stop_reason = "completed";
    progress.end(0, &result, "");
    progress.start(1, "bad", "bad.yaml");
    progress.end(1, nullptr, "bad.yaml:3:1: unknown activation");
  }
  const std::string text = out.str();
  BOOST_TEST(text.find("xor-mlp  (xor.yaml)\n") == 0u);
  BOOST_TEST(text.find("  xor-mlp  epoch 1/20  loss 0.5000  acc  75.0%\n") != std::string::npos);
  BOOST_TEST(text.find("epoch 2/20") != std::string::npos);
  BOOST_TEST(text.find("epoch 3/20") == std::string::npos);  // every second epoch of 20
  BOOST_TEST(text.find("done  xor-mlp  20 epochs  0.12s\n") != std::string::npos);
  BOOST_TEST(err.str() == "neurite: error: bad.yaml:3:1: unknown activation\n");
}

BOOST_AUTO_TEST_CASE(quiet_mode_prints_only_errors) {
  std::ostringstream out, err;
  Progress progress(Progress::Mode::quiet, 1, out, err);
  progress.start(0, "a", "a.yaml");
  EpochMetrics m;
  m.epoch = 1;
  progress.epoch(0, m, 1);
  progress.end(0, nullptr, "a: failed");
  progress.finish();
  BOOST_TEST(out.str().empty());
  BOOST_TEST(err.str() == "neurite: error: a: failed\n");
}

BOOST_AUTO_TEST_CASE(terminal_mode_ends_with_the_final_bar_and_done_lines) {
  std::ostringstream out, err;
  Progress progress(Progress::Mode::terminal, 1, out, err);
  progress.start(0, "run", "run.yaml");
  RunResult result;
  result.epochs_run = 4;
  result.wall_seconds = 1.5;
  result.stop_reason = "time_limit";
  progress.end(0, &result, "");
  progress.finish();
  const std::string text = out.str();
  BOOST_TEST(text.find("done  run  4 epochs  1.50s  stopped: time_limit\n") != std::string::npos);
  BOOST_TEST(text.size() >= 60u);
  BOOST_TEST(text.substr(text.size() - 60).find("[####################]  1/1 runs  elapsed 0:00") != std::string::npos);
}
