// Mirrors framework/src/training/trainer.cpp: determinism across thread
// counts, shard-independent mean reduction, no allocation in a step,
// divergence and early stopping.
#define BOOST_TEST_MODULE trainer
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/testing/plugins.hpp>
#include <neurite/training/trainer.hpp>

#include <tbb/global_control.h>

#include <atomic>
#include <cstdlib>
#include <new>

// Replacing the global allocation functions with malloc/free is valid C++;
// GCC 12 still warns that free() meets operator new's pointers.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

// Counts global operator new calls while `counting` is set (this test binary only).
namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace
void* operator new(std::size_t n) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace nt = neurite::testing;
using namespace neurite;

namespace {
const std::string kTraining = "epochs: 5, batch_size: 64, shard_rows: 16";  // 4 shards per mini-batch

ExperimentSpec moons_spec(const std::string& training = kTraining,
                          const std::string& optimizer = "{name: adam, learning_rate: 0.01}") {
  const std::string yaml =
      "name: moons-test\n"
      "seed: 11\n"
      "data: {source: moons, samples: 400, noise: 0.2, split: {train: 0.8, validation: 0.2, test: 0.0}}\n"
      "model:\n"
      "  - dense: {units: 16}\n"
      "  - activation: tanh\n"
      "  - dense: {units: 2}\n"
      "loss: softmax_cross_entropy\n"
      "optimizer: " + optimizer + "\n"
      "training: {" + training + "}\n";
  return parse_experiments(yaml, "moons-test.yaml").at(0);
}

RunResult run_with_threads(const ExperimentSpec& spec, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  return run_experiment(spec, nt::builtin_registry(), RunOptions{threads, {}});
}

bool bitwise_equal(const RunResult& a, const RunResult& b) {
  if (a.parameters.size() != b.parameters.size() || a.history.size() != b.history.size()) return false;
  for (std::size_t i = 0; i < a.parameters.size(); ++i)
    if (a.parameters[i].values != b.parameters[i].values) return false;
  for (std::size_t i = 0; i < a.history.size(); ++i)
    if (a.history[i].train_loss != b.history[i].train_loss ||
        a.history[i].validation_loss != b.history[i].validation_loss)
      return false;
  return a.test.loss == b.test.loss || (a.test.samples == 0 && b.test.samples == 0);
}
}  // namespace

BOOST_AUTO_TEST_CASE(results_are_bitwise_identical_for_one_and_two_threads) {
  const auto spec = moons_spec();  // 4 shards of 16 rows per mini-batch of 64
  const RunResult one = run_with_threads(spec, 1);
  const RunResult two = run_with_threads(spec, 2);
  BOOST_TEST((one.status == RunStatus::ok));
  BOOST_TEST(one.parameters.size() == 4u);
  BOOST_TEST(bitwise_equal(one, two));
}

BOOST_AUTO_TEST_CASE(the_seed_decides_the_result) {
  const auto spec = moons_spec();
  BOOST_TEST(bitwise_equal(run_with_threads(spec, 2), run_with_threads(spec, 2)));
  auto other = spec;
  other.seed = 12;
  BOOST_TEST(!bitwise_equal(run_with_threads(spec, 2), run_with_threads(other, 2)));
}

BOOST_AUTO_TEST_CASE(shard_size_changes_only_rounding_not_the_mean_reduction) {
  auto small = moons_spec("epochs: 5, batch_size: 64, shard_rows: 4", "{name: sgd, learning_rate: 0.1}");
  auto whole = moons_spec("epochs: 5, batch_size: 64, shard_rows: 64", "{name: sgd, learning_rate: 0.1}");
  const RunResult a = run_with_threads(small, 2), b = run_with_threads(whole, 2);
  for (std::size_t p = 0; p < a.parameters.size(); ++p)
    for (std::size_t i = 0; i < a.parameters[p].values.size(); ++i)
      BOOST_TEST(a.parameters[p].values[i] == b.parameters[p].values[i], boost::test_tools::tolerance(1e-3f));
  BOOST_TEST(a.history.back().train_loss == b.history.back().train_loss, boost::test_tools::tolerance(1e-4));
}

BOOST_AUTO_TEST_CASE(a_training_step_does_not_allocate) {
  for (int threads : {1, 2}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    const auto spec = moons_spec();
    const PreparedData data = prepare_data(spec.data, spec.seed);
    AssembledModel model = assemble_model(spec, nt::builtin_registry(), data.train.features.cols(),
                                          data.train.num_classes, Rng(1));
    Trainer trainer(model.network, *model.loss, *model.optimizer, spec.training, Rng(2));
    trainer.train_epoch(data.train, 1);  // first epoch may size the shuffle order
    trainer.evaluate(data.validation);
    allocations = 0;
    counting = true;
    const EpochMetrics m = trainer.train_epoch(data.train, 2);
    const SplitMetrics v = trainer.evaluate(data.validation);
    counting = false;
    BOOST_TEST_INFO("threads " << threads);
    BOOST_TEST(allocations.load() == 0);
    BOOST_TEST(std::isfinite(m.train_loss));
    BOOST_TEST(v.samples == 80u);
  }
}

BOOST_AUTO_TEST_CASE(a_label_outside_the_networks_classes_is_refused_before_training) {
  const auto spec = moons_spec();
  PreparedData data = prepare_data(spec.data, spec.seed);
  AssembledModel model = assemble_model(spec, nt::builtin_registry(), data.train.features.cols(),
                                        data.train.num_classes, Rng(1));
  Trainer trainer(model.network, *model.loss, *model.optimizer, spec.training, Rng(2));
  data.train.labels[7] = 2;  // the network has 2 outputs: classes 0 and 1
  try {
    trainer.train_epoch(data.train, 1);
    BOOST_FAIL("expected an error");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("label 2 of sample 7") != std::string::npos);
  }
  data.train.labels[7] = -1;
  BOOST_CHECK_THROW(trainer.evaluate(data.train), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_diverging_run_is_reported_not_crashed) {
  // Stable softmax cross-entropy stays finite even for absurd weights; mse overflows.
  auto spec = moons_spec(kTraining, "{name: sgd, learning_rate: 1.0e+30}");
  spec.loss.name = "mse";
  const RunResult r = run_with_threads(spec, 2);
  BOOST_TEST((r.status == RunStatus::diverged));
  BOOST_TEST_INFO("error: " << r.error << ", final train loss " << r.train.loss);
  BOOST_TEST(r.error.find("epoch 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(early_stopping_ends_training_when_validation_stops_improving) {
  auto spec = moons_spec("epochs: 200, batch_size: 64, early_stopping: {monitor: validation_loss, patience: 3, min_delta: 0.5}");
  const RunResult r = run_with_threads(spec, 1);
  // With min_delta 0.5 no epoch after the first counts as an improvement.
  BOOST_TEST(r.epochs_run == 4);
  BOOST_TEST((r.status == RunStatus::ok));
}

BOOST_AUTO_TEST_CASE(an_output_width_that_does_not_fit_the_classes_is_a_usage_error) {
  auto spec = moons_spec();
  spec.model.back().component.params.at(0).text = "3";
  try {
    run_with_threads(spec, 1);
    BOOST_FAIL("expected an error");
  } catch (const Error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(ExitCode::usage));
    BOOST_TEST(std::string(e.what()).find("moons-test.yaml:7:") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("2 classes") != std::string::npos);
  }
}

namespace {
// The automatic shard size for a model (YAML list) on `inputs` features and `classes` classes.
Index auto_rows(const std::string& model, Index inputs, int classes, Index batch) {
  const std::string yaml = "name: shards\ndata: {source: moons}\nmodel: " + model +
                           "\nloss: softmax_cross_entropy\noptimizer: {name: sgd, learning_rate: 0.1}\n";
  const ExperimentSpec spec = parse_experiments(yaml, "shards.yaml").at(0);
  AssembledModel m = assemble_model(spec, nt::builtin_registry(), inputs, classes, Rng(1));
  return auto_shard_rows(m.network, batch);
}
}  // namespace

BOOST_AUTO_TEST_CASE(auto_shards_split_only_batches_with_enough_work) {
  // Workload A (2-16-2, batch 32) and LR (784-10, batch 128): far too little
  // work per row to pay for a second task: one shard.
  BOOST_TEST(auto_rows("[{dense: {units: 16}}, {activation: tanh}, {dense: {units: 2}}]", 2, 2, 32) == 32);
  BOOST_TEST(auto_rows("[{dense: {units: 10}}]", 784, 10, 128) == 128);
  // Workload C (784-256-128-10, 90 MFLOP per 64 rows): two shards of 64.
  const std::string c = "[{dense: {units: 256}}, {activation: relu}, {dense: {units: 128}}, {activation: relu}, "
                        "{dense: {units: 10}}]";
  BOOST_TEST(auto_rows(c, 784, 10, 128) == 64);
  BOOST_TEST(auto_rows(c, 784, 10, 64) == 64);  // one shard: never below 64 rows
  // 64-512-512-2 (1.6 MFLOP per row): 64 rows are one shard, 256 rows four of 64.
  const std::string wide = "[{dense: {units: 512}}, {activation: relu}, {dense: {units: 512}}, {activation: relu}, "
                           "{dense: {units: 2}}]";
  BOOST_TEST(auto_rows(wide, 64, 2, 64) == 64);
  BOOST_TEST(auto_rows(wide, 64, 2, 256) == 64);
  BOOST_TEST(auto_rows(wide, 64, 2, 1000) == 64);  // 25 shards: 40 rows each, raised to 64
  // Workload D (25 MiB of parameters): one shard with tiled products.
  BOOST_TEST(auto_rows("[{dense: {units: 2048}}, {activation: relu}, {dense: {units: 2048}}, {dense: {units: 10}}]",
                       1024, 10, 256) == 256);

  const auto tiny = moons_spec("epochs: 1, batch_size: 64");
  BOOST_TEST(tiny.training.shard_rows == 0);
  const RunResult r = run_with_threads(tiny, 2);
  BOOST_TEST((r.status == RunStatus::ok));
  // Determinism also holds for the automatic rule: it never reads the thread
  // count. At batch 256 the wide network trains in four shards.
  auto wide_spec = parse_experiments("name: wide\nseed: 3\ndata: {source: moons, samples: 600}\nmodel: " + wide +
                                          "\nloss: softmax_cross_entropy\noptimizer: {name: sgd, learning_rate: 0.1}\n"
                                          "training: {epochs: 2, batch_size: 256}\n",
                                      "wide.yaml")
                       .at(0);
  const RunResult a = run_with_threads(wide_spec, 1), b = run_with_threads(wide_spec, 2);
  BOOST_TEST(bitwise_equal(a, b));
}

BOOST_AUTO_TEST_CASE(batch_norm_trains_in_one_shard_and_refuses_a_split_batch) {
  auto with_batch_norm = [](const std::string& training) {
    auto spec = moons_spec(training);
    ModelEntry bn;
    bn.component.name = "batch_norm";
    spec.model.insert(spec.model.begin() + 1, bn);  // dense, batch_norm, tanh, dense
    return spec;
  };
  // Auto: one shard per mini-batch, so batch statistics are the whole batch's,
  // and the running statistics are updated once per step, the same for any thread count.
  const auto spec = with_batch_norm("epochs: 3, batch_size: 64");
  const RunResult one = run_with_threads(spec, 1), two = run_with_threads(spec, 2);
  BOOST_TEST((one.status == RunStatus::ok));
  BOOST_TEST(bitwise_equal(one, two));
  bool has_running_var = false;
  for (const auto& p : one.parameters) has_running_var = has_running_var || (p.name == "running_var" && !p.trainable);
  BOOST_TEST(has_running_var);
  // An explicit shard size that would split the batch is a configuration
  // error at training.shard_rows (line 10 of the YAML), before any training.
  try {
    run_with_threads(with_batch_norm("epochs: 1, batch_size: 64, shard_rows: 16"), 1);
    BOOST_ERROR("a split batch_norm batch was accepted");
  } catch (const Error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(ExitCode::usage));
    const std::string what = e.what();
    BOOST_TEST(what.find("moons-test.yaml:10:") == 0u, what);
    BOOST_TEST(what.find("layer 1 (batch_norm) computes statistics over the whole mini-batch") != std::string::npos,
               what);
    BOOST_TEST(what.find("shard_rows 16 would split a batch of 64") != std::string::npos, what);
  }
  // A shard as large as the batch (or larger: capped at it) does not split it.
  BOOST_TEST((run_with_threads(with_batch_norm("epochs: 1, batch_size: 64, shard_rows: 100"), 1).status ==
              RunStatus::ok));
}

BOOST_AUTO_TEST_CASE(the_shard_plan_counts_shards_and_caps_explicit_rows_at_the_batch) {
  AssembledModel m = assemble_model(moons_spec(), nt::builtin_registry(), 2, 2, Rng(1));
  auto plan = [&](const std::string& training) { return plan_shards(m.network, moons_spec(training).training); };
  const ShardPlan even = plan("batch_size: 64, shard_rows: 16");
  BOOST_TEST(even.batch == 64);
  BOOST_TEST(even.rows == 16);
  BOOST_TEST(even.shards == 4);
  const ShardPlan uneven = plan("batch_size: 100, shard_rows: 32");  // 32 + 32 + 32 + 4
  BOOST_TEST(uneven.rows == 32);
  BOOST_TEST(uneven.shards == 4);
  const ShardPlan capped = plan("batch_size: 20, shard_rows: 64");
  BOOST_TEST(capped.rows == 20);
  BOOST_TEST(capped.shards == 1);
  const ShardPlan automatic = plan("batch_size: 32");  // too little work to split
  BOOST_TEST(automatic.rows == 32);
  BOOST_TEST(automatic.shards == 1);
}

BOOST_AUTO_TEST_CASE(the_learning_rate_schedule_reaches_the_optimizer_and_the_history) {
  const auto spec = moons_spec("epochs: 4, batch_size: 64, lr_schedule: {name: step, step_size: 2, gamma: 0.5}",
                               "{name: sgd, learning_rate: 0.2}");
  const RunResult r = run_with_threads(spec, 1);
  BOOST_TEST_REQUIRE(r.history.size() == 4u);
  const double want[] = {0.2, 0.2, 0.1, 0.1};
  for (int e = 0; e < 4; ++e) BOOST_TEST(r.history[e].learning_rate == want[e], boost::test_tools::tolerance(1e-12));
  // The optimizer's state is stored with the result (momentum buffers would be here; plain SGD has flags).
  BOOST_TEST(!r.optimizer_state.empty());
}

// Regression (sine: continuous targets, RMSE and R^2 per epoch) keeps the
// step and the evaluation pass allocation-free too.
BOOST_AUTO_TEST_CASE(a_regression_step_does_not_allocate) {
  for (int threads : {1, 2}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    auto spec = moons_spec();  // 4 shards of 16 rows per mini-batch of 64
    spec.data.source = "sine";
    spec.data.features = 1;
    spec.model.back().component.params = {{"units", "1", {}}};
    spec.loss = nt::component_spec("mse");
    const PreparedData data = prepare_data(spec.data, spec.seed);
    BOOST_TEST_REQUIRE(data.train.is_regression());
    AssembledModel model = assemble_model(spec, nt::builtin_registry(), data.train, Rng(1));
    Trainer trainer(model.network, *model.loss, *model.optimizer, spec.training, Rng(2));
    trainer.train_epoch(data.train, 1);
    trainer.evaluate(data.validation);
    allocations = 0;
    counting = true;
    const EpochMetrics m = trainer.train_epoch(data.train, 2);
    const SplitMetrics v = trainer.evaluate(data.validation);
    counting = false;
    BOOST_TEST_INFO("threads " << threads);
    BOOST_TEST(allocations.load() == 0);
    BOOST_TEST(std::isfinite(m.train_rmse));
    BOOST_TEST(std::isnan(m.train_accuracy));
    BOOST_TEST(std::isfinite(v.r2));
    BOOST_TEST(v.samples == 80u);
  }
}
