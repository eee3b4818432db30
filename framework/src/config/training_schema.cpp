// `training:` section of an experiment file; every key is optional:
//   epochs, batch_size: positive integers
//   shard_rows: auto (default: chosen from the network's work per row) | positive integer
//   shuffle: true | false
//   early_stopping: {enabled: true, monitor: validation_loss | validation_accuracy | train_loss,
//                    patience: integer >= 0, min_delta: number >= 0}
//   (giving early_stopping enables it unless it says enabled: false)
//   lr_schedule: constant | {name: step, step_size, gamma} | {name: multistep, milestones: [..], gamma}
//                | {name: exponential, gamma} | {name: cosine, t_max, eta_min}
//                | {name: reduce_on_plateau, monitor, factor, patience, threshold,
//                   threshold_mode: rel | abs, cooldown, min_lr}
//                each with optional warmup_epochs, warmup_start_factor (linear warm-up first)
//   clip_grad_norm, clip_grad_value: numbers > 0 (absent: no clipping)
#include "config/schema.hpp"
#include "config/yaml_reader.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace neurite::config {
namespace {
constexpr long long kIntMax = std::numeric_limits<int>::max();

EarlyStoppingSpec read_early_stopping(const std::string& file, const YAML::Node& node) {
  const MapReader map(file, node, "training.early_stopping",
                      {"enabled", "monitor", "patience", "min_delta"});
  EarlyStoppingSpec spec;
  spec.enabled = true;
  if (auto v = map.get("enabled")) spec.enabled = read_bool(file, *v, map.key_path("enabled"));
  if (auto v = map.get("monitor"))
    spec.monitor = read_choice(file, *v, map.key_path("monitor"),
                               {"validation_loss", "validation_accuracy", "train_loss"});
  if (auto v = map.get("patience"))
    spec.patience = static_cast<int>(
        read_integer(file, *v, map.key_path("patience"), "an integer >= 0", 0, kIntMax));
  if (auto v = map.get("min_delta"))
    spec.min_delta = read_real(file, *v, map.key_path("min_delta"), "a number >= 0",
                               {0.0, std::numeric_limits<double>::max()});
  return spec;
}

std::string comma_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

LrScheduleSpec read_lr_schedule(const std::string& file, const YAML::Node& node) {
  LrScheduleSpec spec;
  spec.where = location(file, node.Mark());
  const std::vector<std::string> names = {"constant", "step", "multistep", "exponential", "cosine",
                                          "reduce_on_plateau"};
  if (node.IsScalar()) {
    spec.name = read_choice(file, node, "training.lr_schedule", names);
    return spec;
  }
  const MapReader map(file, node, "training.lr_schedule",
                      {"name", "step_size", "milestones", "gamma", "t_max", "eta_min", "monitor", "factor",
                       "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "warmup_epochs",
                       "warmup_start_factor"});
  spec.name = read_choice(file, map.require("name"), map.key_path("name"), names);
  // Keys that only mean something for other schedules are errors, not silently ignored.
  const std::map<std::string, std::vector<std::string>> own = {
      {"constant", {}},
      {"step", {"step_size", "gamma"}},
      {"multistep", {"milestones", "gamma"}},
      {"exponential", {"gamma"}},
      {"cosine", {"t_max", "eta_min"}},
      {"reduce_on_plateau",
       {"monitor", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr"}}};
  for (const std::string key : {"step_size", "milestones", "gamma", "t_max", "eta_min", "monitor", "factor",
                                "patience", "threshold", "threshold_mode", "cooldown", "min_lr"}) {
    const auto& allowed = own.at(spec.name);
    if (map.get(key) && std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(file, map.key_mark(key), "'" + map.key_path(key) + "' does not apply to the '" + spec.name +
                                        "' schedule" +
                                        (allowed.empty() ? std::string()
                                                         : " (its keys: " + comma_list(allowed) + ")"));
  }
  const RealRange positive{0.0, std::numeric_limits<double>::max(), true, false};
  const RealRange non_negative{0.0, std::numeric_limits<double>::max()};
  auto integer = [&](const char* key, int& out, long long lo, const char* expected) {
    if (auto v = map.get(key)) out = static_cast<int>(read_integer(file, *v, map.key_path(key), expected, lo, kIntMax));
  };
  auto real = [&](const char* key, double& out, RealRange range, const char* expected) {
    if (auto v = map.get(key)) out = read_real(file, *v, map.key_path(key), expected, range);
  };
  integer("step_size", spec.step_size, 1, "a positive integer");
  integer("t_max", spec.t_max, 1, "a positive integer");
  integer("patience", spec.patience, 0, "an integer >= 0");
  integer("cooldown", spec.cooldown, 0, "an integer >= 0");
  integer("warmup_epochs", spec.warmup_epochs, 0, "an integer >= 0");
  real("gamma", spec.gamma, positive, "a number > 0");
  real("eta_min", spec.eta_min, non_negative, "a number >= 0");
  real("factor", spec.factor, {0.0, 1.0, true, true}, "a number between 0 and 1 (both excluded)");
  real("threshold", spec.threshold, non_negative, "a number >= 0");
  real("min_lr", spec.min_lr, non_negative, "a number >= 0");
  real("warmup_start_factor", spec.warmup_start_factor, {0.0, 1.0, true, false}, "a number in (0, 1]");
  if (auto v = map.get("monitor"))
    spec.monitor = read_choice(file, *v, map.key_path("monitor"), {"validation_loss", "validation_accuracy", "train_loss"});
  if (auto v = map.get("threshold_mode"))
    spec.threshold_mode = read_choice(file, *v, map.key_path("threshold_mode"), {"rel", "abs"});
  if (auto v = map.get("milestones")) {
    if (!v->IsSequence() || v->size() == 0)
      fail_expected(file, *v, "a non-empty list of increasing epochs", map.key_path("milestones"));
    for (std::size_t i = 0; i < v->size(); ++i) {
      const int m = static_cast<int>(read_integer(file, (*v)[i], map.key_path("milestones") + "." + std::to_string(i),
                                                  "a positive integer", 1, kIntMax));
      if (!spec.milestones.empty() && m <= spec.milestones.back())
        fail(file, (*v)[i].Mark(), "milestones must increase: " + std::to_string(m) + " after " +
                                       std::to_string(spec.milestones.back()));
      spec.milestones.push_back(m);
    }
  } else if (spec.name == "multistep") {
    fail(file, node.Mark(), "missing required key 'training.lr_schedule.milestones' (the multistep schedule's epochs)");
  }
  return spec;
}
}  // namespace

TrainingSpec read_training(const std::string& file, const YAML::Node& node) {
  const MapReader map(file, node, "training",
                      {"epochs", "batch_size", "shard_rows", "shuffle", "early_stopping", "lr_schedule",
                       "clip_grad_norm", "clip_grad_value"});
  TrainingSpec spec;
  auto positive = [&](const char* key, int& out) {
    if (auto v = map.get(key))
      out = static_cast<int>(read_integer(file, *v, map.key_path(key), "a positive integer", 1, kIntMax));
  };
  positive("epochs", spec.epochs);
  positive("batch_size", spec.batch_size);
  if (auto v = map.get("shard_rows")) {
    if (v->IsScalar() && v->Scalar() == "auto") spec.shard_rows = 0;
    else
      spec.shard_rows = static_cast<int>(read_integer(file, *v, map.key_path("shard_rows"),
                                                      "'auto' or a positive integer", 1, kIntMax));
  }
  if (auto v = map.get("shuffle")) spec.shuffle = read_bool(file, *v, "training.shuffle");
  if (auto v = map.get("early_stopping")) spec.early_stopping = read_early_stopping(file, *v);
  if (auto v = map.get("lr_schedule")) spec.lr_schedule = read_lr_schedule(file, *v);
  const RealRange above_zero{0.0, std::numeric_limits<double>::max(), true, false};
  if (auto v = map.get("clip_grad_norm"))
    spec.clip_grad_norm = read_real(file, *v, map.key_path("clip_grad_norm"), "a number > 0", above_zero);
  if (auto v = map.get("clip_grad_value"))
    spec.clip_grad_value = read_real(file, *v, map.key_path("clip_grad_value"), "a number > 0", above_zero);
  return spec;
}
}  // namespace neurite::config
