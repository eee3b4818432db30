// sgd: stochastic gradient descent with optional momentum, dampening,
// Nesterov momentum and L2 weight decay, exactly torch.optim.SGD (1.13).
// For every trainable parameter p with gradient g:
//   d = g + weight_decay * p                       (if weight_decay != 0)
//   if momentum != 0:
//     if the parameter has no buffer yet:  buf = d           (PyTorch: the buffer
//     else:  buf = momentum * buf + (1 - dampening) * d       starts at the first d,
//     d = d + momentum * buf   if nesterov                    not at 0 as in Sutskever
//     d = buf                  otherwise                      et al., 2013)
//   p = p - learning_rate * d
// Nesterov needs momentum > 0 and dampening == 0 (PyTorch's check). A frozen
// parameter (trainable == false) is skipped and its buffer stays absent.
// state(): for each parameter i, "i.momentum_buffer" (the parameter's shape)
// and "i.has_momentum_buffer" (1x1, 0 or 1), in parameter order.
#include <neurite/kernels/elementwise.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/optimizer.hpp>

#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::plugins {
namespace {
class Sgd final : public Optimizer {
 public:
  Sgd(double lr, double momentum, double dampening, bool nesterov, double weight_decay)
      : lr_(lr), momentum_(momentum), dampening_(dampening), nesterov_(nesterov),
        weight_decay_(weight_decay) {
    if (nesterov && (momentum <= 0.0 || dampening != 0.0))
      throw std::invalid_argument("sgd: nesterov momentum requires momentum > 0 and dampening == 0 (got momentum " +
                                  std::to_string(momentum) + ", dampening " + std::to_string(dampening) + ")");
  }

  void bind(std::span<const ParamView> params) override {
    buffers_.clear();
    has_buffer_.assign(params.size(), false);
    for (const ParamView& p : params) buffers_.push_back(Matrix::Zero(p.rows, p.cols));
  }

  void step(std::span<const ParamSlot> slots) override {
    if (slots.size() != buffers_.size())
      throw std::invalid_argument("sgd: step() got " + std::to_string(slots.size()) +
                                  " parameters, bind() had " + std::to_string(buffers_.size()));
    const float lr = static_cast<float>(lr_), wd = static_cast<float>(weight_decay_);
    const float mom = static_cast<float>(momentum_), damp = static_cast<float>(1.0 - dampening_);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const ParamSlot& s = slots[i];
      if (!s.param.trainable) continue;
      const bool first = !has_buffer_[i];
      if (momentum_ != 0.0) has_buffer_[i] = true;
      float* const param = s.param.data;
      const float* const grad = s.gradient;
      float* const buffer = buffers_[i].data();
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), buf(buffer + begin, n);
        const Eigen::Map<const Eigen::ArrayXf> g(grad + begin, n);
        const auto d = g + wd * p;  // an expression: evaluated per element
        if (momentum_ == 0.0) {
          p -= lr * d;
          return;
        }
        if (first) buf = d;
        else buf = mom * buf + damp * d;
        if (nesterov_) p -= lr * (d + mom * buf);
        else p -= lr * buf;
      });
    }
  }

  double learning_rate() const override { return lr_; }
  void set_learning_rate(double lr) override { lr_ = lr; }

  std::vector<NamedMatrix> state() const override {
    std::vector<NamedMatrix> out;
    for (std::size_t i = 0; i < buffers_.size(); ++i) {
      out.push_back({std::to_string(i) + ".momentum_buffer", buffers_[i]});
      out.push_back({std::to_string(i) + ".has_momentum_buffer",
                     Matrix::Constant(1, 1, has_buffer_[i] ? 1.0f : 0.0f)});
    }
    return out;
  }

  // requires: bind() was called with the parameters the state was saved for.
  void load_state(const std::vector<NamedMatrix>& state) override {
    const std::vector<NamedMatrix> want = this->state();
    if (state.size() != want.size())
      throw std::invalid_argument("sgd: state has " + std::to_string(state.size()) +
                                  " entries, expected " + std::to_string(want.size()));
    for (std::size_t k = 0; k < state.size(); ++k) {
      if (state[k].name != want[k].name || state[k].value.rows() != want[k].value.rows() ||
          state[k].value.cols() != want[k].value.cols()) {
        std::ostringstream os;
        os << "sgd: state entry " << k << " is '" << state[k].name << "' (" << state[k].value.rows() << "x"
           << state[k].value.cols() << "), expected '" << want[k].name << "' (" << want[k].value.rows() << "x"
           << want[k].value.cols() << ")";
        throw std::invalid_argument(os.str());
      }
    }
    for (std::size_t i = 0; i < buffers_.size(); ++i) {
      buffers_[i] = state[2 * i].value;
      has_buffer_[i] = state[2 * i + 1].value(0, 0) != 0.0f;
    }
  }

 private:
  double lr_, momentum_, dampening_;
  bool nesterov_;
  double weight_decay_;
  std::vector<Matrix> buffers_;
  std::vector<bool> has_buffer_;
};

constexpr ParamSpec kParams[] = {
    {.name = "learning_rate", .type = ParamType::real, .min = 0.0, .doc = "step size (torch: lr)",
     .required = true},
    {.name = "momentum", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "momentum factor"},
    {.name = "dampening", .type = ParamType::real, .default_number = 0.0,
     .doc = "dampening for momentum"},
    {.name = "nesterov", .type = ParamType::boolean, .default_number = 0.0,
     .doc = "use Nesterov momentum (Sutskever et al., 2013)"},
    {.name = "weight_decay", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "L2 penalty added to the gradient"},
};

Optimizer* make_sgd(const ParamValues& p) {
  return new Sgd(p.real("learning_rate"), p.real("momentum"), p.real("dampening"),
                 p.boolean("nesterov"), p.real("weight_decay"));
}
}  // namespace

const ComponentInfo sgd_component{"sgd", "stochastic gradient descent (momentum, nesterov, weight_decay)",
                                  kParams, std::size(kParams), &make_sgd};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::sgd_component, sgd)
