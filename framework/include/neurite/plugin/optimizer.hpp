// Interface of every optimizer plugin. An optimizer owns its state (moments),
// which it exposes as named matrices so that checkpoints can save and restore
// it exactly.
#pragma once
#include <neurite/plugin/param_view.hpp>
#include <neurite/plugin/tensor.hpp>

#include <span>
#include <string>
#include <vector>

namespace neurite {
struct NamedMatrix {
  std::string name;
  Matrix value;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;

  /// Sizes the state for these parameters (same order as every later step).
  /// Called once before the first step; the only place allowed to allocate.
  virtual void bind(std::span<const ParamView> params) = 0;

  /// requires: bind() was called with the same parameters.
  /// ensures:  updates every trainable slot.param in place from slot.grad();
  ///           frozen parameters (trainable == false) are left untouched.
  virtual void step(std::span<const ParamSlot> slots) = 0;

  virtual double learning_rate() const = 0;
  virtual void set_learning_rate(double lr) = 0;

  /// The full optimizer state (step count, moments), in a stable order.
  virtual std::vector<NamedMatrix> state() const = 0;
  virtual void load_state(const std::vector<NamedMatrix>& state) = 0;
};
}  // namespace neurite
