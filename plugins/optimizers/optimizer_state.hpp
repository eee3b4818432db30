// The state every built-in optimizer keeps, and the checks they all make the
// same way, with the same messages: step() got the parameters bind() saw, and
// load_state() got exactly the entries state() returns (names, shapes, order)
// before anything is changed, so a checkpoint of other parameters or another
// configuration is refused with a message naming the first entry that
// differs. Internal to plugins/optimizers (not a public header); the strings
// are built only on the failure path, so step() stays allocation-free.
#pragma once
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/plugin/param_view.hpp>

#include <cmath>
#include <cstddef>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace neurite::plugins::optimizer_state {
/// requires: nothing. ensures: throws std::invalid_argument unless got == bound.
inline void check_slot_count(const char* optimizer, std::size_t got, std::size_t bound) {
  if (got != bound)
    throw std::invalid_argument(std::string(optimizer) + ": step() got " + std::to_string(got) +
                                " parameters, bind() had " + std::to_string(bound));
}

/// Throws std::invalid_argument unless `got` has `want`'s entry count, names
/// and shapes, in order (`want` is the optimizer's own state()).
inline void check_layout(const char* optimizer, const std::vector<NamedMatrix>& got,
                         const std::vector<NamedMatrix>& want) {
  if (got.size() != want.size()) {
    std::ostringstream os;
    os << optimizer << ": state has " << got.size() << " entries, expected " << want.size() << " (";
    for (std::size_t k = 0; k < want.size(); ++k) os << (k ? ", " : "") << want[k].name;
    os << "); was it saved with other parameters or settings?";
    throw std::invalid_argument(os.str());
  }
  for (std::size_t k = 0; k < got.size(); ++k) {
    const Matrix &g = got[k].value, &w = want[k].value;
    if (got[k].name != want[k].name || g.rows() != w.rows() || g.cols() != w.cols()) {
      std::ostringstream os;
      os << optimizer << ": state entry " << k << " is '" << got[k].name << "' (" << g.rows() << "x" << g.cols()
         << "), expected '" << want[k].name << "' (" << w.rows() << "x" << w.cols() << ")";
      throw std::invalid_argument(os.str());
    }
  }
}

/// A step count saved as a 1x1 entry. Throws std::invalid_argument unless it
/// is a whole number >= 0.
inline double read_count(const char* optimizer, const NamedMatrix& entry) {
  const float v = entry.value(0, 0);
  if (!(v >= 0.0f) || std::floor(v) != v)
    throw std::invalid_argument(std::string(optimizer) + ": state entry '" + entry.name + "' is " +
                                std::to_string(v) + ", expected a whole number >= 0");
  return v;
}

/// A scalar as a 1x1 state entry.
inline Matrix scalar(double v) { return Matrix::Constant(1, 1, static_cast<float>(v)); }

/// Per-parameter state laid out as PyTorch names it: for parameter i,
/// "i.step" (1x1, if the optimizer counts steps), then "i.<name>" for each
/// buffer in the order given. bind() is the only call that allocates; step()
/// reads and writes step() and value() in place.
class PerParameter {
 public:
  struct Buffer {
    const char* name;       // PyTorch's state name, e.g. "exp_avg"
    float initial = 0.0f;   // what bind() fills it with
    bool scalar = false;    // 1x1 instead of the parameter's shape
    bool (*valid)(float) = nullptr;  // scalar only: what load accepts ...
    const char* expected = "";       // ... and how a refusal says it
  };

  /// `optimizer` names the optimizer in every error message.
  PerParameter(const char* optimizer, bool counts_steps, std::vector<Buffer> buffers)
      : optimizer_(optimizer), counts_steps_(counts_steps), buffers_(std::move(buffers)) {}

  /// ensures: steps are 0 and every buffer holds its initial value.
  void bind(std::span<const ParamView> params) {
    size_ = params.size();
    steps_.assign(counts_steps_ ? size_ : 0, 0.0);
    values_.clear();
    for (const ParamView& p : params)
      for (const Buffer& b : buffers_)
        values_.push_back(large_matrix(b.scalar ? 1 : p.rows, b.scalar ? 1 : p.cols, b.initial));
  }

  /// For every trainable slot, counts its step (t = its new step count, 0
  /// if steps are not counted) and calls f(i, slot, t). Throws
  /// std::invalid_argument unless `slots` has the bound parameter count.
  template <class F>
  void step_each(std::span<const ParamSlot> slots, F&& f) {
    check_slot_count(optimizer_, slots.size(), size_);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i].param.trainable) continue;
      const double t = counts_steps_ ? (steps_[i] += 1.0) : 0.0;
      f(i, slots[i], t);
    }
  }

  /// Parameter i's buffer b, in the order given to the constructor.
  Matrix& value(std::size_t i, std::size_t b) { return values_[i * buffers_.size() + b]; }

  /// The entries state() returns, in PyTorch's order.
  std::vector<NamedMatrix> entries() const {
    std::vector<NamedMatrix> out;
    for (std::size_t i = 0; i < size_; ++i) {
      const std::string k = std::to_string(i) + ".";
      if (counts_steps_) out.push_back({k + "step", scalar(steps_[i])});
      for (std::size_t b = 0; b < buffers_.size(); ++b)
        out.push_back({k + buffers_[b].name, values_[i * buffers_.size() + b]});
    }
    return out;
  }

  /// Replaces the state with `state`, which must have entries()'s layout,
  /// whole step counts >= 0 and scalars their buffer's `valid` accepts;
  /// otherwise throws std::invalid_argument and changes nothing.
  void load(const std::vector<NamedMatrix>& state) {
    check_layout(optimizer_, state, entries());
    for (std::size_t i = 0; i < size_; ++i) {
      if (counts_steps_) read_count(optimizer_, state[i * per()]);
      for (std::size_t b = 0; b < buffers_.size(); ++b) {
        const NamedMatrix& entry = state[index(i, b)];
        if (buffers_[b].valid != nullptr && !buffers_[b].valid(entry.value(0, 0)))
          throw std::invalid_argument(std::string(optimizer_) + ": state entry '" + entry.name + "' is " +
                                      std::to_string(entry.value(0, 0)) + ", expected " + buffers_[b].expected);
      }
    }
    for (std::size_t i = 0; i < size_; ++i) {
      if (counts_steps_) steps_[i] = state[i * per()].value(0, 0);
      for (std::size_t b = 0; b < buffers_.size(); ++b) value(i, b) = state[index(i, b)].value;
    }
  }

 private:
  std::size_t per() const { return (counts_steps_ ? 1 : 0) + buffers_.size(); }
  std::size_t index(std::size_t i, std::size_t b) const { return i * per() + (counts_steps_ ? 1 : 0) + b; }

  const char* optimizer_;
  bool counts_steps_;
  std::vector<Buffer> buffers_;
  std::size_t size_ = 0;         // parameters bound
  std::vector<double> steps_;    // per parameter, if counted
  std::vector<Matrix> values_;   // parameter-major: values_[i * buffers_.size() + b]
};

/// An optimizer whose state is one PerParameter and whose learning rate is
/// a plain setting: everything but step(), which each optimizer writes.
class PerParameterOptimizer : public Optimizer {
 public:
  PerParameterOptimizer(double lr, PerParameter state) : lr_(lr), state_(std::move(state)) {}

  void bind(std::span<const ParamView> params) override { state_.bind(params); }
  double learning_rate() const override { return lr_; }
  void set_learning_rate(double lr) override { lr_ = lr; }
  std::vector<NamedMatrix> state() const override { return state_.entries(); }
  // requires: bind() was called with the parameters the state was saved for.
  void load_state(const std::vector<NamedMatrix>& state) override { state_.load(state); }

 protected:
  double lr_;
  PerParameter state_;
};
}  // namespace neurite::plugins::optimizer_state
