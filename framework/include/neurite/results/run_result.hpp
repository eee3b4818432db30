// What one run produces and stores: enough to compare runs, plot their
// learning curves, and reload the trained parameters, without re-running.
#pragma once
#include <neurite/data/preprocessing.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace neurite {
/// "Does not apply": accuracy of a regression run, RMSE and R^2 of a
/// classification run (and of every run stored before archive version 3).
inline constexpr double kNotApplicable = std::numeric_limits<double>::quiet_NaN();

// Regression scores are scikit-learn's with multioutput='uniform_average':
// rmse = mean over outputs of sqrt(mean squared error of the output),
// r2   = mean over outputs of 1 - SS_res / SS_tot (r2_score, force_finite:
//        a constant target scores 1 if predicted exactly, else 0).
struct EpochMetrics {
  int epoch = 0;                     // 1-based
  double train_loss = 0.0;           // mean over the epoch's mini-batches (training mode)
  double train_accuracy = 0.0;
  double validation_loss = 0.0;      // evaluation mode; NaN when there is no validation split
  double validation_accuracy = 0.0;
  double seconds = 0.0;              // wall time of this epoch
  double learning_rate = 0.0;        // the rate this epoch trained with (archive version 2)
  // Regression (archive version 3): train_* over the epoch's mini-batches in
  // training mode, as train_loss; validation_* as validation_loss.
  double train_rmse = kNotApplicable;
  double train_r2 = kNotApplicable;
  double validation_rmse = kNotApplicable;
  double validation_r2 = kNotApplicable;
};

struct SplitMetrics {
  std::size_t samples = 0;  // 0: the split is empty, loss/accuracy meaningless
  double loss = 0.0;
  double accuracy = 0.0;    // NaN for a regression run
  double rmse = kNotApplicable;  // regression only (archive version 2 of SplitMetrics)
  double r2 = kNotApplicable;
  // Classification: counts[true class * classes + predicted class], classes^2
  // entries; empty for regression or an empty split. Archive version 2.
  std::vector<std::int64_t> confusion{};
};

struct StoredParameter {
  std::string layer;  // "0.dense"
  std::string name;   // "weight"
  std::int64_t rows = 0, cols = 0;
  bool trainable = true;
  std::vector<float> values;  // row-major
};

struct PluginVersion {
  std::string library;  // manifest name
  std::string version;
  std::string file;     // path it was loaded from
};

/// One value that sets this run apart from the other runs of its experiment:
/// a sweep point's value, its seed, its fold ("units", "model.0.dense.units", "20").
struct RunSetting {
  std::string label;
  std::string path;
  std::string value;
};

enum class RunStatus { ok = 0, failed = 1, diverged = 2 };

struct RunResult {
  std::string name;           // experiment name
  std::string source_file;    // experiment file
  std::string yaml_text;      // the experiment as written
  std::uint64_t seed = 0;
  std::string model_summary;  // "dense(16) tanh dense(2)"
  std::string loss;           // component names
  std::string optimizer;
  RunStatus status = RunStatus::ok;
  std::string error;          // why it failed, when it did
  std::size_t parameter_count = 0;
  int epochs_run = 0;
  int threads = 0;
  double wall_seconds = 0.0;  // training only
  std::vector<EpochMetrics> history;
  SplitMetrics train, validation, test;  // final, evaluation mode
  std::vector<StoredParameter> parameters;
  std::string neurite_version;
  std::vector<PluginVersion> plugins;
  // The optimizer's state after the last step (moments, step counts), as
  // Optimizer::state() names it; layer "optimizer". Archive version 2.
  std::vector<StoredParameter> optimizer_state;
  // Archive version 3: what the training data set was. `regression`: continuous
  // targets (RMSE and R^2 instead of accuracy). The names keep a CSV's
  // string labels: class index i was class_names[i] in the file.
  bool regression = false;
  std::vector<std::string> class_names;
  std::vector<std::string> feature_names;
  // Why training ended, for an ok run: "completed" (all epochs),
  // "early_stopping" or "time_limit"; empty otherwise. restored_epoch: the
  // epoch whose parameters the result holds after restore_best_weights (0:
  // the last epoch's). Archive version 3.
  std::string stop_reason;
  int restored_epoch = 0;
  // The experiment's own name (`name` is the run's: "moons-mlp[units=20,seed=2]")
  // and the settings of this run, for grouping by them. Archive version 3.
  std::string experiment;
  std::vector<RunSetting> settings;
  // Process CPU time spent training (all threads), beside wall_seconds.
  double cpu_seconds = 0.0;
  // What was fitted on the training split (encoding, imputation, scaling,
  // class names), so that a new file can be prepared the same way (predict).
  Preprocessing preprocessing;
  // Every setting in effect, defaults included, as YAML (run/resolved_values.hpp);
  // empty for results stored before archive version 4.
  std::string resolved_yaml;
};

inline const char* to_string(RunStatus s) {
  switch (s) {
    case RunStatus::ok: return "ok";
    case RunStatus::failed: return "failed";
    case RunStatus::diverged: return "diverged";
  }
  return "?";
}
}  // namespace neurite
