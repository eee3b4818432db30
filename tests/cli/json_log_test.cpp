// Mirrors framework/src/cli/json_log.cpp: lines parsed back with Boost's
// property_tree JSON reader; nulls for missing values; concurrent writers
// never interleave lines.
#define BOOST_TEST_MODULE json_log
#include <boost/test/unit_test.hpp>

#include "cli/json_log.hpp"
#include "e2e/cli.hpp"

#include <neurite/errors.hpp>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <cmath>
#include <fstream>
#include <thread>

using namespace neurite;
using namespace neurite::cli;
namespace pt = boost::property_tree;

namespace {
pt::ptree parse(const std::string& line) {
  std::istringstream in(line);
  pt::ptree tree;
  pt::read_json(in, tree);
  return tree;
}
}  // namespace

BOOST_AUTO_TEST_CASE(epoch_line_holds_every_metric) {
  EpochMetrics m;
  m.epoch = 3;
  m.train_loss = 0.25;
  m.train_accuracy = 0.875;
  m.validation_loss = std::nan("");
  m.validation_accuracy = std::nan("");
  m.learning_rate = 0.01;
  m.seconds = 0.5;
  const std::string line = epoch_json("moons \"mlp\"", m, 200);
  BOOST_TEST(line.find('\n') == std::string::npos);
  BOOST_TEST(line.find("\"validation_loss\":null") != std::string::npos);
  BOOST_TEST(line.find("\"train_rmse\":null") != std::string::npos);
  const pt::ptree tree = parse(line);
  BOOST_TEST(tree.get<std::string>("event") == "epoch");
  BOOST_TEST(tree.get<std::string>("run") == "moons \"mlp\"");
  BOOST_TEST(tree.get<int>("epoch") == 3);
  BOOST_TEST(tree.get<int>("epochs") == 200);
  BOOST_TEST(tree.get<double>("train_loss") == 0.25);
  BOOST_TEST(tree.get<double>("train_accuracy") == 0.875);
  BOOST_TEST(tree.get<double>("learning_rate") == 0.01);
  BOOST_TEST(tree.get<double>("seconds") == 0.5);
}

BOOST_AUTO_TEST_CASE(end_lines_for_finished_and_failed_runs) {
  RunResult r;
  r.status = RunStatus::ok;
  r.stop_reason = "early_stopping";
  r.epochs_run = 12;
  r.restored_epoch = 9;
  r.wall_seconds = 1.25;
  const pt::ptree ok = parse(end_json("a", &r, ""));
  BOOST_TEST(ok.get<std::string>("status") == "ok");
  BOOST_TEST(ok.get<std::string>("stop_reason") == "early_stopping");
  BOOST_TEST(ok.get<int>("epochs_run") == 12);
  BOOST_TEST(ok.get<int>("restored_epoch") == 9);
  BOOST_TEST(end_json("a", &r, "").find("\"error\":null") != std::string::npos);
  const pt::ptree failed = parse(end_json("b", nullptr, "b.yaml:1:1: bad\tthing"));
  BOOST_TEST(failed.get<std::string>("status") == "failed");
  BOOST_TEST(failed.get<std::string>("error") == "b.yaml:1:1: bad\tthing");
}

BOOST_AUTO_TEST_CASE(concurrent_writers_give_whole_lines_and_the_file_starts_empty) {
  e2e::TempDir dir("json_log");
  const std::string path = (dir.path / "log.jsonl").string();
  std::ofstream(path) << "old content\n";
  {
    JsonLog log(path);
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
      writers.emplace_back([&log, t] {
        EpochMetrics m;
        for (int e = 1; e <= 200; ++e) {
          m.epoch = e;
          log.write_line(epoch_json("run" + std::to_string(t), m, 200));
        }
      });
    for (auto& w : writers) w.join();
  }
  std::ifstream in(path);
  std::string line;
  std::map<std::string, int> last_epoch;
  int lines = 0;
  while (std::getline(in, line)) {
    const pt::ptree tree = parse(line);  // throws on a mangled line
    const std::string run = tree.get<std::string>("run");
    BOOST_TEST(tree.get<int>("epoch") == last_epoch[run] + 1);  // each run's lines in order
    last_epoch[run] = tree.get<int>("epoch");
    ++lines;
  }
  BOOST_TEST(lines == 800);
}

BOOST_AUTO_TEST_CASE(an_unwritable_path_is_a_data_error_naming_it) {
  try {
    JsonLog log("/nonexistent-dir/log.jsonl");
    BOOST_FAIL("no error");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::data));
    BOOST_TEST(std::string(e.what()).rfind("/nonexistent-dir/log.jsonl: cannot create the JSON log: ", 0) == 0u);
  }
}
