// The experiment schema table (see schema_definition.hpp). Adding a key here
// makes it allowed, range-checked, defaulted and documented; its reader in
// *_schema.cpp then copies the value into the spec.
#include "config/schema_definition.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace neurite::config {
namespace {
constexpr double kIntMax = std::numeric_limits<int>::max();
constexpr double kHuge = std::numeric_limits<double>::max();

// A fluent row builder: key("training.epochs", ValueKind::integer, "100", "doc").min(1)
struct Row {
  KeyDef def;
  Row& required() { def.required = true; return *this; }
  Row& range(double lo, double hi, bool lo_open = false, bool hi_open = false) {
    def.lo = lo, def.hi = hi, def.lo_open = lo_open, def.hi_open = hi_open;
    return *this;
  }
  Row& at_least(double lo) { return range(lo, def.kind == ValueKind::real ? kHuge : kIntMax); }
  Row& above(double lo) { return range(lo, kHuge, true, false); }
  Row& choices(std::vector<std::string> c) { def.choices = std::move(c); return *this; }
  Row& when(std::string key, std::vector<std::string> values) {
    def.when_key = std::move(key), def.when_values = std::move(values);
    return *this;
  }
};

Row key(std::string path, ValueKind kind, std::string default_text, std::string doc) {
  Row row;
  row.def.path = std::move(path);
  row.def.kind = kind;
  row.def.default_text = std::move(default_text);
  row.def.doc = std::move(doc);
  return row;
}

const std::vector<std::string> kGenerators = {"xor", "moons", "circles", "spirals", "blobs", "linear", "sine", "random"};
const std::vector<std::string> kNoisy = {"xor", "moons", "circles", "spirals", "sine"};
const std::vector<std::string> kClassified = {"xor", "moons", "circles", "spirals", "blobs", "linear",
                                              "random", "csv", "idx", "npy"};
const std::vector<std::string> kMonitors = {"validation_loss", "validation_accuracy", "train_loss"};
const std::vector<std::string> kSchedules = {"constant", "step", "multistep", "exponential", "cosine",
                                             "reduce_on_plateau"};

std::vector<KeyDef> build() {
  using K = ValueKind;
  std::vector<Row> rows = {
      key("name", K::name, "", "the experiment's name; names its runs and result files").required(),
      key("seed", K::unsigned_integer, "0", "every random stream derives from it: data, split, init, shuffling"),
      key("extends", K::path, "", "a base experiment file to start from: its keys are merged under this "
                                  "file's (mappings merge, lists and scalars are replaced)"),
      key("plugins", K::paths, "", "extra plugin directories, relative to the experiment file"),
      key("sweep", K::sweep, "",
          "runs the experiment once per point; a `key.path: [values]` entry is shorthand for grid"),
      key("sweep.grid", K::section, "", "`key.path: [values]` entries, every combination (cartesian product)"),
      key("sweep.zip", K::section, "", "`key.path: [values]` entries of equal length, taken side by side"),
      key("sweep.seeds", K::integer_list, "", "run every point once per seed (replaces `seed`)").at_least(0),
      key("sweep.repeats", K::integer, "1", "run every point n times, with seeds seed, seed+1, ...").at_least(1),

      key("data", K::section, "", "where the samples come from and how they are split and scaled").required(),
      key("data.source", K::choice, "", "a generator (xor ... random) or a loader (csv, idx, npy)").required()
          .choices({"xor", "moons", "circles", "spirals", "blobs", "linear", "sine", "random", "csv", "idx", "npy"}),
      key("data.samples", K::integer, "1000", "points to generate").at_least(1).when("source", kGenerators),
      key("data.noise", K::real, "0",
          "Gaussian noise: on each point (xor, moons, circles), on the arm angle in radians (spirals), "
          "on the target (sine)").at_least(0).when("source", kNoisy),
      key("data.factor", K::real, "0.8", "inner circle's radius over the outer one's (make_circles)")
          .range(0, 1, true, true).when("source", {"circles"}),
      key("data.features", K::integer, "2", "feature columns (sine: y = sum of sin x_j)").at_least(1)
          .when("source", {"random", "blobs", "linear", "sine"}),
      key("data.classes", K::integer, "", "classes, spiral arms or blob centres; default 2 for random, 3 for "
                                          "spirals and blobs").at_least(2).when("source", {"random", "spirals", "blobs"}),
      key("data.cluster_std", K::real, "1", "standard deviation of each blob (make_blobs)").at_least(0)
          .when("source", {"blobs"}),
      key("data.margin", K::real, "0.1", "width of the empty band between the two classes").at_least(0)
          .when("source", {"linear"}),
      key("data.path", K::path, "", "the CSV file (header row), or the NumPy features array (.npy)").required()
          .when("source", {"csv", "npy"}),
      key("data.label", K::string, "",
          "the class column: a header name, else a 0-based index (negative counts from the end)")
          .required().when("source", {"csv"}),
      key("data.images", K::path, "", "the IDX images file (MNIST format; plain or .gz)").required()
          .when("source", {"idx"}),
      key("data.labels", K::path, "", "the labels file: IDX for idx, a 1-D integer .npy array for npy").required()
          .when("source", {"idx", "npy"}),
      key("data.categorical", K::string_list, "[]", "columns one-hot encoded even where they hold numbers "
                                                    "(docs/csv.md)").when("source", {"csv"}),
      key("data.impute", K::choice, "none",
          "fill missing values with training-split statistics (categorical columns: most frequent); none: "
          "a missing value is an error").choices({"none", "mean", "median", "most_frequent"}).when("source", {"csv"}),
      key("data.validation_path", K::path, "", "a separate validation CSV (the split ratios are then not used)")
          .when("source", {"csv"}),
      key("data.test_path", K::path, "", "a separate test CSV (the split ratios are then not used)")
          .when("source", {"csv"}),
      key("data.split", K::section, "{train: 0.7, validation: 0.15, test: 0.15}",
          "ratios summing to 1, taken after a seeded shuffle; ratios left out of a given split are 0"),
      key("data.split.train", K::real, "", "share of the samples to train on").required().range(0, 1, true, false),
      key("data.split.validation", K::real, "0", "share for validation (early stopping, model choice)").range(0, 1),
      key("data.split.test", K::real, "0", "share held out for the final score").range(0, 1),
      key("data.stratify", K::boolean, "false", "the split and the folds keep the class proportions")
          .when("source", kClassified),
      key("data.folds", K::integer, "", "k-fold cross-validation: k runs, fold i validates the model trained on "
                                        "the others; a test share is held out first").at_least(2),
      key("data.scale", K::choice, "standard",
          "feature scaling fitted on the training split (constant features are shifted, never divided)")
          .choices({"standard", "minmax", "none"}),

      key("model", K::model, "",
          "layers in order, each `layer: {parameters}` or `activation: name`; components and their "
          "parameters: docs/components.md").required(),
      key("model[].l1", K::real, "0", "on a layer entry: adds l1 * sum|W| of its weights to the loss").at_least(0),
      key("model[].l2", K::real, "0", "on a layer entry: adds l2 * sum W^2 of its weights to the loss").at_least(0),
      key("loss", K::component, "", "a loss name, or {name: ..., parameters}").required(),
      key("loss.reduction", K::choice, "mean", "mean or sum of the loss terms (PyTorch's reduction)")
          .choices({"mean", "sum"}),
      key("optimizer", K::component, "", "an optimizer name, or {name: ..., parameters}").required(),

      key("training", K::section, "", "how long and how the network trains"),
      key("training.epochs", K::integer, "100", "passes over the training split").at_least(1),
      key("training.batch_size", K::integer, "32", "rows per mini-batch").at_least(1),
      key("training.shard_rows", K::auto_or_integer, "auto",
          "rows per data-parallel task; auto: from the network's work per row (never from --threads)")
          .at_least(1),
      key("training.shuffle", K::boolean, "true", "reshuffle the training split every epoch (seeded)"),
      key("training.time_limit", K::real, "", "seconds; training stops after the epoch that reaches it")
          .above(0),
      key("training.checkpoint_every", K::integer, "0",
          "also save a checkpoint every N epochs (0: by time only); `neurite run --resume` continues from it")
          .at_least(0),
      key("training.checkpoint_seconds", K::real, "60",
          "save a checkpoint after an epoch that ends this long after the last one (0: never by time)")
          .at_least(0),
      key("training.clip_grad_norm", K::real, "", "clip the gradients' global L2 norm before each step")
          .above(0),
      key("training.clip_grad_value", K::real, "", "clip each gradient element to [-v, v] before each step")
          .above(0),
      key("training.early_stopping", K::section, "",
          "stop when the monitored metric stops improving; giving the section enables it"),
      key("training.early_stopping.enabled", K::boolean, "true", "false keeps the section but switches it off"),
      key("training.early_stopping.monitor", K::choice, "validation_loss", "the metric watched")
          .choices(kMonitors),
      key("training.early_stopping.patience", K::integer, "10", "epochs without improvement before stopping")
          .at_least(0),
      key("training.early_stopping.min_delta", K::real, "0", "the least change that counts as improvement")
          .at_least(0),
      key("training.early_stopping.restore_best_weights", K::boolean, "false",
          "end with the parameters of the best monitored epoch (Keras's restore_best_weights)"),
      key("training.lr_schedule", K::name_or_section, "constant",
          "the learning rate per epoch, as torch.optim.lr_scheduler stepped once per epoch"),
      key("training.lr_schedule.name", K::choice, "", "the schedule").required().choices(kSchedules),
      key("training.lr_schedule.step_size", K::integer, "1", "epochs between drops").at_least(1)
          .when("name", {"step"}),
      key("training.lr_schedule.milestones", K::integer_list, "", "increasing epochs (0-based) where the rate drops")
          .required().at_least(1).when("name", {"multistep"}),
      key("training.lr_schedule.gamma", K::real, "0.1", "the factor of each drop (per epoch for exponential)")
          .above(0).when("name", {"step", "multistep", "exponential"}),
      key("training.lr_schedule.t_max", K::integer, "1", "epochs of a half cosine period").at_least(1)
          .when("name", {"cosine"}),
      key("training.lr_schedule.eta_min", K::real, "0", "the lowest rate").at_least(0).when("name", {"cosine"}),
      key("training.lr_schedule.monitor", K::choice, "validation_loss", "the metric watched")
          .choices(kMonitors).when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.factor", K::real, "0.1", "the factor of each reduction")
          .range(0, 1, true, true).when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.patience", K::integer, "10", "epochs without improvement before reducing")
          .at_least(0).when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.threshold", K::real, "0.0001", "the least change that counts as improvement")
          .at_least(0).when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.threshold_mode", K::choice, "rel", "threshold relative to the best, or absolute")
          .choices({"rel", "abs"}).when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.cooldown", K::integer, "0", "epochs to wait after a reduction").at_least(0)
          .when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.min_lr", K::real, "0", "the rate never goes below it").at_least(0)
          .when("name", {"reduce_on_plateau"}),
      key("training.lr_schedule.warmup_epochs", K::integer, "0", "epochs of linear warm-up before the schedule")
          .at_least(0),
      key("training.lr_schedule.warmup_start_factor", K::real, "0.3333333333333333",
          "the warm-up's first rate as a share of the optimizer's rate (LinearLR's start_factor)")
          .range(0, 1, true, false),
  };
  std::vector<KeyDef> defs;
  defs.reserve(rows.size());
  for (auto& row : rows) defs.push_back(std::move(row.def));
  return defs;
}

std::string number(double x) {
  if (x == std::floor(x) && std::abs(x) < 1e15) return std::to_string(static_cast<long long>(x));
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string parent_of(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(path.substr(0, dot));
}
}  // namespace

std::string KeyDef::key() const {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

bool KeyDef::applies_with(std::string_view value) const {
  return when_key.empty() || std::find(when_values.begin(), when_values.end(), value) != when_values.end();
}

std::string KeyDef::expected() const {
  const bool int_like = kind == ValueKind::integer || kind == ValueKind::auto_or_integer ||
                        kind == ValueKind::integer_list;
  const bool open_top = hi >= (int_like ? kIntMax : kHuge);
  std::string range;
  if (int_like) {
    range = open_top ? (lo == 1 ? "a positive integer" : "an integer >= " + number(lo))
                     : "an integer in [" + number(lo) + ", " + number(hi) + "]";
  } else if (kind == ValueKind::real) {
    if (open_top) range = std::string("a number ") + (lo_open ? "> " : ">= ") + number(lo);
    else
      range = std::string("a number in ") + (lo_open ? "(" : "[") + number(lo) + ", " + number(hi) +
              (hi_open ? ")" : "]");
  }
  switch (kind) {
    case ValueKind::string: return "a string";
    case ValueKind::name: return "a name of letters, digits, '-', '_' and '.' (not starting with '.')";
    case ValueKind::boolean: return "true or false";
    case ValueKind::integer:
    case ValueKind::real: return range;
    case ValueKind::unsigned_integer: return "an unsigned integer";
    case ValueKind::choice: return "one of " + joined(choices);
    case ValueKind::auto_or_integer: return "'auto' or " + range;
    case ValueKind::integer_list: return "a non-empty list of integers, each " + range;
    case ValueKind::string_list: return "a list of strings";
    case ValueKind::path: return "a file path";
    case ValueKind::paths: return "a directory or a list of directories";
    case ValueKind::section: return "a mapping";
    case ValueKind::name_or_section: return "a name or a mapping with 'name'";
    case ValueKind::component: return "a name or {name: ..., parameters}";
    case ValueKind::model: return "a non-empty list of layers";
    case ValueKind::sweep: return "a sweep mapping";
  }
  return "?";
}

const std::vector<KeyDef>& experiment_schema() {
  static const std::vector<KeyDef> schema = build();
  return schema;
}

const KeyDef& key_def(std::string_view path) {
  for (const auto& def : experiment_schema())
    if (def.path == path) return def;
  throw std::logic_error("experiment schema has no key '" + std::string(path) + "'");
}

std::vector<std::string> child_keys(std::string_view section) {
  std::vector<std::string> keys;
  for (const auto& def : experiment_schema())
    if (parent_of(def.path) == section) keys.push_back(def.key());
  return keys;
}

std::string schema_markdown() {
  std::ostringstream out;
  out << "| key | value | default | meaning |\n| --- | --- | --- | --- |\n";
  for (const auto& def : experiment_schema()) {
    std::string value = def.expected();
    if (!def.when_key.empty()) value += "; only with " + def.when_key + ": " + joined(def.when_values, ", ");
    const std::string fallback = def.required ? "required" : def.default_text.empty() ? "-" : def.default_text;
    out << "| `" << def.path << "` | " << value << " | " << (fallback == "-" || fallback == "required" ? fallback : "`" + fallback + "`")
        << " | " << def.doc << " |\n";
  }
  return out.str();
}
}  // namespace neurite::config
