// A copy of every parameter of a network (trainable or not: batch_norm's
// running statistics belong to the model too), for early stopping's
// restore_best_weights. Buffers are sized once, before training, so taking a
// snapshot between epochs allocates nothing.
#pragma once
#include <neurite/network/network.hpp>

#include <string>
#include <vector>

namespace neurite {
class ParameterSnapshot {
 public:
  /// Sizes the buffers for `network`'s parameters (nothing when !enabled).
  ParameterSnapshot(Network& network, bool enabled);
  bool enabled() const { return enabled_; }
  /// ensures: the buffers hold the network's current parameter values.
  void capture();
  /// requires: capture() was called. ensures: the network's parameters are
  /// the captured values.
  void restore() const;
  /// The captured values, one buffer per parameter in layer order (checkpoints).
  const std::vector<std::vector<float>>& values() const { return values_; }
  /// requires: enabled(). ensures: values() == `values`; Error(data) prefixed
  /// with `source` when their count or sizes differ from the network's.
  void set_values(const std::vector<std::vector<float>>& values, const std::string& source);

 private:
  Network& network_;
  bool enabled_;
  std::vector<std::vector<float>> values_;  // [parameter in layer order]
};
}  // namespace neurite
