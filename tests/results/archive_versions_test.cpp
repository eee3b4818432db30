// RunResult version 4 (resolved_yaml) in the archive: the field round-trips in
// every encoding, and a committed version-3 archive (written by the build
// before the field existed: the XOR MLP of experiments/logreg-vs-mlp) still
// loads, with resolved_yaml empty. Older versions: archive_test.cpp.
#define BOOST_TEST_MODULE archive_versions
#include <boost/test/unit_test.hpp>

#include <neurite/results/archive.hpp>

#include <cmath>
#include <string>

using neurite::ArchiveEncoding;
using neurite::RunResult;

BOOST_AUTO_TEST_CASE(resolved_yaml_round_trips_in_every_encoding) {
  RunResult r;
  r.name = "xor-mlp";
  r.yaml_text = "name: xor-mlp\n";
  r.resolved_yaml = "name: xor-mlp\nseed: 1\noptimizer:\n  name: adam\n  beta1: 0.9\n  note: \"<&>\"\n";
  for (const auto encoding : {ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml}) {
    BOOST_TEST_INFO(neurite::to_string(encoding));
    const RunResult back = neurite::decode_result(neurite::encode_result(r, encoding), "memory");
    BOOST_TEST(back.resolved_yaml == r.resolved_yaml);
    BOOST_TEST(back.yaml_text == r.yaml_text);
  }
}

BOOST_AUTO_TEST_CASE(a_version_3_archive_still_loads) {
  const std::string path = std::string(NEURITE_SOURCE_DIR) + "/tests/results/archives/v3-xor-mlp.neurite";
  const RunResult r = neurite::read_result(path);
  BOOST_TEST(r.name == "xor-mlp");
  BOOST_TEST(r.experiment == "xor-mlp");
  BOOST_TEST(r.seed == 1u);
  BOOST_TEST(r.epochs_run == 300);
  BOOST_TEST(r.history.size() == 300u);
  BOOST_TEST(r.history.front().learning_rate == 0.05);
  BOOST_TEST(r.model_summary == "dense(8) tanh dense(2)");
  BOOST_TEST(r.parameter_count == 42u);
  BOOST_TEST(r.train.samples == 4u);
  BOOST_TEST(r.train.accuracy == 1.0);
  BOOST_TEST(r.train.confusion.size() == 4u);
  BOOST_TEST(std::isnan(r.train.rmse));
  BOOST_TEST(r.stop_reason == "completed");
  BOOST_TEST(r.class_names.size() == 2u);
  BOOST_TEST(r.feature_names.size() == 2u);
  BOOST_TEST(!r.optimizer_state.empty());
  BOOST_TEST(r.yaml_text.find("name: xor-mlp") != std::string::npos);
  BOOST_TEST(r.resolved_yaml.empty());  // not stored before version 4
}
