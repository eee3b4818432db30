// bent_identity: a smooth, unbounded activation.
//   forward   a  = (sqrt(z^2 + 1) - 1) / 2 + z
//   backward  dz = da * (z / (2 sqrt(z^2 + 1)) + 1)
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

namespace example {
class BentIdentity final : public neurite::Activation {
 public:
  void forward(neurite::ConstMatrixRef z, neurite::MatrixRef a) const override {
    a.array() = ((z.array().square() + 1.0f).sqrt() - 1.0f) * 0.5f + z.array();
  }
  void backward(neurite::ConstMatrixRef z, neurite::ConstMatrixRef, neurite::ConstMatrixRef da,
                neurite::MatrixRef dz) const override {
    dz.array() = da.array() * (z.array() / (2.0f * (z.array().square() + 1.0f).sqrt()) + 1.0f);
  }
};

neurite::Activation* make_bent_identity(const neurite::ParamValues&) { return new BentIdentity; }

const neurite::ComponentInfo bent_identity{"bent_identity", "(sqrt(z^2 + 1) - 1) / 2 + z", nullptr, 0,
                                           &make_bent_identity};
}  // namespace example

NEURITE_EXPORT_COMPONENT(example::bent_identity, bent_identity)
