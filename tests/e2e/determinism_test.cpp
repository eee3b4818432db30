// Results are bitwise identical for --threads 1, 2 and 8 and for any --jobs,
// on every benchmark workload's network shape (scaled down in rows so that
// the test is quick; the shapes decide which GEMM backend runs, so they are
// kept).
#define BOOST_TEST_MODULE determinism
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <map>

namespace {
struct Workload {
  const char* name;
  const char* data;
  const char* model;
  const char* optimizer;
  const char* training;
};

const Workload kWorkloads[] = {
    {"a-moons", "{source: moons, samples: 2000, noise: 0.2, split: {train: 0.8, validation: 0.2, test: 0.0}}",
     "[{dense: {units: 16}}, {activation: tanh}, {dense: {units: 2}}]", "{name: sgd, learning_rate: 0.01}",
     "{epochs: 2, batch_size: 32}"},
    {"b-wildml", "{source: moons, samples: 200, noise: 0.2, split: {train: 1.0}}",
     "[{dense: {units: 3}}, {activation: tanh}, {dense: {units: 2}}]",
     "{name: sgd, learning_rate: 0.01, weight_decay: 0.01}", "{epochs: 50, batch_size: 200}"},
    {"c-mlp", "{source: random, samples: 1024, features: 784, classes: 10, split: {train: 0.75, validation: 0.25, test: 0.0}}",
     "[{dense: {units: 256}}, {activation: relu}, {dense: {units: 128}}, {activation: relu}, {dense: {units: 10}}]",
     "{name: sgd, learning_rate: 0.01, momentum: 0.9}", "{epochs: 1, batch_size: 128}"},
    {"c-adam", "{source: random, samples: 1024, features: 784, classes: 10, split: {train: 1.0}}",
     "[{dense: {units: 256}}, {activation: relu}, {dense: {units: 128}}, {activation: relu}, {dense: {units: 10}}]",
     "{name: adam, learning_rate: 0.001}", "{epochs: 1, batch_size: 128}"},
    {"d-wide", "{source: random, samples: 512, features: 1024, classes: 10, split: {train: 1.0}}",
     "[{dense: {units: 2048}}, {activation: relu}, {dense: {units: 2048}}, {activation: relu}, {dense: {units: 10}}]",
     "{name: sgd, learning_rate: 0.01, momentum: 0.9}", "{epochs: 1, batch_size: 256}"},
    {"lr-softmax", "{source: random, samples: 2048, features: 784, classes: 10, split: {train: 1.0}}",
     "[{dense: {units: 10}}]", "{name: sgd, learning_rate: 0.01}", "{epochs: 1, batch_size: 128}"},
};

// experiment -> the CSV row as printed (losses and accuracies at full precision), minus wall time.
std::map<std::string, std::string> run(const std::string& dir, const std::string& flags) {
  e2e::TempDir out("determinism_out");
  const auto r = e2e::neurite("run " + dir + " --quiet --format csv --out " + out.str() + " " + flags);
  BOOST_TEST_INFO(flags << ": " << r.err);
  BOOST_REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> rows;
  for (auto row : e2e::parse_csv(r.out)) {
    if (row.size() > 10) row[10] = "";  // wall_seconds
    std::string joined;
    for (const auto& cell : row) joined += cell + ",";
    rows[row[0]] = joined;
  }
  return rows;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_workload_gives_the_same_bits_for_any_threads_and_jobs) {
  e2e::TempDir dir("determinism");
  for (const auto& w : kWorkloads) {
    std::ofstream(dir.path / (std::string(w.name) + ".yaml"))
        << "name: " << w.name << "\nseed: 3\ndata: " << w.data << "\nmodel: " << w.model
        << "\nloss: softmax_cross_entropy\noptimizer: " << w.optimizer << "\ntraining: " << w.training << "\n";
  }
  const auto reference = run(dir.str(), "--threads 1 --jobs 1");
  BOOST_REQUIRE(reference.size() == std::size(kWorkloads) + 1);  // + the header row
  for (const char* flags : {"--threads 2 --jobs 1", "--threads 8 --jobs 1", "--threads 2 --jobs 2",
                            "--threads 8 --jobs 3"}) {
    const auto other = run(dir.str(), flags);
    for (const auto& [name, row] : reference) {
      BOOST_TEST_INFO(flags << ", " << name);
      BOOST_TEST(other.at(name) == row);
    }
  }
}
