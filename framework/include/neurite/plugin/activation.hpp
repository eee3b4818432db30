// Interface of every activation plugin: an element-wise (or row-wise, like
// softmax) function applied to whole batches. Stateless and const, so one
// instance serves all shards concurrently.
#pragma once
#include <neurite/plugin/tensor.hpp>

namespace neurite {
class Activation {
 public:
  virtual ~Activation() = default;

  /// requires: a has z's shape.  ensures: a = f(z) (assigned).
  virtual void forward(ConstMatrixRef z, MatrixRef a) const = 0;

  /// requires: a = f(z) from forward(); da = dL/da; dz has z's shape.
  /// ensures:  dz = dL/dz (assigned).
  virtual void backward(ConstMatrixRef z, ConstMatrixRef a, ConstMatrixRef da,
                        MatrixRef dz) const = 0;
};
}  // namespace neurite
