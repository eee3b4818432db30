// Mirrors the confusion matrices of framework/src/training/trainer.cpp: the
// final evaluation of each split counts (true class, predicted class) with
// the same decision as accuracy; per-epoch evaluations do not count.
#define BOOST_TEST_MODULE trainer_confusion
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/testing/plugins.hpp>

#include <tbb/global_control.h>

#include <numeric>

namespace nt = neurite::testing;
using namespace neurite;

namespace {
RunResult train(const std::string& model, const std::string& loss, const std::string& split, int threads) {
  const std::string yaml =
      "name: moons-confusion\n"
      "seed: 5\n"
      "data: {source: moons, samples: 300, noise: 0.3, split: {" + split + "}}\n"
      "model: " + model + "\n"
      "loss: " + loss + "\n"
      "optimizer: {name: adam, learning_rate: 0.01}\n"
      "training: {epochs: 3, batch_size: 64, shard_rows: 16}\n";
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  return run_experiment(parse_experiments(yaml, "moons-confusion.yaml").at(0), nt::builtin_registry(),
                        RunOptions{threads, {}});
}

// Counts add up to the split, and the diagonal is exactly the accuracy's count.
void check(const SplitMetrics& s, std::size_t classes) {
  BOOST_REQUIRE(s.confusion.size() == classes * classes);
  const auto total = std::accumulate(s.confusion.begin(), s.confusion.end(), std::int64_t{0});
  BOOST_TEST(static_cast<std::size_t>(total) == s.samples);
  std::int64_t diagonal = 0;
  for (std::size_t c = 0; c < classes; ++c) diagonal += s.confusion[c * classes + c];
  BOOST_TEST(static_cast<double>(diagonal) / static_cast<double>(s.samples) == s.accuracy);
}

const char* kSplit = "train: 0.6, validation: 0.2, test: 0.2";
}  // namespace

BOOST_AUTO_TEST_CASE(argmax_outputs_fill_every_split) {
  for (int threads : {1, 2}) {
    const RunResult r = train("[{dense: {units: 8}}, {activation: tanh}, {dense: {units: 2}}]",
                              "softmax_cross_entropy", kSplit, threads);
    BOOST_REQUIRE(r.status == RunStatus::ok);
    check(r.train, 2);
    check(r.validation, 2);
    check(r.test, 2);
    // Rows are the true classes: moons are balanced, 300 = 150 + 150 over all splits.
    std::int64_t class0 = 0;
    for (const SplitMetrics* s : {&r.train, &r.validation, &r.test}) class0 += s->confusion[0] + s->confusion[1];
    BOOST_TEST(class0 == 150);
    // Per-epoch validation passes count nothing (their confusion is not kept).
    BOOST_TEST(r.history.size() == 3u);
  }
}

BOOST_AUTO_TEST_CASE(one_column_outputs_use_the_accuracy_threshold) {
  for (const char* head : {"[{dense: {units: 1}}, {activation: sigmoid}]", "[{dense: {units: 1}}]"}) {
    const std::string loss = std::string(head).find("sigmoid") != std::string::npos
                                 ? "binary_cross_entropy" : "binary_cross_entropy_with_logits";
    const RunResult r = train(head, loss, kSplit, 2);
    BOOST_REQUIRE(r.status == RunStatus::ok);
    check(r.train, 2);
    check(r.test, 2);
  }
}

BOOST_AUTO_TEST_CASE(an_empty_split_has_no_matrix) {
  const RunResult r = train("[{dense: {units: 2}}]", "softmax_cross_entropy", "train: 0.8, validation: 0.2, test: 0.0", 1);
  BOOST_REQUIRE(r.status == RunStatus::ok);
  BOOST_TEST(r.test.samples == 0u);
  BOOST_TEST(r.test.confusion.empty());
  check(r.validation, 2);
}
