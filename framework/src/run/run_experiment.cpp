#include <neurite/data/dataset.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/network/stored_parameters.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/run/resolved_values.hpp>
#include <neurite/training/monitors.hpp>

#include <sys/resource.h>

#include <sstream>

namespace neurite {
namespace {
// Random stream ids derived from the experiment seed (data/ uses its own).
constexpr std::uint64_t kInitStream = 0x494e4954ull;      // "INIT"
constexpr std::uint64_t kTrainingStream = 0x5452414eull;  // "TRAN"

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// "line 7: 'epochs: 200' here, 'epochs: 100' in the checkpoint".
std::string first_difference(const std::string& ours, const std::string& theirs) {
  std::istringstream a(ours), b(theirs);
  std::string x, y;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, x)), more_b = static_cast<bool>(std::getline(b, y));
    if (!more_a && !more_b) return "the same text";
    if (!more_a) x = "(end)";
    if (!more_b) y = "(end)";
    if (x != y || !more_a || !more_b)
      return "line " + std::to_string(line) + ": '" + x + "' now, '" + y + "' in the checkpoint";
  }
}

// Resuming another run's checkpoint would silently mix two experiments.
void check_same_run(const ExperimentSpec& spec, const TrainingCheckpoint& c, const std::string& source) {
  std::string why;
  if (c.run_name != spec.name) why = "it is of run '" + c.run_name + "'";
  else if (c.seed != spec.seed) why = "its seed is " + std::to_string(c.seed) + ", not " + std::to_string(spec.seed);
  else if (c.yaml_text != spec.yaml_text) why = "the experiment changed since (" + first_difference(spec.yaml_text, c.yaml_text) + ")";
  if (!why.empty())
    throw Error(ExitCode::usage, source + ": cannot resume " + spec.name + " from this checkpoint: " + why +
                                     "; delete the checkpoint to start over");
}
}  // namespace

RunResult run_experiment(const ExperimentSpec& spec, const PluginRegistry& registry,
                         const RunOptions& options) {
  RunResult result;
  result.name = spec.name;
  result.source_file = spec.source_file;
  result.yaml_text = spec.yaml_text;
  result.seed = spec.seed;
  result.experiment = spec.base_name.empty() ? spec.name : spec.base_name;
  for (const auto& s : spec.sweep) result.settings.push_back({s.label, s.path, s.value});
  result.loss = spec.loss.name;
  result.optimizer = spec.optimizer.name;
  result.threads = options.threads;
  result.neurite_version = NEURITE_VERSION;
  for (const auto& lib : registry.libraries()) result.plugins.push_back({lib->name, lib->version, lib->path});

  const PreparedData data = prepare_data(spec.data, spec.seed);
  if (data.train.samples() == 0)
    throw Error(ExitCode::usage, spec.data.where, "the training split is empty");
  const Rng root(spec.seed);
  result.regression = data.train.is_regression();
  result.class_names = data.train.class_names;  // keeps a CSV's label strings with the result
  result.feature_names = data.train.feature_names;
  result.preprocessing = data.preprocessing;
  check_monitors(spec, data);
  AssembledModel model = assemble_model(spec, registry, data.train, root.derive(kInitStream));
  result.resolved_yaml = resolved_values(spec, registry);
  result.model_summary = model.network.summary();
  result.parameter_count = model.network.parameter_count();

  TrainingOutcome outcome;
  const double cpu_start = process_cpu_seconds();
  const double cpu_before = options.resume ? options.resume->cpu_seconds : 0.0;
  CheckpointHooks hooks;
  if (options.resume) {
    check_same_run(spec, *options.resume, options.resume_source);
    hooks.resume = options.resume;
  }
  if (options.save_checkpoint)
    hooks.save = [&](TrainingCheckpoint& c) {
      c.run_name = spec.name;
      c.yaml_text = spec.yaml_text;
      c.seed = spec.seed;
      c.neurite_version = NEURITE_VERSION;
      c.cpu_seconds = cpu_before + process_cpu_seconds() - cpu_start;
      options.save_checkpoint(c);
    };
  hooks.stop = options.stop;
  try {
    Trainer trainer(model.network, *model.loss, *model.optimizer, spec.training,
                    root.derive(kTrainingStream));
    outcome = trainer.fit(data, options.observer, hooks, options.resume_source);
  } catch (const Error&) {
    throw;  // a checkpoint that does not fit, or one that cannot be written
  } catch (const std::exception& e) {
    outcome.status = RunStatus::failed;
    outcome.error = std::string("training failed: ") + e.what();
  }
  // The whole process's CPU time: with --jobs > 1 it includes overlapping runs.
  result.cpu_seconds = cpu_before + process_cpu_seconds() - cpu_start;
  if (outcome.interrupted)
    throw Error(ExitCode::interrupted, spec.name + ": interrupted after epoch " +
                                           std::to_string(outcome.history.size()) + " of " +
                                           std::to_string(spec.training.epochs));
  result.status = outcome.status;
  result.error = outcome.error;
  result.history = std::move(outcome.history);
  result.epochs_run = static_cast<int>(result.history.size());
  result.wall_seconds = outcome.wall_seconds;
  result.stop_reason = outcome.stop_reason;
  result.restored_epoch = outcome.restored_epoch;
  result.train = outcome.train;
  result.validation = outcome.validation;
  result.test = outcome.test;
  result.parameters = store_parameters(model.network);
  result.optimizer_state = store_optimizer_state(*model.optimizer);
  return result;
}
}  // namespace neurite
