// A network: an ordered list of layers (plugin layers and activations
// wrapped as layers), built for a given number of input features. It owns the
// layers (and so keeps their plugin libraries loaded).
#pragma once
#include <neurite/plugin/layer.hpp>
#include <neurite/rng.hpp>

#include <memory>
#include <string>
#include <vector>

namespace neurite {
class Activation;

struct NetworkLayer {
  std::string name;  // component name: "dense", "tanh"
  bool is_activation = false;
  std::shared_ptr<Layer> layer;
  Index output_cols = 0;  // known after build()
  double l1 = 0.0, l2 = 0.0;  // penalties on this layer's "weight" parameters (ModelEntry)
};

class Network {
 public:
  void add_layer(std::string name, std::shared_ptr<Layer> layer);
  void add_activation(std::string name, std::shared_ptr<const Activation> activation);
  /// L1/L2 penalties on the "weight" parameters of the last added layer.
  void set_penalties(double l1, double l2);

  /// Builds every layer in order; layer i draws its initial values from
  /// seed_rng.derive(i). ensures: returns the number of output columns.
  /// A layer's exception propagates; built_layers() then says which one threw.
  Index build(Index input_cols, const Rng& seed_rng);
  /// Layers built so far by the last build() (all of them once it returned).
  std::size_t built_layers() const { return built_; }

  std::size_t size() const { return layers_.size(); }
  Layer& layer(std::size_t i) { return *layers_[i].layer; }
  const Layer& layer(std::size_t i) const { return *layers_[i].layer; }
  const NetworkLayer& entry(std::size_t i) const { return layers_[i]; }
  Index input_cols() const { return input_cols_; }
  Index output_cols() const { return output_cols_; }

  /// Number of scalar parameters (trainable or not).
  std::size_t parameter_count();
  /// "dense(16) tanh dense(2)".
  std::string summary() const;

 private:
  std::vector<NetworkLayer> layers_;
  Index input_cols_ = 0, output_cols_ = 0;
  std::size_t built_ = 0;
};
}  // namespace neurite
