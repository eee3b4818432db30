// Resuming from a checkpoint (training/checkpoint.hpp, Trainer::fit) must end
// exactly where the uninterrupted run ends: the same parameters, optimizer
// state, history and final metrics, bit for bit, after a checkpoint at any
// epoch and through every archive encoding. The experiments exercise every
// piece of state a checkpoint carries: shuffling, dropout's streams, Adam's
// moments and step count, ReduceLROnPlateau's memory, early stopping with
// restore_best_weights, batch_norm's running statistics, SGD's momentum.
#define BOOST_TEST_MODULE trainer_resume
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>
#include <neurite/results/checkpoint_archive.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/testing/plugins.hpp>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

using namespace neurite;

namespace {
const std::string kAdamDropoutPlateau =
    "name: resume-adam\nseed: 11\n"
    "data: {source: moons, samples: 240, noise: 0.3, split: {train: 0.6, validation: 0.2, test: 0.2}}\n"
    "model: [{dense: {units: 12}}, {activation: tanh}, {dropout: {p: 0.3}}, {dense: {units: 2}}]\n"
    "loss: softmax_cross_entropy\noptimizer: {name: adam, learning_rate: 0.05}\n"
    "training: {epochs: 24, batch_size: 16,\n"
    "  early_stopping: {patience: 100, restore_best_weights: true},\n"
    "  lr_schedule: {name: reduce_on_plateau, patience: 1, factor: 0.5}}\n";

const std::string kMomentumBatchNorm =
    "name: resume-sgd\nseed: 3\n"
    "data: {source: circles, samples: 200, noise: 0.1, split: {train: 0.75, validation: 0.25}}\n"
    "model: [{dense: {units: 8}}, {batch_norm: {}}, {activation: relu}, {dense: {units: 1}}]\n"
    "loss: binary_cross_entropy_with_logits\n"
    "optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9, nesterov: true}\n"
    "training: {epochs: 15, batch_size: 20, lr_schedule: {name: step, step_size: 4, gamma: 0.5, warmup_epochs: 2}}\n";

ExperimentSpec spec_of(const std::string& yaml) { return parse_experiments(yaml, "resume.yaml").at(0); }

struct Collected {
  RunResult full;
  std::vector<TrainingCheckpoint> checkpoints;
};

/// Runs `spec` to the end with a checkpoint every `every` epochs, kept in memory.
Collected run_collecting(ExperimentSpec spec, int every) {
  Collected collected;
  spec.training.checkpoint_every = every;  // not part of yaml_text: the plain spec resumes them
  RunOptions options{1, {}};
  options.save_checkpoint = [&](const TrainingCheckpoint& c) { collected.checkpoints.push_back(c); };
  collected.full = run_experiment(spec, testing::builtin_registry(), options);
  BOOST_REQUIRE(!collected.checkpoints.empty());
  return collected;
}

RunResult resume_from(const ExperimentSpec& spec, const TrainingCheckpoint& checkpoint) {
  RunOptions options{1, {}};
  options.resume = &checkpoint;
  options.resume_source = "test.checkpoint";
  return run_experiment(spec, testing::builtin_registry(), options);
}

void check_same_parameters(const std::vector<StoredParameter>& a, const std::vector<StoredParameter>& b) {
  BOOST_REQUIRE_EQUAL(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].layer + "." + a[i].name == b[i].layer + "." + b[i].name);
    BOOST_TEST((a[i].values == b[i].values), a[i].layer << "." << a[i].name << " differs");
  }
}

// Everything but the measured times.
void check_same_run(const RunResult& resumed, const RunResult& full) {
  check_same_parameters(resumed.parameters, full.parameters);
  check_same_parameters(resumed.optimizer_state, full.optimizer_state);
  BOOST_REQUIRE_EQUAL(resumed.history.size(), full.history.size());
  for (std::size_t e = 0; e < full.history.size(); ++e) {
    BOOST_TEST(resumed.history[e].epoch == full.history[e].epoch);
    BOOST_TEST(resumed.history[e].train_loss == full.history[e].train_loss);
    BOOST_TEST(resumed.history[e].validation_loss == full.history[e].validation_loss);
    BOOST_TEST(resumed.history[e].learning_rate == full.history[e].learning_rate);
  }
  BOOST_TEST(resumed.train.loss == full.train.loss);
  BOOST_TEST(resumed.validation.loss == full.validation.loss);
  BOOST_TEST(resumed.test.accuracy == full.test.accuracy);
  BOOST_TEST((resumed.train.confusion == full.train.confusion));
  BOOST_TEST(resumed.stop_reason == full.stop_reason);
  BOOST_TEST(resumed.restored_epoch == full.restored_epoch);
  BOOST_TEST(resumed.epochs_run == full.epochs_run);
}

RunResult check_resume_at_every_epoch(const std::string& yaml) {
  const ExperimentSpec spec = spec_of(yaml);
  const auto [full, checkpoints] = run_collecting(spec, 1);
  BOOST_REQUIRE(full.status == RunStatus::ok);
  // After every epoch but the last (the last one ends the run instead).
  BOOST_REQUIRE_EQUAL(checkpoints.size(), static_cast<std::size_t>(full.epochs_run - 1));
  for (const TrainingCheckpoint& c : checkpoints) {
    BOOST_TEST_CONTEXT("resumed after epoch " << c.epochs_done) { check_same_run(resume_from(spec, c), full); }
  }
  return full;
}
}  // namespace

BOOST_AUTO_TEST_CASE(adam_dropout_plateau_and_best_weights_resume_exactly_after_any_epoch) {
  const RunResult full = check_resume_at_every_epoch(kAdamDropoutPlateau);
  // The state under test was in use: the plateau lowered the rate, and the
  // best epoch was not the last.
  BOOST_TEST(full.history.back().learning_rate < 0.05);
  BOOST_TEST(full.restored_epoch > 0);
  BOOST_TEST(full.restored_epoch < full.epochs_run);
}

BOOST_AUTO_TEST_CASE(momentum_batch_norm_and_warm_up_resume_exactly_after_any_epoch) {
  check_resume_at_every_epoch(kMomentumBatchNorm);
}

BOOST_AUTO_TEST_CASE(a_checkpoint_holds_the_state_it_claims) {
  const ExperimentSpec spec = spec_of(kAdamDropoutPlateau);
  const auto [full, checkpoints] = run_collecting(spec, 5);
  BOOST_REQUIRE_EQUAL(checkpoints.size(), 4u);  // after epochs 5, 10, 15, 20 of 24
  const TrainingCheckpoint& c = checkpoints[1];
  BOOST_TEST(c.epochs_done == 10);
  BOOST_TEST(c.run_name == "resume-adam");
  BOOST_TEST(c.seed == 11u);
  BOOST_TEST(c.yaml_text == spec.yaml_text);
  BOOST_TEST(c.history.size() == 10u);
  BOOST_TEST(c.step_count == 10u * 9u);  // 144 training rows in mini-batches of 16
  BOOST_TEST(c.parameters.size() == full.parameters.size());
  BOOST_TEST(!c.optimizer_state.empty());
  BOOST_TEST(c.best_epoch >= 1);
  BOOST_TEST(c.best_parameters.size() == c.parameters.size());
  BOOST_TEST(c.wall_seconds > 0.0);
}

BOOST_AUTO_TEST_CASE(an_interrupted_run_checkpoints_and_resumes_exactly) {
  const ExperimentSpec spec = spec_of(kAdamDropoutPlateau);
  const RunResult full = run_experiment(spec, testing::builtin_registry(), RunOptions{1, {}});
  std::atomic<bool> stop{false};
  std::vector<TrainingCheckpoint> saved;
  RunOptions options{1, [&](const EpochMetrics& m, int) {
                       if (m.epoch == 9) stop = true;  // as a SIGINT during epoch 9 would
                     }};
  options.save_checkpoint = [&](const TrainingCheckpoint& c) { saved.push_back(c); };
  options.stop = &stop;
  try {
    run_experiment(spec, testing::builtin_registry(), options);
    BOOST_FAIL("an interrupted run must throw");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::interrupted));
    BOOST_TEST(std::string(e.what()) == "resume-adam: interrupted after epoch 9 of 24");
  }
  BOOST_REQUIRE_EQUAL(saved.size(), 1u);  // checkpoint_seconds (60) has not passed: only the stop's
  BOOST_TEST(saved[0].epochs_done == 9);
  check_same_run(resume_from(spec, saved[0]), full);
}

BOOST_AUTO_TEST_CASE(checkpoints_survive_every_archive_encoding_exactly) {
  const ExperimentSpec spec = spec_of(kMomentumBatchNorm);
  const auto [full, checkpoints] = run_collecting(spec, 6);
  const auto dir = std::filesystem::temp_directory_path() / "neurite-resume-test";
  std::filesystem::create_directories(dir);
  for (ArchiveEncoding encoding : {ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml}) {
    BOOST_TEST_CONTEXT(to_string(encoding)) {
      const std::string path = (dir / (std::string("c.") + to_string(encoding))).string();
      write_checkpoint(checkpoints[0], path, encoding);
      const TrainingCheckpoint loaded = read_checkpoint(path);
      BOOST_TEST(loaded.epochs_done == checkpoints[0].epochs_done);
      BOOST_TEST(loaded.shuffle_rng.words[2] == checkpoints[0].shuffle_rng.words[2]);
      check_same_run(resume_from(spec, loaded), full);
    }
  }
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_checkpoint_of_another_experiment_is_refused_with_the_line_that_differs) {
  const ExperimentSpec spec = spec_of(kAdamDropoutPlateau);
  const std::vector<TrainingCheckpoint> checkpoints = run_collecting(spec, 10).checkpoints;
  std::string changed_yaml = kAdamDropoutPlateau;
  changed_yaml.replace(changed_yaml.find("learning_rate: 0.05"), 19, "learning_rate: 0.01");
  try {
    resume_from(spec_of(changed_yaml), checkpoints[0]);
    BOOST_FAIL("resuming another experiment must fail");
  } catch (const Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    const std::string what = e.what();
    BOOST_TEST(what.find("test.checkpoint: cannot resume resume-adam from this checkpoint: the experiment "
                         "changed since (line 6:") == 0u, what);
    BOOST_TEST(what.find("learning_rate: 0.01") != std::string::npos, what);
    BOOST_TEST(what.find("delete the checkpoint to start over") != std::string::npos, what);
  }
  TrainingCheckpoint other_seed = checkpoints[0];
  other_seed.seed = 12;
  BOOST_CHECK_EXCEPTION(resume_from(spec, other_seed), Error, [](const Error& e) {
    return std::string(e.what()).find("its seed is 12, not 11") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(a_checkpoint_that_does_not_fit_the_network_is_a_data_error) {
  const ExperimentSpec spec = spec_of(kAdamDropoutPlateau);
  const std::vector<TrainingCheckpoint> checkpoints = run_collecting(spec, 10).checkpoints;
  TrainingCheckpoint damaged = checkpoints[0];
  damaged.parameters.pop_back();
  BOOST_CHECK_EXCEPTION(resume_from(spec, damaged), Error, [](const Error& e) {
    return e.code() == ExitCode::data && std::string(e.what()).rfind("test.checkpoint: stores 3 parameters", 0) == 0;
  });
  TrainingCheckpoint beyond = checkpoints[0];
  beyond.epochs_done = 99;
  BOOST_CHECK_EXCEPTION(resume_from(spec, beyond), Error, [](const Error& e) {
    return e.code() == ExitCode::data &&
           std::string(e.what()).find("the checkpoint is after epoch 99") != std::string::npos;
  });
}
