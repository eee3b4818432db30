#include <neurite/network/network.hpp>

#include "network/activation_layer.hpp"

namespace neurite {
void Network::add_layer(std::string name, std::shared_ptr<Layer> layer) {
  layers_.push_back({std::move(name), false, std::move(layer), 0});
}

void Network::set_penalties(double l1, double l2) {
  layers_.back().l1 = l1;
  layers_.back().l2 = l2;
}

void Network::add_activation(std::string name, std::shared_ptr<const Activation> activation) {
  layers_.push_back({std::move(name), true, std::make_shared<ActivationLayer>(std::move(activation)), 0});
}

Index Network::build(Index input_cols, const Rng& seed_rng) {
  input_cols_ = input_cols;
  Index cols = input_cols;
  for (built_ = 0; built_ < layers_.size(); ++built_) {
    Rng rng = seed_rng.derive(built_);
    cols = layers_[built_].output_cols = layers_[built_].layer->build(cols, rng);
  }
  return output_cols_ = cols;
}

std::size_t Network::parameter_count() {
  std::size_t count = 0;
  for (auto& entry : layers_)
    for (const ParamView& p : entry.layer->parameters()) count += static_cast<std::size_t>(p.size());
  return count;
}

std::string Network::summary() const {
  std::string out;
  for (const auto& entry : layers_) {
    if (!out.empty()) out += ' ';
    out += entry.name;
    if (!entry.is_activation) out += "(" + std::to_string(entry.output_cols) + ")";
  }
  return out;
}
}  // namespace neurite
