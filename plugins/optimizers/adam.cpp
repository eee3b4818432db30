// adam: adaptive moment estimation (Kingma & Ba, 2015), exactly
// torch.optim.Adam (1.13, amsgrad=False). For every trainable parameter p
// with gradient g (each parameter counts its own steps t, as PyTorch does):
//   t = t + 1
//   g = g + weight_decay * p                       (L2 added to the gradient,
//                                                   not decoupled as AdamW)
//   m = beta1 * m + (1 - beta1) * g
//   v = beta2 * v + (1 - beta2) * g^2
//   bias_correction1 = 1 - beta1^t
//   bias_correction2 = 1 - beta2^t
//   p = p - (learning_rate / bias_correction1) * m / (sqrt(v) / sqrt(bias_correction2) + eps)
// PyTorch differs from the paper's Algorithm 1 in where eps enters: it is
// added to sqrt(v) / sqrt(bias_correction2) (the paper's sqrt(v_hat) + eps),
// computed in this order; the scalar factors are computed in double.
// state(): for each parameter i, "i.step" (1x1), "i.exp_avg", "i.exp_avg_sq".
#include <neurite/kernels/elementwise.hpp>
#include <neurite/plugin/abi.hpp>
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/optimizer.hpp>

#include <cmath>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::plugins {
namespace {
class Adam final : public Optimizer {
 public:
  Adam(double lr, double beta1, double beta2, double eps, double weight_decay)
      : lr_(lr), beta1_(beta1), beta2_(beta2), eps_(eps), weight_decay_(weight_decay) {
    if (!(beta1 >= 0.0 && beta1 < 1.0))
      throw std::invalid_argument("adam: invalid beta1 " + std::to_string(beta1) + " (needs 0 <= beta1 < 1)");
    if (!(beta2 >= 0.0 && beta2 < 1.0))
      throw std::invalid_argument("adam: invalid beta2 " + std::to_string(beta2) + " (needs 0 <= beta2 < 1)");
  }

  void bind(std::span<const ParamView> params) override {
    steps_.assign(params.size(), 0.0);
    exp_avg_.clear();
    exp_avg_sq_.clear();
    for (const ParamView& p : params) {
      exp_avg_.push_back(Matrix::Zero(p.rows, p.cols));
      exp_avg_sq_.push_back(Matrix::Zero(p.rows, p.cols));
    }
  }

  void step(std::span<const ParamSlot> slots) override {
    if (slots.size() != exp_avg_.size())
      throw std::invalid_argument("adam: step() got " + std::to_string(slots.size()) +
                                  " parameters, bind() had " + std::to_string(exp_avg_.size()));
    const float wd = static_cast<float>(weight_decay_);
    const float b1 = static_cast<float>(beta1_), b2 = static_cast<float>(beta2_);
    const float one_minus_b1 = static_cast<float>(1.0 - beta1_), one_minus_b2 = static_cast<float>(1.0 - beta2_);
    const float eps = static_cast<float>(eps_);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const ParamSlot& s = slots[i];
      if (!s.param.trainable) continue;
      steps_[i] += 1.0;
      const double bias_correction1 = 1.0 - std::pow(beta1_, steps_[i]);
      const double bias_correction2 = 1.0 - std::pow(beta2_, steps_[i]);
      const float step_size = static_cast<float>(lr_ / bias_correction1);
      const float bc2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
      float* const param = s.param.data;
      const float* const raw = s.gradient;
      float* const avg = exp_avg_[i].data();
      float* const avg_sq = exp_avg_sq_[i].data();
      // One pass through memory: each chunk's statements run while it is in cache.
      kernels::for_each_chunk(s.param.size(), [&](Index begin, Index end) {
        const Index n = end - begin;
        Eigen::Map<Eigen::ArrayXf> p(param + begin, n), m(avg + begin, n), v(avg_sq + begin, n);
        const auto g = Eigen::Map<const Eigen::ArrayXf>(raw + begin, n) + wd * p;  // per element
        m = b1 * m + one_minus_b1 * g;
        v = b2 * v + one_minus_b2 * g.square();
        p -= step_size * m / (v.sqrt() / bc2_sqrt + eps);
      });
    }
  }

  double learning_rate() const override { return lr_; }
  void set_learning_rate(double lr) override { lr_ = lr; }

  std::vector<NamedMatrix> state() const override {
    std::vector<NamedMatrix> out;
    for (std::size_t i = 0; i < exp_avg_.size(); ++i) {
      const std::string k = std::to_string(i);
      out.push_back({k + ".step", Matrix::Constant(1, 1, static_cast<float>(steps_[i]))});
      out.push_back({k + ".exp_avg", exp_avg_[i]});
      out.push_back({k + ".exp_avg_sq", exp_avg_sq_[i]});
    }
    return out;
  }

  // requires: bind() was called with the parameters the state was saved for.
  void load_state(const std::vector<NamedMatrix>& state) override {
    const std::vector<NamedMatrix> want = this->state();
    if (state.size() != want.size())
      throw std::invalid_argument("adam: state has " + std::to_string(state.size()) +
                                  " entries, expected " + std::to_string(want.size()));
    for (std::size_t k = 0; k < state.size(); ++k) {
      if (state[k].name != want[k].name || state[k].value.rows() != want[k].value.rows() ||
          state[k].value.cols() != want[k].value.cols()) {
        std::ostringstream os;
        os << "adam: state entry " << k << " is '" << state[k].name << "' (" << state[k].value.rows() << "x"
           << state[k].value.cols() << "), expected '" << want[k].name << "' (" << want[k].value.rows() << "x"
           << want[k].value.cols() << ")";
        throw std::invalid_argument(os.str());
      }
    }
    for (std::size_t i = 0; i < exp_avg_.size(); ++i) {
      steps_[i] = state[3 * i].value(0, 0);
      exp_avg_[i] = state[3 * i + 1].value;
      exp_avg_sq_[i] = state[3 * i + 2].value;
    }
  }

 private:
  double lr_, beta1_, beta2_, eps_, weight_decay_;
  std::vector<double> steps_;  // per parameter, as PyTorch's state['step']
  std::vector<Matrix> exp_avg_, exp_avg_sq_;
};

constexpr ParamSpec kParams[] = {
    {.name = "learning_rate", .type = ParamType::real, .default_number = 0.001, .min = 0.0,
     .doc = "step size (torch: lr)"},
    {.name = "beta1", .type = ParamType::real, .default_number = 0.9, .min = 0.0, .max = 1.0,
     .doc = "decay of the first-moment average, < 1 (torch: betas[0])"},
    {.name = "beta2", .type = ParamType::real, .default_number = 0.999, .min = 0.0, .max = 1.0,
     .doc = "decay of the second-moment average, < 1 (torch: betas[1])"},
    {.name = "eps", .type = ParamType::real, .default_number = 1e-8, .min = 0.0,
     .doc = "added to the denominator for stability"},
    {.name = "weight_decay", .type = ParamType::real, .default_number = 0.0, .min = 0.0,
     .doc = "L2 penalty added to the gradient"},
};

Optimizer* make_adam(const ParamValues& p) {
  return new Adam(p.real("learning_rate"), p.real("beta1"), p.real("beta2"), p.real("eps"),
                  p.real("weight_decay"));
}
}  // namespace

const ComponentInfo adam_component{"adam", "Adam with bias correction (torch.optim.Adam)", kParams,
                                   std::size(kParams), &make_adam};
}  // namespace neurite::plugins

NEURITE_EXPORT_COMPONENT(neurite::plugins::adam_component, adam)
