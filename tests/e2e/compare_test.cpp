// `neurite compare` through the real binary on real runs: a tiny moons batch,
// logistic regression and an MLP, three seeds each (sweep.repeats: 3).
#define BOOST_TEST_MODULE compare
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <fstream>
#include <map>

namespace {
const char* kBatch = R"(- name: moons-logreg
  seed: 1
  data: {source: moons, samples: 300, noise: 0.2, split: {train: 0.6, validation: 0.2, test: 0.2}, scale: standard}
  model: [{dense: {units: 1}}, {activation: sigmoid}]
  loss: binary_cross_entropy
  optimizer: {name: adam, learning_rate: 0.05}
  training: {epochs: 30, batch_size: 32}
  sweep: {repeats: 3}
- name: moons-mlp
  seed: 1
  data: {source: moons, samples: 300, noise: 0.2, split: {train: 0.6, validation: 0.2, test: 0.2}, scale: standard}
  model: [{dense: {units: 16}}, {activation: tanh}, {dense: {units: 2}}]
  loss: softmax_cross_entropy
  optimizer: {name: adam, learning_rate: 0.02}
  training: {epochs: 60, batch_size: 32}
  sweep: {repeats: 3}
)";

// Trained once for every test case of this file.
struct Batch {
  e2e::TempDir dir{"compare"};
  std::string results = (dir.path / "results").string();
  e2e::Outcome run;
  Batch() {
    std::ofstream(dir.path / "moons.yaml") << kBatch;
    run = e2e::neurite("run " + (dir.path / "moons.yaml").string() + " --quiet --threads 2 --out " + results);
  }
};

Batch& batch() {
  static Batch b;
  BOOST_TEST_INFO("run stderr: " << b.run.err);
  BOOST_REQUIRE(b.run.exit_code == 0);
  return b;
}

std::vector<std::map<std::string, std::string>> rows_of(const std::string& csv) {
  const auto cells = e2e::parse_csv(csv);
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t r = 1; r < cells.size(); ++r) {
    rows.emplace_back();
    for (std::size_t c = 0; c < cells[0].size() && c < cells[r].size(); ++c) rows.back()[cells[0][c]] = cells[r][c];
  }
  return rows;
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_mlp_beats_logistic_regression_beyond_seed_noise) {
  const auto out = e2e::neurite("compare " + batch().results +
                                " --group-by experiment --split test --metrics accuracy,f1,log_loss"
                                " --baseline moons-logreg --sort accuracy --format csv");
  BOOST_TEST_INFO("stderr: " << out.err);
  BOOST_REQUIRE(out.exit_code == 0);
  const auto rows = rows_of(out.out);
  BOOST_REQUIRE(rows.size() == 6u);  // 2 groups x 3 metrics, best group first
  BOOST_TEST(rows[0].at("group") == "moons-mlp");
  BOOST_TEST(rows[0].at("metric") == "test_accuracy");
  BOOST_TEST(rows[0].at("n") == "3");
  BOOST_TEST(std::stod(rows[0].at("difference")) > 0.05);
  BOOST_TEST(std::stod(rows[0].at("p_value")) < 0.05);
  BOOST_TEST(rows[0].at("significant") == "true");
  BOOST_TEST(std::stod(rows[0].at("ci95_low")) <= std::stod(rows[0].at("mean")));
  BOOST_TEST(rows[1].at("metric") == "test_f1");
  BOOST_TEST(!rows[2].at("mean").empty());  // log_loss of softmax_cross_entropy
  BOOST_TEST(rows[3].at("group") == "moons-logreg");
  BOOST_TEST(rows[3].at("difference").empty());
  BOOST_TEST(!rows[5].at("mean").empty());  // log_loss of binary_cross_entropy on one column
}

BOOST_AUTO_TEST_CASE(per_run_table_reads_the_archives_and_sorts) {
  const auto out = e2e::neurite("compare " + batch().results +
                                " --metrics accuracy,precision,recall,epochs_to_best,samples_per_second"
                                " --split validation --sort validation_accuracy --asc --format csv");
  BOOST_REQUIRE(out.exit_code == 0);
  const auto rows = rows_of(out.out);
  BOOST_REQUIRE(rows.size() == 6u);
  for (std::size_t i = 1; i < rows.size(); ++i)
    BOOST_TEST(std::stod(rows[i - 1].at("validation_accuracy")) <= std::stod(rows[i].at("validation_accuracy")));
  for (const auto& row : rows) {
    BOOST_TEST(std::stod(row.at("validation_precision")) > 0.5);
    BOOST_TEST(std::stod(row.at("samples_per_second")) > 0);
    BOOST_TEST(std::stod(row.at("epochs_to_best")) >= 1);
  }
}

BOOST_AUTO_TEST_CASE(text_output_is_aligned_with_a_footer) {
  const auto out = e2e::neurite("compare " + batch().results +
                                " --group-by experiment --split test --metrics accuracy --baseline moons-logreg");
  BOOST_REQUIRE(out.exit_code == 0);
  BOOST_TEST(out.out.find("Welch's two-sided t-test") != std::string::npos);
  BOOST_TEST(out.out.find("moons-mlp") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_options_are_usage_errors) {
  const std::string results = batch().results;
  for (const char* args : {" --baseline moons", " --group-by experiment --baseline moons-mlp[seed=1]",
                           " --metrics acuracy", " --split dev", " --sort accuracy", " --asc", " --desc --asc --sort loss",
                           " --group-by units"}) {
    const auto out = e2e::neurite("compare " + results + args);
    BOOST_TEST_INFO(args << ": " << out.err);
    BOOST_TEST(out.exit_code == 2);
    BOOST_TEST(out.err.find("compare: ") != std::string::npos);
  }
  const auto listed = e2e::neurite("compare " + results + " --baseline moons");
  BOOST_TEST(listed.err.find("moons-logreg[seed=1]") != std::string::npos);
}
