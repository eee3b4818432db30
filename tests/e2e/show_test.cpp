// `neurite show` and `neurite validate --resolved` through the real binary:
// a trained run's summary, its experiment as written, every setting in effect
// and its history, in text and JSON; results without resolved values, missing
// and corrupt files are data errors (exit 3), bad arguments usage errors (2).
#define BOOST_TEST_MODULE show
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

namespace {
const std::string kXor = std::string(NEURITE_SOURCE_DIR) + "/experiments/logreg-vs-mlp/1-xor.yaml";
const std::string kArchives = std::string(NEURITE_SOURCE_DIR) + "/tests/results/archives/";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// One trained XOR MLP shared by the cases (300 epochs of 4 rows: well under a second).
struct Trained {
  e2e::TempDir dir{"show"};
  std::string result;
  Trained() {
    const auto run = e2e::neurite("run " + kXor + " --filter xor-mlp --quiet --out " + dir.str());
    BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
    result = dir.str() + "/xor-mlp.neurite";
  }
};
const Trained& trained() {
  static const Trained t;
  return t;
}
}  // namespace

BOOST_AUTO_TEST_CASE(show_summarises_the_run) {
  const auto r = e2e::neurite("show " + trained().result);
  BOOST_TEST(r.exit_code == 0, r.err);
  for (const char* line : {"run         xor-mlp  (", "experiment  xor-mlp  (", "seed        1\n",
                           "status      ok (completed)\n", "model       dense(8) tanh dense(2)  (42 parameters)\n",
                           "loss        softmax_cross_entropy\n", "optimizer   adam\n", "epochs      300\n",
                           "data        2 classes: 0, 1; 2 features: x1, x2\n", "neurite     ",
                           "neurite_optimizers ", " CPU, ", "train             4  ", "100.0%"})
    BOOST_TEST(contains(r.out, line), line);
  BOOST_TEST(contains(r.out, "validation        0       -         -"), r.out);
}

BOOST_AUTO_TEST_CASE(show_resolved_lists_every_setting_with_defaults) {
  const auto r = e2e::neurite("show --resolved " + trained().result);
  BOOST_TEST(r.exit_code == 0, r.err);
  for (const char* setting : {"name: xor-mlp\n", "seed: 1\n", "  source: xor\n", "  samples: 4\n", "    train: 1\n",
                              "  scale: none\n", "  stratify: false\n", "init: xavier_uniform", "use_bias: true",
                              "  learning_rate: 0.05\n", "  beta1: 0.9\n", "  beta2: 0.999\n", "  reduction: mean\n",
                              "  epochs: 300\n", "  batch_size: 4\n", "  shuffle: true\n", "    name: constant\n"})
    BOOST_TEST(contains(r.out, setting), setting);
  BOOST_TEST(!contains(r.out, "path:"));     // a generator: file keys do not apply
  BOOST_TEST(!contains(r.out, "classes:"));  // xor has no classes key
  // The experiment as written is something else: only what the file says.
  const auto yaml = e2e::neurite("show --yaml " + trained().result);
  BOOST_TEST(yaml.exit_code == 0, yaml.err);
  BOOST_TEST(contains(yaml.out, "optimizer: {name: adam, learning_rate: 0.05}"), yaml.out);
  BOOST_TEST(!contains(yaml.out, "beta1"));
}

BOOST_AUTO_TEST_CASE(show_history_prints_one_row_per_epoch) {
  const auto r = e2e::neurite("show --history " + trained().result);
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.rfind("epoch  train loss  train acc  val loss  val acc", 0) == 0u, r.out.substr(0, 200));
  BOOST_TEST(count(r.out, "\n") == 302u);  // header, rule, 300 epochs
  BOOST_TEST(contains(r.out, "\n  300  "));
}

BOOST_AUTO_TEST_CASE(show_json_is_one_object_with_the_parts_asked_for) {
  const auto plain = e2e::neurite("show --format json " + trained().result);
  BOOST_TEST(plain.exit_code == 0, plain.err);
  for (const char* field : {"\"run\": \"xor-mlp\"", "\"status\": \"ok\"", "\"stop_reason\": \"completed\"",
                            "\"parameter_count\": 42", "\"epochs_run\": 300", "\"class_names\": [\"0\", \"1\"]",
                            "{\"split\": \"train\", \"samples\": 4, ", "\"library\": \"neurite_optimizers\""})
    BOOST_TEST(contains(plain.out, field), field);
  BOOST_TEST(!contains(plain.out, "\"history\""));
  BOOST_TEST(!contains(plain.out, "\"resolved_yaml\""));
  const auto all = e2e::neurite("show --format json --resolved --yaml --history " + trained().result);
  BOOST_TEST(all.exit_code == 0, all.err);
  BOOST_TEST(contains(all.out, "\"resolved_yaml\": \"name: xor-mlp\\nseed: 1\\n"), all.out.substr(0, 300));
  BOOST_TEST(contains(all.out, "\"yaml_text\": "));
  BOOST_TEST(count(all.out, "{\"epoch\": ") == 300u);
  // Python's json module accepts it.
  e2e::TempDir dir("show_json");
  std::ofstream(dir.str() + "/show.json") << all.out;
  const int rc = std::system(("/usr/bin/python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); "
                              "assert d['history'][299]['epoch'] == 300 and 'beta1: 0.9' in d['resolved_yaml']\" " +
                              dir.str() + "/show.json")
                                 .c_str());
  BOOST_TEST(rc == 0);
}

BOOST_AUTO_TEST_CASE(show_errors_name_the_file) {
  const auto old = e2e::neurite("show --resolved " + kArchives + "v3-xor-mlp.neurite");
  BOOST_TEST(old.exit_code == 3);
  BOOST_TEST(contains(old.err, "v3-xor-mlp.neurite: the result stores no resolved values (written before archive "
                               "version 4); --yaml shows the experiment as written"), old.err);
  const auto summary_of_old = e2e::neurite("show " + kArchives + "v2-moons-mlp.neurite");
  BOOST_TEST(summary_of_old.exit_code == 0, summary_of_old.err);
  BOOST_TEST(contains(summary_of_old.out, "data        not stored (archive before version 3)"), summary_of_old.out);

  const auto missing = e2e::neurite("show /nonexistent/x.neurite");
  BOOST_TEST(missing.exit_code == 3);
  BOOST_TEST(contains(missing.err, "/nonexistent/x.neurite: no such file"), missing.err);
  const auto corrupt = e2e::neurite("show " + kArchives + "bad-checksum.neurite");
  BOOST_TEST(corrupt.exit_code == 3);
  BOOST_TEST(contains(corrupt.err, "bad-checksum.neurite: corrupt: checksum mismatch"), corrupt.err);

  const auto none = e2e::neurite("show");
  BOOST_TEST(none.exit_code == 2);
  BOOST_TEST(contains(none.err, "show: expected one result file, got 0"), none.err);
  const auto two = e2e::neurite("show " + trained().result + " " + trained().result);
  BOOST_TEST(two.exit_code == 2);
  const auto format = e2e::neurite("show --format csv " + trained().result);
  BOOST_TEST(format.exit_code == 2);
  BOOST_TEST(contains(format.err, "show: unknown format 'csv' (known: json, text)"), format.err);
}

BOOST_AUTO_TEST_CASE(validate_resolved_prints_one_document_per_run_without_training) {
  e2e::TempDir dir("validate_resolved");
  const auto r = e2e::neurite("validate --resolved " + kXor + " --set training.epochs=9");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.rfind("# xor-logreg (" + kXor + ":3:3)\nname: xor-logreg\n", 0) == 0u, r.out.substr(0, 200));
  BOOST_TEST(contains(r.out, "\n---\n# xor-mlp (" + kXor + ":13:3)\nname: xor-mlp\n"), r.out);
  BOOST_TEST(count(r.out, "  epochs: 9\n") == 2u);  // --set reaches every run
  BOOST_TEST(count(r.out, "  beta1: 0.9\n") == 2u);
  BOOST_TEST(!contains(r.out, "valid run(s)"));    // stdout is YAML only
  // The same settings the trained run stored, apart from the override.
  const auto stored = e2e::neurite("show --resolved " + trained().result);
  const auto mlp = r.out.substr(r.out.find("name: xor-mlp\n"));
  std::string expected = stored.out;
  expected.replace(expected.find("  epochs: 300\n"), 14, "  epochs: 9\n");
  BOOST_TEST(mlp == expected);

  // A run that fails validation is reported and left out.
  std::ofstream(dir.str() + "/bad.yaml") << "name: bad\ndata: {source: xor}\nmodel: [{dense: {units: 2, unitz: 1}}]\n"
                                            "loss: mse\noptimizer: sgd\n";
  const auto bad = e2e::neurite("validate --resolved " + dir.str() + "/bad.yaml");
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(bad.out.empty(), bad.out);
  BOOST_TEST(contains(bad.err, "has no parameter 'unitz'"), bad.err);
}
