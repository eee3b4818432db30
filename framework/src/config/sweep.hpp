// `sweep:` expands one experiment into runs:
//   sweep:
//     model.0.dense.units: [1, 2, 3]          # shorthand for grid
//     grid: {optimizer.learning_rate: [0.1, 0.01]}
//     zip:  {model.0.dense.units: [8, 16], training.epochs: [50, 100]}
//     seeds: [1, 2, 3]                          # or repeats: 3
// Grid entries combine as a cartesian product (first entry outermost), zip
// entries are taken side by side as one more dimension, and each point runs
// once per seed. Every run gets a stable name from its point:
// "moons-mlp[units=20,seed=2]" (the label is a path's last key, or the whole
// path where two paths share it).
#pragma once
#include <neurite/experiment_spec.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace neurite::config {
struct SweepPoint {
  std::vector<std::pair<std::string, YAML::Node>> values;  // key path -> the value node
  std::optional<std::uint64_t> seed;
  std::vector<SweepSetting> settings;  // for the run's name and its result
  std::string suffix() const;          // "[units=20,seed=2]"
};

/// The points of `sweep` (the `sweep:` node of an experiment in `file`),
/// seeds derived from `seed` for `repeats`. Errors are usage errors at the
/// offending entry.
std::vector<SweepPoint> expand_sweep(const std::string& file, const YAML::Node& sweep, std::uint64_t seed);

/// "[units=20,seed=2]" for the settings of a run; "" for none.
std::string settings_suffix(const std::vector<SweepSetting>& settings);

/// Key paths a sweep may not set (the run's identity and the sweep itself).
bool sweepable(const std::string& path);
}  // namespace neurite::config
