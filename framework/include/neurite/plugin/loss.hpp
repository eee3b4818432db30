// Interface of every loss plugin. Losses work on shards: they return sums, and
// the trainer divides by the mini-batch's term count, so the result equals
// PyTorch's reduction='mean' however the batch is split into shards.
#pragma once
#include <neurite/plugin/tensor.hpp>

namespace neurite {
/// What the network's last output means, so metrics can read it.
enum class OutputKind {
  probabilities,  // class probabilities (1 column: P(class 1)), threshold 0.5
  logits,         // unnormalised scores, argmax / threshold 0
  values,         // regression outputs
};

class Loss {
 public:
  virtual ~Loss() = default;

  /// Targets have pred's shape: one-hot rows for k > 1 output columns, a 0/1
  /// column for a single output, raw values for regression.
  /// ensures: returns the sum of all per-term losses over the shard (double).
  virtual double sum(ConstMatrixRef pred, ConstMatrixRef target) const = 0;

  /// ensures: dpred = scale * d sum(pred, target) / d pred (assigned).
  virtual void gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                        MatrixRef dpred) const = 0;

  /// sum() and gradient() in one call: the trainer's hot path. Override it to
  /// share work (softmax_cross_entropy computes its exponentials once).
  /// ensures: as gradient() for dpred; returns sum(pred, target).
  virtual double sum_and_gradient(ConstMatrixRef pred, ConstMatrixRef target, float scale,
                                  MatrixRef dpred) const {
    gradient(pred, target, scale, dpred);
    return sum(pred, target);
  }

  /// Number of terms sum() adds per sample for `output_cols` columns: the
  /// divisor of reduction='mean' is rows * terms_per_sample (mse: cols, CE: 1).
  virtual Index terms_per_sample(Index output_cols) const = 0;

  virtual OutputKind output_kind() const = 0;
};
}  // namespace neurite
