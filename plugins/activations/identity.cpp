// identity: passes its input through unchanged (torch.nn.Identity).
//   forward   a  = z
//   backward  dz = da
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/component.hpp>

namespace neurite::plugins {
namespace {
class Identity final : public Activation {
 public:
  void forward(ConstMatrixRef z, MatrixRef a) const override { a = z; }
  void backward(ConstMatrixRef /*z*/, ConstMatrixRef /*a*/, ConstMatrixRef da,
                MatrixRef dz) const override {
    dz = da;
  }
};

Activation* make_identity(const ParamValues& /*params*/) { return new Identity(); }
}  // namespace

const ComponentInfo identity_component{"identity", "a = z (no-op; useful for linear outputs)",
                                       nullptr, 0, &make_identity};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::identity_component, identity)
