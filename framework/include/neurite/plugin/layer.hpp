// Interface of every layer plugin. Batches are row-major float matrices, one
// sample per row (tensor.hpp). After build() a Layer is read-only during a
// step: all per-call state (remembered input, outputs, dropout masks,
// parameter gradients) lives in the Workspace the trainer passes in, one per
// layer per shard, so shards run forward/backward concurrently without locks.
#pragma once
#include <neurite/plugin/param_view.hpp>
#include <neurite/plugin/tensor.hpp>
#include <neurite/plugin/workspace.hpp>
#include <neurite/rng.hpp>

#include <span>

namespace neurite {
class Layer {
 public:
  virtual ~Layer() = default;

  /// Creates and initialises parameters for `input_cols` input features,
  /// drawing from `rng` (derived from the experiment seed).
  /// ensures: returns the number of output columns. Called once.
  virtual Index build(Index input_cols, Rng& rng) = 0;

  /// Sizes every buffer in `ws` for up to `max_rows` rows. Never called in a step.
  virtual void reserve(Workspace& ws, Index max_rows) const = 0;

  /// requires: x.cols() == input_cols of build(); x.rows() <= max_rows; x stays
  ///           valid and unchanged until backward() returns.
  /// ensures:  returns y = f(x), a view into ws valid until the next forward.
  ///           Train/eval behaviour reads ws.training(); randomness uses ws.rng().
  virtual ConstMatrixRef forward(ConstMatrixRef x, Workspace& ws) const = 0;

  /// requires: forward() was the last call on ws; dy has y's shape.
  /// ensures:  returns dL/dx (assigned, a view into ws), or an empty view
  ///           when !ws.input_gradient_needed() (the first layer);
  ///           ws.gradient(i) += dL/d parameters()[i] for every i.
  virtual ConstMatrixRef backward(ConstMatrixRef dy, Workspace& ws) const = 0;

  /// Named parameters ("weight", "bias") in the fixed order that optimizers,
  /// ws.gradient(i) and archives rely on. Mutable only for the optimizer step
  /// and for loading saved values.
  virtual std::span<ParamView> parameters() = 0;
  /// True when forward() in training mode must see the whole mini-batch at
  /// once (statistics over the batch: batch_norm). The trainer then runs the
  /// batch as one shard, so the layer may also update state that is not
  /// trained (running statistics, exposed as parameters with trainable false)
  /// in forward() without a race; its large products still run in parallel.
  virtual bool needs_whole_batch() const { return false; }
};
}  // namespace neurite
