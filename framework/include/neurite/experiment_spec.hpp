// A resolved experiment as plain data: what the config stage (YAML) produces
// and what the data, network and trainer stages consume. Nothing here knows
// YAML; source locations travel along so later stages can still point at the
// line a value came from.
#pragma once
#include <neurite/errors.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace neurite {
/// One `key: value` given for a component, still as text: the registry checks
/// it against the component's parameter schema (type, range, choices).
struct ParamSetting {
  std::string key;
  std::string text;  // the scalar as written ("16", "0.01", "true", "xavier_uniform")
  SourceLocation where;
};

/// A reference to a plugin component with its parameters as written.
struct ComponentSpec {
  std::string name;  // e.g. "tanh", "dense", "adam"
  std::vector<ParamSetting> params;
  SourceLocation where;
};

/// One entry of `model:`: `dense: {...}` is kind "layer" with name "dense";
/// `activation: tanh` is kind "activation" (wrapped as a layer by the core).
struct ModelEntry {
  enum class Type { layer, activation } type = Type::layer;
  ComponentSpec component;
  // Per-layer penalties on the layer's "weight" parameters, added to the loss
  // and its gradient by the trainer (Keras's kernel_regularizer):
  //   loss += l1 * sum|W| + l2 * sum W^2.  Keys `l1:` and `l2:` of a layer entry.
  double l1 = 0.0, l2 = 0.0;
};

struct SplitSpec {
  double train = 0.7, validation = 0.15, test = 0.15;
};

struct DataSpec {
  std::string source;  // xor | moons | circles | random | spirals | blobs | linear | sine | csv | idx | npy
  std::size_t samples = 1000;      // generators
  double noise = 0.0;              // xor, moons, circles, spirals (angle), sine (target): Gaussian noise stddev
  double factor = 0.8;             // circles: inner radius / outer radius (sklearn default)
  std::size_t features = 2;        // random, blobs, linear, sine: feature columns
  int classes = 0;                 // random, spirals, blobs: classes (>= 2); 0 = the source's
                                   // default (spirals, blobs: 3; random: 2), see make_dataset()
  double cluster_std = 1.0;        // blobs: stddev of each cluster (sklearn make_blobs)
  double margin = 0.1;             // linear: width of the empty band around the hyperplane
  std::string path;                // csv: resolved against the experiment file's directory
  std::string label_column;        // csv: the label column: a header name, else a 0-based
                                   // index (negative counts from the end: -1 = last column)
  std::vector<std::string> categorical;  // csv: columns one-hot encoded even if they hold numbers
  std::string impute = "none";     // csv: none | mean | median | most_frequent (fitted on train)
  std::string validation_path;     // csv: separate validation file (then split ratios unused)
  std::string test_path;           // csv: separate test file (then split ratios unused)
  std::string images_path;         // idx: images file (plain or .gz), resolved like `path`
  std::string features_path;       // npy: features array file, resolved like `path`
  std::string labels_path;         // idx, npy: labels file, resolved like `path`
  SplitSpec split;
  bool stratify = false;           // split (and folds) keep the class proportions
  std::size_t folds = 0;           // k-fold cross-validation: k >= 2, 0 = off (prepare_fold)
  std::size_t fold = 0;            // with folds: this run's validation fold, 0..folds-1
  std::string scale = "standard";  // standard | minmax | none
  SourceLocation where;
};

struct EarlyStoppingSpec {
  bool enabled = false;
  std::string monitor = "validation_loss";  // validation_loss | validation_accuracy | train_loss
  int patience = 10;
  double min_delta = 0.0;
  // At the end of training (early stop, time limit or last epoch), put back the
  // parameters of the best monitored epoch, as Keras 3's EarlyStopping does.
  // The optimizer state is not restored.
  bool restore_best_weights = false;
  SourceLocation where;  // of `training.early_stopping`, for monitor errors
};

/// `training.lr_schedule`: the learning rate per epoch, as torch.optim.lr_scheduler
/// stepped once per epoch. `warmup_epochs` > 0 puts a linear warm-up (LinearLR from
/// warmup_start_factor to 1) in front of the schedule (SequentialLR).
struct LrScheduleSpec {
  std::string name = "constant";  // constant | step | multistep | exponential | cosine | reduce_on_plateau
  int step_size = 1;              // step
  std::vector<int> milestones;    // multistep: epochs (0-based, as PyTorch counts) where the rate drops
  double gamma = 0.1;             // step, multistep, exponential
  int t_max = 1;                  // cosine: epochs of a half period
  double eta_min = 0.0;           // cosine: the lowest rate
  // reduce_on_plateau (ReduceLROnPlateau, mode min; monitor as early stopping)
  std::string monitor = "validation_loss";
  double factor = 0.1;
  int patience = 10;
  double threshold = 1e-4;
  std::string threshold_mode = "rel";  // rel | abs
  int cooldown = 0;
  double min_lr = 0.0;
  // warm-up in front of any schedule
  int warmup_epochs = 0;
  double warmup_start_factor = 1.0 / 3.0;
  SourceLocation where;
};

/// How the mini-batch loss is reduced (PyTorch's `reduction`): the mean over
/// the loss's terms, or their sum. Key `reduction:` of the `loss:` entry.
enum class LossReduction { mean, sum };

struct TrainingSpec {
  int epochs = 100;
  int batch_size = 32;
  // Rows per data-parallel shard; 0 = auto: from the network's work per row
  // (Trainer). Either way it never depends on --threads, so neither do results.
  int shard_rows = 0;
  SourceLocation shard_rows_where;  // of an explicit training.shard_rows, for errors
  bool shuffle = true;
  EarlyStoppingSpec early_stopping;
  LrScheduleSpec lr_schedule;
  // Gradient clipping before each optimizer step (0 = off): by the global L2
  // norm over all parameters (torch.nn.utils.clip_grad_norm_), then by value
  // (clip_grad_value_).
  double clip_grad_norm = 0.0;
  double clip_grad_value = 0.0;
  LossReduction loss_reduction = LossReduction::mean;
  // Wall-clock budget in seconds (0 = none): training stops after the epoch
  // that reaches it; the result's stop_reason says "time_limit".
  double time_limit = 0.0;
  // Checkpoints for `neurite run --resume` (training/checkpoint.hpp), saved
  // after an epoch: every `checkpoint_every` epochs, and once
  // `checkpoint_seconds` have passed since the last one (0 = off for each).
  int checkpoint_every = 0;
  double checkpoint_seconds = 60.0;
};

/// One swept value of an expanded run: `label` as in the run's name
/// ("units"), the full key path ("model.0.dense.units") and the value as written.
struct SweepSetting {
  std::string label;
  std::string path;
  std::string value;
};

struct ExperimentSpec {
  std::string name;       // the run's name: base_name plus "[units=20,seed=2]" for a sweep point
  std::string base_name;  // the experiment's `name:` as written
  std::vector<SweepSetting> sweep;  // this run's point of the sweep (seed included); empty otherwise
  std::uint64_t seed = 0;
  DataSpec data;
  std::vector<ModelEntry> model;
  ComponentSpec loss;  // its `reduction:` key goes to training.loss_reduction
  ComponentSpec optimizer;
  TrainingSpec training;
  std::vector<std::string> plugin_dirs;  // resolved against the file's directory
  std::string source_file;               // the experiment file
  std::string yaml_text;                 // this run's YAML: as written, or resolved (extends, --set, sweep)
  SourceLocation where;                  // where the experiment starts
};
}  // namespace neurite
