// `neurite run` end to end: a quoted glob, --filter, --log-json and --quiet
// wired through command_run.cpp (their parts have unit tests in tests/cli).
#define BOOST_TEST_MODULE run_options
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace {
const std::string kBatch = std::string(NEURITE_SOURCE_DIR) + "/experiments/logreg-vs-mlp";
}

BOOST_AUTO_TEST_CASE(glob_filter_and_json_log) {
  e2e::TempDir out("run_options");
  const std::string log = (out.path / "log.jsonl").string();
  const auto run = e2e::neurite("run '" + kBatch + "/1-*.yaml' --filter '*-mlp' --log-json " + log +
                                " --quiet --format csv --out " + out.str());
  BOOST_TEST_INFO(run.err);
  BOOST_REQUIRE(run.exit_code == 0);
  const auto rows = e2e::parse_csv(run.out);  // --quiet: the table only
  BOOST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[1][0] == "xor-mlp");
  std::ifstream in(log);
  std::string line;
  int epochs = 0, ends = 0;
  while (std::getline(in, line)) {
    std::istringstream text(line);
    boost::property_tree::ptree tree;
    boost::property_tree::read_json(text, tree);
    BOOST_TEST(tree.get<std::string>("run") == "xor-mlp");
    if (tree.get<std::string>("event") == "epoch") {
      BOOST_TEST(tree.get<int>("epoch") == ++epochs);
    } else {
      ++ends;
      BOOST_TEST(tree.get<std::string>("stop_reason") == "completed");
    }
  }
  BOOST_TEST(epochs == 300);
  BOOST_TEST(ends == 1);
}

BOOST_AUTO_TEST_CASE(unmatched_glob_and_filter_are_usage_errors) {
  e2e::TempDir out("run_options_errors");
  const auto glob = e2e::neurite("run '" + kBatch + "/9-*.yaml' --out " + out.str());
  BOOST_TEST(glob.exit_code == 2);
  BOOST_TEST(glob.err.find("no file or directory matches the pattern '" + kBatch + "/9-*.yaml'") != std::string::npos);
  const auto filter = e2e::neurite("run " + kBatch + "/1-xor.yaml --filter 'moons*' --out " + out.str());
  BOOST_TEST(filter.exit_code == 2);
  BOOST_TEST(filter.err.find("--filter 'moons*' matches no experiment (names: xor-logreg, xor-mlp)") != std::string::npos);
}
