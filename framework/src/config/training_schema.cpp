// `training:` section of an experiment file; every key is optional:
//   epochs, batch_size: positive integers
//   shard_rows: auto (default: chosen from the network's work per row) | positive integer
//   shuffle: true | false
//   early_stopping: {enabled: true, monitor: validation_loss | validation_accuracy | train_loss,
//                    patience: integer >= 0, min_delta: number >= 0}
//   (giving early_stopping enables it unless it says enabled: false)
#include "config/schema.hpp"
#include "config/yaml_reader.hpp"

#include <limits>

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
}  // namespace

TrainingSpec read_training(const std::string& file, const YAML::Node& node) {
  const MapReader map(file, node, "training",
                      {"epochs", "batch_size", "shard_rows", "shuffle", "early_stopping"});
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
  return spec;
}
}  // namespace neurite::config
