#include <neurite/data/dataset.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/run/run_experiment.hpp>
#include <neurite/training/monitors.hpp>

#include <sys/resource.h>

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

void store_parameters(Network& network, RunResult& result) {
  for (std::size_t l = 0; l < network.size(); ++l) {
    for (const ParamView& p : network.layer(l).parameters()) {
      StoredParameter stored;
      stored.layer = std::to_string(l) + "." + network.entry(l).name;
      stored.name = p.name;
      stored.rows = p.rows;
      stored.cols = p.cols;
      stored.trainable = p.trainable;
      stored.values.assign(p.data, p.data + p.size());
      result.parameters.push_back(std::move(stored));
    }
  }
}

// The optimizer's moments and step counts, so a saved model can resume training.
void store_optimizer_state(const Optimizer& optimizer, RunResult& result) {
  for (const NamedMatrix& state : optimizer.state()) {
    StoredParameter stored;
    stored.layer = "optimizer";
    stored.name = state.name;
    stored.rows = state.value.rows();
    stored.cols = state.value.cols();
    stored.trainable = false;
    stored.values.assign(state.value.data(), state.value.data() + state.value.size());
    result.optimizer_state.push_back(std::move(stored));
  }
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
  result.model_summary = model.network.summary();
  result.parameter_count = model.network.parameter_count();

  TrainingOutcome outcome;
  const double cpu_start = process_cpu_seconds();
  try {
    Trainer trainer(model.network, *model.loss, *model.optimizer, spec.training,
                    root.derive(kTrainingStream));
    outcome = trainer.fit(data, options.observer);
  } catch (const std::exception& e) {
    outcome.status = RunStatus::failed;
    outcome.error = std::string("training failed: ") + e.what();
  }
  // The whole process's CPU time: with --jobs > 1 it includes overlapping runs.
  result.cpu_seconds = process_cpu_seconds() - cpu_start;
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
  store_parameters(model.network, result);
  store_optimizer_state(*model.optimizer, result);
  return result;
}
}  // namespace neurite
