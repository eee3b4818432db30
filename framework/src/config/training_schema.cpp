// `training:` section of an experiment file. Keys, ranges and defaults:
// schema_definition.cpp. Giving `early_stopping` enables it unless it says
// `enabled: false`; `lr_schedule` is a plain schedule name or a mapping whose
// keys depend on the schedule's `name`.
#include "config/schema.hpp"
#include "config/section_reader.hpp"

namespace neurite::config {
namespace {
EarlyStoppingSpec read_early_stopping(const std::string& file, const YAML::Node& node) {
  const SectionReader map(file, node, "training.early_stopping");
  EarlyStoppingSpec spec;
  spec.where = location(file, node);
  spec.enabled = map.boolean("enabled");
  spec.monitor = map.text("monitor");
  spec.patience = static_cast<int>(map.integer("patience"));
  spec.min_delta = map.real("min_delta");
  spec.restore_best_weights = map.boolean("restore_best_weights");
  return spec;
}

std::vector<int> read_milestones(const SectionReader& map) {
  const KeyDef& def = map.def("milestones");
  const YAML::Node& list = map.require("milestones");
  if (!list.IsSequence() || list.size() == 0) fail_expected(map.file(), list, def.expected(), def.path);
  std::vector<int> milestones;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const int m = static_cast<int>(read_integer(map.file(), list[i], def.path + "." + std::to_string(i),
                                                "a positive integer", 1, static_cast<long long>(def.hi)));
    if (!milestones.empty() && m <= milestones.back())
      fail(map.file(), list[i],
           "milestones must increase: " + std::to_string(m) + " after " + std::to_string(milestones.back()));
    milestones.push_back(m);
  }
  return milestones;
}

LrScheduleSpec read_lr_schedule(const std::string& file, const YAML::Node& node) {
  LrScheduleSpec spec;
  spec.where = location(file, node);
  if (node.IsScalar()) {
    spec.name = read_choice(file, node, "training.lr_schedule", key_def("training.lr_schedule.name").choices);
    return spec;
  }
  const SectionReader map(file, node, "training.lr_schedule");
  spec.name = map.text("name");
  map.check_conditions("name", spec.name);
  const auto applies = [&](const char* key) { return map.def(key).applies_with(spec.name); };
  const auto integer = [&](const char* key, int& out) {
    if (applies(key)) out = static_cast<int>(map.integer(key));
  };
  const auto real = [&](const char* key, double& out) {
    if (applies(key)) out = map.real(key);
  };
  integer("step_size", spec.step_size);
  integer("t_max", spec.t_max);
  integer("patience", spec.patience);
  integer("cooldown", spec.cooldown);
  integer("warmup_epochs", spec.warmup_epochs);
  real("gamma", spec.gamma);
  real("eta_min", spec.eta_min);
  real("factor", spec.factor);
  real("threshold", spec.threshold);
  real("min_lr", spec.min_lr);
  real("warmup_start_factor", spec.warmup_start_factor);
  if (applies("monitor")) spec.monitor = map.text("monitor");
  if (applies("threshold_mode")) spec.threshold_mode = map.text("threshold_mode");
  if (applies("milestones")) spec.milestones = read_milestones(map);
  return spec;
}
}  // namespace

TrainingSpec read_training(const std::string& file, const YAML::Node& node) {
  const SectionReader map(file, node, "training");
  TrainingSpec spec;
  spec.epochs = static_cast<int>(map.integer("epochs"));
  spec.batch_size = static_cast<int>(map.integer("batch_size"));
  spec.shard_rows = static_cast<int>(map.integer("shard_rows"));
  if (const YAML::Node* given = map.get("shard_rows")) spec.shard_rows_where = location(file, *given);
  spec.shuffle = map.boolean("shuffle");
  if (auto v = map.get("early_stopping")) spec.early_stopping = read_early_stopping(file, *v);
  if (auto v = map.get("lr_schedule")) spec.lr_schedule = read_lr_schedule(file, *v);
  spec.time_limit = map.optional_real("time_limit").value_or(0.0);
  spec.checkpoint_every = static_cast<int>(map.integer("checkpoint_every"));
  spec.checkpoint_seconds = map.real("checkpoint_seconds");
  spec.clip_grad_norm = map.optional_real("clip_grad_norm").value_or(0.0);
  spec.clip_grad_value = map.optional_real("clip_grad_value").value_or(0.0);
  return spec;
}
}  // namespace neurite::config
