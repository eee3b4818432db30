// A small deterministic problem shared by the optimizer tests: two parameters
// (a 2x3 "weight" and a 1x3 "bias") whose gradient at step k is
//     g = 2 * (p - 0.5) + 0.1 * sin(k + element index)
// computed from the current values, once in float for the plugin and once in
// double for the reference written from PyTorch's documented pseudo-code.
#pragma once
#include <neurite/plugin/optimizer.hpp>
#include <neurite/plugin/param_view.hpp>
#include <neurite/testing/plugins.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace neurite::testing {
inline double problem_gradient(double p, int step, std::size_t index) {
  return 2.0 * (p - 0.5) + 0.1 * std::sin(static_cast<double>(step) + static_cast<double>(index));
}

struct Problem {
  Matrix weight = random_matrix(2, 3, 101), bias = random_matrix(1, 3, 102);
  Matrix weight_grad = Matrix::Zero(2, 3), bias_grad = Matrix::Zero(1, 3);
  bool bias_trainable = true;

  std::vector<ParamView> views() {
    return {{"weight", weight.data(), 2, 3, true}, {"bias", bias.data(), 1, 3, bias_trainable}};
  }
  std::vector<ParamSlot> slots() {
    const auto v = views();
    return {{v[0], weight_grad.data()}, {v[1], bias_grad.data()}};
  }
  void compute_gradients(int step) {
    for (Index i = 0; i < weight.size(); ++i)
      weight_grad.data()[i] = static_cast<float>(problem_gradient(weight.data()[i], step, static_cast<std::size_t>(i)));
    for (Index i = 0; i < bias.size(); ++i)
      bias_grad.data()[i] = static_cast<float>(problem_gradient(bias.data()[i], step, static_cast<std::size_t>(i)));
  }
  /// Binds `opt` and runs steps [first, last).
  void run(Optimizer& opt, int first, int last) {
    const auto s = slots();
    for (int k = first; k < last; ++k) {
      compute_gradients(k);
      opt.step(s);
    }
  }
  /// All parameter values in double, weight then bias, for the reference.
  std::vector<std::vector<double>> as_double() const {
    return {std::vector<double>(weight.data(), weight.data() + weight.size()),
            std::vector<double>(bias.data(), bias.data() + bias.size())};
  }
  /// Largest |float - reference| over both parameters.
  double max_error(const std::vector<std::vector<double>>& ref) const {
    double e = 0.0;
    for (Index i = 0; i < weight.size(); ++i) e = std::max(e, std::abs(weight.data()[i] - ref[0][static_cast<std::size_t>(i)]));
    for (Index i = 0; i < bias.size(); ++i) e = std::max(e, std::abs(bias.data()[i] - ref[1][static_cast<std::size_t>(i)]));
    return e;
  }
};
/// Saves an optimizer's state after 3 steps, continues 4 more; a fresh
/// optimizer loading that state from the checkpoint must end bitwise equal.
/// requires: <boost/test/unit_test.hpp> included before this header.
inline void check_state_round_trip(const std::string& name, const Settings& settings) {
  Problem a;
  auto opt_a = make_optimizer(name, settings);
  opt_a->bind(a.views());
  a.run(*opt_a, 0, 3);
  const auto saved = opt_a->state();
  const Problem at_checkpoint = a;
  a.run(*opt_a, 3, 7);

  Problem b = at_checkpoint;
  auto opt_b = make_optimizer(name, settings);
  opt_b->bind(b.views());
  opt_b->load_state(saved);
  b.run(*opt_b, 3, 7);
  BOOST_TEST((a.weight.array() == b.weight.array()).all());
  BOOST_TEST((a.bias.array() == b.bias.array()).all());
  const auto sa = opt_a->state(), sb = opt_b->state();
  BOOST_TEST_REQUIRE(sa.size() == sb.size());
  for (std::size_t i = 0; i < sa.size(); ++i) {
    BOOST_TEST(sa[i].name == sb[i].name);
    BOOST_TEST((sa[i].value.array() == sb[i].value.array()).all());
  }
}
}  // namespace neurite::testing
