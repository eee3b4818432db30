// The shipped learning path (experiments/learning-path/) through the real
// binary: every run ends ok and each step's lesson holds in its numbers, with
// margins, as the experiment headers and the path's README promise. MNIST is
// not shipped: its file (learning-path/mnist/, outside the directory batch)
// runs here on a small IDX set that the test writes.
//
// Sanitizer builds (NEURITE_TEST_SANITIZED, tests/CMakeLists.txt) run the
// same batch cut to a few epochs and check only that every run ends ok: the
// binary is about 10x slower there, and a few epochs prove nothing about
// accuracy.
#define BOOST_TEST_MODULE learning_path
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace {
namespace fs = std::filesystem;
const std::string kPath = std::string(NEURITE_SOURCE_DIR) + "/experiments/learning-path";

#if defined(NEURITE_TEST_SANITIZED)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

using Table = std::map<std::string, std::map<std::string, std::string>>;

// run name -> column name -> cell
Table table(const std::string& csv) {
  const auto rows = e2e::parse_csv(csv);
  Table out;
  for (std::size_t r = 1; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) out[rows[r][0]][rows[0][c]] = rows[r][c];
  return out;
}

double number(const Table& t, const std::string& run, const std::string& column) {
  BOOST_TEST_INFO(run << " " << column);
  BOOST_REQUIRE(t.count(run) == 1u);
  const std::string& cell = t.at(run).at(column);
  BOOST_REQUIRE(!cell.empty());
  return std::stod(cell);
}

std::string folds(const std::string& name, int k) { return name + "[fold=" + std::to_string(k) + "]"; }

// An IDX file: zero, zero, type 0x08 (unsigned byte), rank, big-endian sizes, bytes.
void write_idx(const fs::path& file, const std::vector<std::uint32_t>& dims, const std::vector<unsigned char>& bytes) {
  std::ofstream out(file, std::ios::binary);
  const unsigned char magic[4] = {0, 0, 0x08, static_cast<unsigned char>(dims.size())};
  out.write(reinterpret_cast<const char*>(magic), 4);
  for (std::uint32_t d : dims) {
    const unsigned char be[4] = {static_cast<unsigned char>(d >> 24), static_cast<unsigned char>(d >> 16),
                                 static_cast<unsigned char>(d >> 8), static_cast<unsigned char>(d)};
    out.write(reinterpret_cast<const char*>(be), 4);
  }
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_step_runs_and_shows_its_lesson) {
  e2e::TempDir out("learning_path");
  const std::string shorten = kSanitized ? " --set training.epochs=3" : "";
  const auto run = e2e::neurite("run " + kPath + " --quiet --format csv --threads 2 --out " + out.str() + shorten);
  BOOST_TEST_INFO("stderr: " << run.err);
  BOOST_REQUIRE(run.exit_code == 0);
  const Table t = table(run.out);

  // Exactly the runs of steps 1-9 and 11: no MNIST (its own directory) and no
  // base/uci.yaml (not an experiment).
  std::set<std::string> want = {"sigmoid-neuron", "xor-11-lines", "wildml-logreg", "circles-ring-logreg",
                                "circles-ring-mlp", "spiral-linear", "spiral-mlp", "wine-logreg", "wine-mlp",
                                "breast-cancer-logreg", "breast-cancer-mlp", "digits-logreg", "digits-mlp",
                                "sine-linear", "sine-mlp"};
  for (int units : {1, 2, 3, 4, 5, 20, 50}) want.insert("wildml-mlp[units=" + std::to_string(units) + "]");
  for (int k = 1; k <= 5; ++k) want.insert({folds("iris-logreg", k), folds("iris-mlp", k)});
  std::set<std::string> got;
  for (const auto& [name, row] : t) {
    got.insert(name);
    BOOST_TEST_INFO(name << ": " << row.at("error"));
    BOOST_TEST(row.at("status") == "ok");
  }
  BOOST_TEST(got == want, boost::test_tools::per_element());
  if (kSanitized) return;

  // 1: one sigmoid neuron separates linearly separable data perfectly.
  BOOST_TEST(number(t, "sigmoid-neuron", "train_accuracy") == 1.0);
  BOOST_TEST(number(t, "sigmoid-neuron", "test_accuracy") == 1.0);
  // 2: the 11-line network learns XOR.
  BOOST_TEST(number(t, "xor-11-lines", "train_accuracy") == 1.0);
  // 3: WildML's 3-unit network bends around the moons; a straight line cannot.
  BOOST_TEST(number(t, "wildml-mlp[units=3]", "test_accuracy") > number(t, "wildml-logreg", "test_accuracy") + 0.1);
  // 4: circles: chance against near-perfect.
  BOOST_TEST(number(t, "circles-ring-logreg", "test_accuracy") < 0.7);
  BOOST_TEST(number(t, "circles-ring-mlp", "test_accuracy") > 0.95);
  // 5: CS231n's spiral: about half for the linear classifier, about 98% for 100 ReLUs.
  BOOST_TEST(number(t, "spiral-linear", "train_accuracy") < 0.65);
  BOOST_TEST(number(t, "spiral-linear", "test_accuracy") < 0.65);
  BOOST_TEST(number(t, "spiral-mlp", "train_accuracy") > 0.97);
  BOOST_TEST(number(t, "spiral-mlp", "test_accuracy") > number(t, "spiral-linear", "test_accuracy") + 0.3);
  // 6-9: the UCI tables: both models do well; early stopping ends the MLPs
  // long before the 500-epoch cap.
  for (int k = 1; k <= 5; ++k) {
    BOOST_TEST(number(t, folds("iris-logreg", k), "test_accuracy") >= 0.9);
    BOOST_TEST(number(t, folds("iris-mlp", k), "test_accuracy") >= 0.9);
    BOOST_TEST(number(t, folds("iris-mlp", k), "validation_accuracy") >= 0.85);
  }
  for (const char* name : {"wine-logreg", "wine-mlp"}) BOOST_TEST(number(t, name, "test_accuracy") >= 0.9);
  for (const char* name : {"breast-cancer-logreg", "breast-cancer-mlp"})
    BOOST_TEST(number(t, name, "test_accuracy") >= 0.93);
  BOOST_TEST(number(t, "digits-logreg", "test_accuracy") >= 0.93);
  BOOST_TEST(number(t, "digits-mlp", "test_accuracy") >= 0.95);
  for (const char* name : {"wine-mlp", "breast-cancer-mlp", "digits-mlp"})
    BOOST_TEST(number(t, name, "epochs") < 500);
  // 11: regression: a line explains about 60% of a sine's variance, 16 tanh
  // units nearly all of it, down to the noise (standard deviation 0.1).
  const double linear_r2 = number(t, "sine-linear", "test_r2");
  BOOST_TEST(linear_r2 > 0.4);
  BOOST_TEST(linear_r2 < 0.7);
  BOOST_TEST(number(t, "sine-linear", "test_rmse") > 0.35);
  BOOST_TEST(number(t, "sine-mlp", "test_r2") > 0.95);
  BOOST_TEST(number(t, "sine-mlp", "test_rmse") < 0.15);
  BOOST_TEST(t.at("sine-mlp").at("test_accuracy").empty());  // no accuracy for a regression

  // Step 6's cross-validation summary, read back from the archives.
  const auto compared = e2e::neurite("compare " + out.str());
  BOOST_REQUIRE(compared.exit_code == 0);
  BOOST_TEST(compared.out.find("cross-validation, 5 fold(s): iris-logreg") != std::string::npos);
  BOOST_TEST(compared.out.find("cross-validation, 5 fold(s): iris-mlp") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mnist_file_runs_on_a_small_synthetic_idx_set) {
  // 300 images of 28x28: noise, plus a bright bar whose row gives the digit.
  e2e::TempDir dir("learning_path_mnist");
  const std::uint32_t n = 300;
  std::vector<unsigned char> images(n * 28 * 28), labels(n);
  std::uint32_t state = 12345;
  for (std::uint32_t i = 0; i < n; ++i) {
    labels[i] = static_cast<unsigned char>(i % 10);
    for (std::uint32_t p = 0; p < 28 * 28; ++p) {
      state = state * 1664525u + 1013904223u;  // a fixed LCG: the same bytes on every platform
      const std::uint32_t row = p / 28;
      images[i * 28 * 28 + p] = static_cast<unsigned char>((state >> 24) % 64 + (row / 2 == 2u + labels[i] ? 160 : 0));
    }
  }
  const fs::path images_file = dir.path / "train-images-idx3-ubyte", labels_file = dir.path / "train-labels-idx1-ubyte";
  write_idx(images_file, {n, 28, 28}, images);
  write_idx(labels_file, {n}, labels);

  const auto run = e2e::neurite("run " + kPath + "/mnist --quiet --format csv --threads 2 --out " + dir.str() +
                                "/out --set data.images=" + images_file.string() +
                                " --set data.labels=" + labels_file.string() + " --set training.epochs=1");
  BOOST_TEST_INFO("stderr: " << run.err);
  BOOST_REQUIRE(run.exit_code == 0);
  const Table t = table(run.out);
  BOOST_REQUIRE(t.size() == 2u);
  for (const auto& [name, row] : t) {
    BOOST_TEST(row.at("status") == "ok");
    BOOST_TEST(row.at("epochs") == "1");
  }
  // 784 -> 10 logits, and the 784-256-128-10 MLP.
  BOOST_TEST(t.at("mnist-logreg").at("parameters") == "7850");
  BOOST_TEST(t.at("mnist-mlp").at("parameters") == "235146");
  // The 80/10/10 split of 300: 30 test images, so accuracy moves in steps of 1/30.
  const double test = number(t, "mnist-mlp", "test_accuracy") * 30.0;
  BOOST_TEST(std::abs(test - std::round(test)) < 1e-9);
}

BOOST_AUTO_TEST_CASE(mnist_without_the_download_names_the_expected_file) {
  const fs::path expected = fs::path(NEURITE_SOURCE_DIR) / "experiments/data/mnist/train-images-idx3-ubyte.gz";
  if (fs::exists(expected)) return;  // someone downloaded MNIST: nothing to check here
  const auto check = e2e::neurite("validate " + kPath + "/mnist");
  BOOST_TEST(check.exit_code == 3);
  BOOST_TEST(check.err.find("experiments/data/mnist/train-images-idx3-ubyte.gz") != std::string::npos);
}
