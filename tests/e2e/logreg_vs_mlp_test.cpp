// The bundled comparison batch (README command one) through the real binary
// and the real plugin libraries: the accuracies the README promises.
#define BOOST_TEST_MODULE logreg_vs_mlp
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <map>

namespace {
const std::string kBatch = std::string(NEURITE_SOURCE_DIR) + "/experiments/logreg-vs-mlp";

// experiment name -> column name -> cell
std::map<std::string, std::map<std::string, std::string>> table(const std::string& csv) {
  const auto rows = e2e::parse_csv(csv);
  std::map<std::string, std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) out[rows[r][0]][rows[0][c]] = rows[r][c];
  return out;
}

double number(const std::string& cell) { return std::stod(cell); }
}  // namespace

BOOST_AUTO_TEST_CASE(bundled_batch_shows_logistic_regression_against_mlps) {
  e2e::TempDir out("batch");
  const auto run = e2e::neurite("run " + kBatch + " --quiet --format csv --threads 2 --out " + out.str());
  BOOST_TEST_INFO("stderr: " << run.err);
  BOOST_REQUIRE(run.exit_code == 0);
  auto t = table(run.out);
  BOOST_REQUIRE(t.size() == 6u);
  for (const auto& [name, row] : t) BOOST_TEST(row.at("status") == "ok");

  // XOR: the MLP gets all four points, logistic regression cannot.
  BOOST_TEST(number(t["xor-mlp"]["train_accuracy"]) == 1.0);
  BOOST_TEST(number(t["xor-logreg"]["train_accuracy"]) < 1.0);
  // Moons (1000 samples, noise 0.2): a straight line vs a bent boundary.
  const double moons_lr = number(t["moons-logreg"]["test_accuracy"]);
  BOOST_TEST(moons_lr > 0.80);
  BOOST_TEST(moons_lr < 0.90);
  BOOST_TEST(number(t["moons-mlp"]["test_accuracy"]) > 0.95);
  // Circles: no line separates them at all.
  BOOST_TEST(number(t["circles-logreg"]["test_accuracy"]) < 0.70);
  BOOST_TEST(number(t["circles-mlp"]["test_accuracy"]) > 0.95);

  // compare reads the archives back and agrees with what run printed.
  const auto compared = e2e::neurite("compare " + out.str() + " --format csv");
  BOOST_REQUIRE(compared.exit_code == 0);
  auto c = table(compared.out);
  BOOST_TEST(c.size() == 6u);
  BOOST_TEST(c["moons-mlp"]["test_accuracy"] == t["moons-mlp"]["test_accuracy"]);
  BOOST_TEST(c["xor-logreg"]["train_loss"] == t["xor-logreg"]["train_loss"]);
}

BOOST_AUTO_TEST_CASE(threads_do_not_change_any_number) {
  e2e::TempDir a("threads1"), b("threads2");
  const std::string moons = kBatch + "/2-moons.yaml --quiet --format csv --out ";
  const auto one = e2e::neurite("run " + moons + a.str() + " --threads 1");
  const auto two = e2e::neurite("run " + moons + b.str() + " --threads 2");
  BOOST_REQUIRE(one.exit_code == 0);
  BOOST_REQUIRE(two.exit_code == 0);
  auto t1 = table(one.out), t2 = table(two.out);
  for (const char* name : {"moons-logreg", "moons-mlp"})
    for (const char* column : {"train_loss", "validation_loss", "test_loss", "test_accuracy"}) {
      BOOST_TEST_INFO(name << " " << column);
      BOOST_TEST(t1[name][column] == t2[name][column]);  // printed with full precision
    }
}

BOOST_AUTO_TEST_CASE(experiments_run_concurrently_with_jobs_and_give_the_same_numbers) {
  e2e::TempDir a("jobs1"), b("jobs2");
  const auto one = e2e::neurite("run " + kBatch + " --quiet --format csv --threads 1 --jobs 1 --out " + a.str());
  const auto two = e2e::neurite("run " + kBatch + " --quiet --format csv --threads 2 --jobs 3 --out " + b.str());
  BOOST_REQUIRE(one.exit_code == 0);
  BOOST_REQUIRE(two.exit_code == 0);
  auto t1 = table(one.out), t2 = table(two.out);
  BOOST_REQUIRE(t1.size() == 6u);
  BOOST_REQUIRE(t2.size() == 6u);
  for (const auto& [name, row] : t1)
    for (const char* column : {"train_loss", "train_accuracy", "validation_loss", "test_loss"}) {
      BOOST_TEST_INFO(name << " " << column);
      BOOST_TEST(row.at(column) == t2[name][column]);
    }
  // The table keeps the batch's order whatever order the runs finished in.
  BOOST_TEST(e2e::parse_csv(two.out)[1][0] == "xor-logreg");
  BOOST_TEST(e2e::parse_csv(two.out)[6][0] == "circles-mlp");
}

BOOST_AUTO_TEST_CASE(text_table_is_printed_after_progress) {
  e2e::TempDir out("text");
  const auto run = e2e::neurite("run " + kBatch + "/1-xor.yaml --out " + out.str());
  BOOST_REQUIRE(run.exit_code == 0);
  BOOST_TEST(run.out.find("epoch 300/300") != std::string::npos);
  BOOST_TEST(run.out.find("xor-mlp") != std::string::npos);
  BOOST_TEST(run.out.find("100.0%") != std::string::npos);
  BOOST_TEST(std::filesystem::exists(out.path / "xor-mlp.neurite"));
}
