// `neurite predict`, `evaluate` and `export` on results trained from
// tests/data/model/ (a CSV table with categories and imputation, moons with
// one logit column, sine regression), and every error they report: exit
// code and the file (line, column) it names. The NumPy round trip of export
// is tests/e2e/export_round_trip.py.
#define BOOST_TEST_MODULE predict_evaluate_export
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>

namespace {
const std::string kData = std::string(NEURITE_TEST_DATA_DIR) + "/model/";

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The three runs, trained once for the whole module.
struct Results {
  e2e::TempDir dir{"predict"};
  Results() {
    for (const char* file : {"parcels.yaml", "moons.yaml", "sine.yaml"}) {
      const auto r = e2e::neurite("run " + kData + file + " --quiet --out " + dir.str());
      if (r.exit_code != 0) throw std::runtime_error("training " + std::string(file) + " failed: " + r.err);
    }
  }
  std::string operator()(const std::string& run) const { return dir.str() + "/" + run + ".neurite"; }
};
const Results& results() {
  static const Results r;
  return r;
}

// Exit code and a piece of stderr, for one failing command.
void fails(const std::string& args, int code, const std::string& needle) {
  const auto r = e2e::neurite(args);
  BOOST_TEST_INFO("neurite " << args << "\nstderr: " << r.err);
  BOOST_TEST(r.exit_code == code);
  BOOST_TEST(contains(r.err, needle));
}
}  // namespace

BOOST_AUTO_TEST_CASE(predict_prepares_a_table_as_training_did) {
  // Columns in another order, no label, an unseen category, a missing value.
  const auto r = e2e::neurite("predict " + results()("parcels") + " " + kData + "parcels_new.csv");
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  const auto rows = e2e::parse_csv(r.out);
  BOOST_TEST_REQUIRE(rows.size() == 13u);
  BOOST_TEST(rows[0] == (std::vector<std::string>{"row", "predicted", "p_large", "p_medium", "p_small"}),
             boost::test_tools::per_element());
  for (std::size_t i = 1; i < rows.size(); ++i) {
    BOOST_TEST(rows[i][0] == std::to_string(i));
    double sum = 0, best = -1;
    std::string best_class;
    for (std::size_t c = 2; c < 5; ++c) {
      const double p = std::stod(rows[i][c]);
      sum += p;
      if (p > best) best = p, best_class = rows[0][c].substr(2);
    }
    BOOST_TEST(std::abs(sum - 1.0) <= 1e-5);
    BOOST_TEST(rows[i][1] == best_class);  // the argmax class, as its label string
  }
}

BOOST_AUTO_TEST_CASE(predict_writes_the_same_csv_to_a_file) {
  e2e::TempDir out("predict_out");
  const std::string target = out.str() + "/sub/predictions.csv";
  const auto to_file = e2e::neurite("predict " + results()("moons-logits") + " " + kData + "moons_points.csv -o " + target);
  BOOST_TEST_REQUIRE(to_file.exit_code == 0, to_file.err);
  BOOST_TEST(to_file.out.empty());
  const auto to_stdout = e2e::neurite("predict " + results()("moons-logits") + " " + kData + "moons_points.csv");
  BOOST_TEST(read(target) == to_stdout.out);
  BOOST_TEST(contains(to_stdout.out, "row,predicted,p_0,p_1\n"));
  // A file holding the labels too predicts the same.
  const auto labelled = e2e::neurite("predict " + results()("moons-logits") + " " + kData + "moons_labelled.csv");
  BOOST_TEST(labelled.out == to_stdout.out);
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out.path / "sub")) leftovers += entry.path().filename() != "predictions.csv";
  BOOST_TEST(leftovers == 0u);  // no temporary file left behind
}

BOOST_AUTO_TEST_CASE(predict_regression_writes_one_value_column) {
  const auto r = e2e::neurite("predict " + results()("sine") + " " + kData + "sine_points.csv");
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  const auto rows = e2e::parse_csv(r.out);
  BOOST_TEST(rows[0] == (std::vector<std::string>{"row", "y"}), boost::test_tools::per_element());
  BOOST_TEST(rows.size() == 26u);
  // sine_points.csv holds y = sin(x1); the model learnt it (noise 0.05).
  std::ifstream points(kData + "sine_points.csv");
  std::string line;
  std::getline(points, line);
  for (std::size_t i = 1; std::getline(points, line); ++i) {
    const double truth = std::stod(line.substr(line.find(',') + 1));
    BOOST_TEST(std::abs(std::stod(rows[i][1]) - truth) <= 0.35);
  }
}

BOOST_AUTO_TEST_CASE(evaluate_prints_scores_and_the_confusion_matrix) {
  const auto text = e2e::neurite("evaluate " + results()("parcels") + " " + kData + "parcels_labelled.csv");
  BOOST_TEST_REQUIRE(text.exit_code == 0, text.err);
  for (const char* needle : {"30 rows", "loss ", "accuracy ", "precision ", "(macro)", "recall ", "f1 ",
                             "confusion matrix (rows: true class, columns: predicted class)", "large", "medium"})
    BOOST_TEST(contains(text.out, needle), needle);
  const auto json = e2e::neurite("evaluate --format json " + results()("parcels") + " " + kData + "parcels_labelled.csv");
  BOOST_TEST_REQUIRE(json.exit_code == 0, json.err);
  for (const char* needle : {"\"samples\": 30", "\"accuracy\": ", "\"f1\": ", "\"class_names\": [\"large\", \"medium\", \"small\"]",
                             "\"confusion\": [["})
    BOOST_TEST(contains(json.out, needle), needle);
  const auto regression = e2e::neurite("evaluate --format json " + results()("sine") + " " + kData + "sine_points.csv");
  BOOST_TEST_REQUIRE(regression.exit_code == 0, regression.err);
  BOOST_TEST(contains(regression.out, "\"rmse\": "));
  BOOST_TEST(contains(regression.out, "\"r2\": 0.9"));
  BOOST_TEST(!contains(regression.out, "accuracy"));
}

BOOST_AUTO_TEST_CASE(export_writes_json_npy_and_csv) {
  const auto json = e2e::neurite("export " + results()("moons-logits"));
  BOOST_TEST_REQUIRE(json.exit_code == 0, json.err);
  for (const char* needle : {"\"format\": \"neurite-model\"", "\"probabilities\": \"sigmoid\"",
                             "\"predicted_class\": \"threshold 0\"", "\"type\": \"leaky_relu\"", "\"negative_slope\": 0.01",
                             "{\"name\": \"weight\", \"shape\": [8, 2], \"trainable\": true, \"values\": [",
                             "\"scale\": \"minmax\""})
    BOOST_TEST(contains(json.out, needle), needle);
  e2e::TempDir out("export");
  const auto npy = e2e::neurite("export " + results()("moons-logits") + " --format npy -o " + out.str() + "/npy");
  BOOST_TEST_REQUIRE(npy.exit_code == 0, npy.err);
  const std::string weight = read(out.str() + "/npy/0.dense.weight.npy");
  BOOST_TEST_REQUIRE(weight.size() > 10u);
  BOOST_TEST(weight.compare(0, 8, std::string("\x93NUMPY\x01\x00", 8)) == 0);
  const std::size_t data_start = 10 + static_cast<unsigned char>(weight[8]) + 256u * static_cast<unsigned char>(weight[9]);
  BOOST_TEST(data_start % 64 == 0u);  // NPY 1.0: the data starts on a 64-byte boundary
  BOOST_TEST(weight.size() == data_start + 8 * 2 * 4);  // then 8x2 float32 values
  BOOST_TEST(contains(weight.substr(0, data_start), "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 2), }"));
  BOOST_TEST(weight[data_start - 1] == '\n');
  BOOST_TEST(contains(read(out.str() + "/npy/model.json"), "\"file\": \"0.dense.weight.npy\""));
  const auto csv = e2e::neurite("export " + results()("moons-logits") + " --format csv -o " + out.str() + "/csv");
  BOOST_TEST_REQUIRE(csv.exit_code == 0, csv.err);
  const auto rows = e2e::parse_csv(read(out.str() + "/csv/0.dense.weight.csv"));
  BOOST_TEST(rows.size() == 8u);
  BOOST_TEST(rows[0].size() == 2u);
  BOOST_TEST(e2e::parse_csv(read(out.str() + "/csv/2.dense.bias.csv")).size() == 1u);
}

BOOST_AUTO_TEST_CASE(data_errors_exit_3_and_name_the_file_line_and_column) {
  const std::string parcels = results()("parcels") + " " + kData, moons = results()("moons-logits") + " " + kData;
  fails("predict " + parcels + "missing_column.csv", 3, "missing_column.csv:1:1: column 'weight' of the training data is missing");
  fails("predict " + parcels + "extra_column.csv", 3, "extra_column.csv:1:20: column 'height' was not a column of the training data");
  fails("predict " + parcels + "not_a_number.csv", 3, "not_a_number.csv:3:10: expected a number in column 'weight', got 'heavy'");
  fails("predict " + parcels + "no_such_file.csv", 3, "no_such_file.csv");
  fails("evaluate " + parcels + "parcels_new.csv", 3, "parcels_new.csv:1:1: the label column 'label' is missing");
  fails("evaluate " + parcels + "unknown_label.csv", 3, "unknown_label.csv:3:20: label 'tiny' is not one of the run's classes");
  fails("predict " + moons + "moons_wide.csv", 3, "moons_wide.csv:1:1: the file has 4 column(s), but the model takes 2 feature(s) (x1, x2)");
  fails("predict " + moons + "moons_missing.csv", 3, "moons_missing.csv:3:5: missing value 'NA' in column 'x2'");
  fails("predict " + moons + "moons_ragged.csv", 3, "moons_ragged.csv:3:9: row has 3 fields, the header has 2");
  fails("predict " + moons + "header_only.csv", 3, "header_only.csv:1:1: no data rows after the header");
  fails("evaluate " + moons + "moons_points.csv", 3, "moons_points.csv:1:1: the file has only the 2 feature columns");
  fails("evaluate " + moons + "moons_unknown_label.csv", 3, "moons_unknown_label.csv:2:9: label '7' is not one of the run's classes (0, 1)");
  fails("predict " + results()("sine") + " " + kData + "moons_labelled.csv", 3, "expected 1 column(s), or 2 with 1 target column(s) last");
}

BOOST_AUTO_TEST_CASE(results_that_cannot_be_rebuilt_exit_3) {
  fails("predict /nonexistent/r.neurite " + kData + "moons_points.csv", 3, "/nonexistent/r.neurite: no such file");
  fails("predict " + kData + "parcels.csv " + kData + "moons_points.csv", 3, "parcels.csv: not a neurite result file");
  const std::string old = std::string(NEURITE_SOURCE_DIR) + "/tests/results/archives/v2-moons-mlp.neurite";
  fails("export " + old, 3, "v2-moons-mlp.neurite: the result stores no preprocessing");
  e2e::TempDir out("diverged");
  BOOST_TEST_REQUIRE(e2e::neurite("run " + std::string(NEURITE_TEST_DATA_DIR) + "/experiments/diverges.yaml --quiet --out " +
                                  out.str()).exit_code == 1);
  fails("predict " + out.str() + "/diverges.neurite " + kData + "moons_points.csv", 3, "did not finish (diverged");
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  const std::string r = results()("parcels");
  fails("predict " + r, 2, "predict: expected a result file and a CSV file, got 1 argument(s)");
  fails("evaluate " + r + " a.csv b.csv", 2, "evaluate: expected a result file and a CSV file, got 3 argument(s)");
  fails("evaluate --format xml " + r + " " + kData + "parcels.csv", 2, "unknown format 'xml' (known: json, text)");
  fails("export " + r + " --format hdf5", 2, "unknown export format 'hdf5' (known: csv, json, npy)");
  fails("export " + r + " --format npy", 2, "give a directory with -o DIR");
  fails("export", 2, "export: expected one result file, got 0");
  fails("predict --frobnicate", 2, "see --help");
}
