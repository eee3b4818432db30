// A small deterministic problem shared by the optimizer tests: two parameters
// (a 2x3 "weight" and a 1x3 "bias") whose gradient at step k is
//     g = 2 * (p - 0.5) + 0.1 * sin(k + element index)
// computed from the current values, once in float for the plugin and once in
// double for the reference written from PyTorch's documented pseudo-code;
// and the checks every optimizer test makes alike. Include it, after
// <boost/test/unit_test.hpp>, from the one file of each test executable (it
// brings in the allocation counter).
#pragma once
#include <neurite/plugin/optimizer.hpp>
#include <neurite/plugin/param_view.hpp>
#include <neurite/testing/plugins.hpp>

#include "../count_allocations.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::testing {
inline double problem_gradient(double p, int step, std::size_t index) {
  return 2.0 * (p - 0.5) + 0.1 * std::sin(static_cast<double>(step) + static_cast<double>(index));
}

/// Per-element reference state: one vector per parameter, filled with `value`.
inline std::vector<std::vector<double>> filled_like(const std::vector<std::vector<double>>& params,
                                                    double value = 0.0) {
  std::vector<std::vector<double>> out;
  for (const auto& p : params) out.emplace_back(p.size(), value);
  return out;
}

/// Calls f(p, g, j, i) for element i of parameter j at step k, where g is the
/// problem's gradient at p plus PyTorch's L2 term weight_decay * p (if != 0).
template <class F>
void for_each_element(std::vector<std::vector<double>>& params, int k, double weight_decay, F&& f) {
  for (std::size_t j = 0; j < params.size(); ++j)
    for (std::size_t i = 0; i < params[j].size(); ++i) {
      double& p = params[j][i];
      double g = problem_gradient(p, k, i);
      if (weight_decay != 0) g += weight_decay * p;
      f(p, g, j, i);
    }
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
/// The parameter values an experiment gets for `name` with nothing set: the
/// schema's defaults, resolved by the registry as in a run.
inline ParamValues default_params(const std::string& name) {
  const auto* component = builtin_registry().find(Kind::optimizer, name);
  if (component == nullptr) throw std::runtime_error("no optimizer '" + name + "'");
  return builtin_registry().resolve_params(*component, component_spec(name));
}

/// Runs optimizer `name` with `settings` and `ref`, a double-precision model
/// of its documented update (members: `lr`, and run(params, first, last)
/// keeping its state across calls), side by side on a Problem for `steps`
/// steps. At step `lr_change_at` (if >= 0) both switch to `new_lr`, as a
/// learning-rate schedule does between epochs.
/// returns: the largest |plugin - reference| over both parameters.
template <class Reference>
double trajectory_error(const std::string& name, Settings settings, Reference ref, int steps,
                        int lr_change_at = -1, double new_lr = 0.0) {
  Problem problem;
  auto want = problem.as_double();
  auto opt = make_optimizer(name, settings);
  opt->bind(problem.views());
  const int split = lr_change_at < 0 ? steps : lr_change_at;
  ref.run(want, 0, split);
  problem.run(*opt, 0, split);
  if (split < steps) {
    ref.lr = new_lr;
    opt->set_learning_rate(new_lr);
    ref.run(want, split, steps);
    problem.run(*opt, split, steps);
  }
  return problem.max_error(want);
}

/// Checks optimizer `name` against its reference `Reference` (a double model
/// as trajectory_error() takes): |plugin - reference| <= 1e-5 after `steps`
/// steps, which on parameters of magnitude <= 2 leaves room for 20 steps of
/// float rounding (~1e-7 each). One per test file:
///   const nt::TrajectoryCheck<ReferenceAdam> expect_trajectory{"adam"};
template <class Reference>
struct TrajectoryCheck {
  const char* name;
  int default_steps = 20;
  void operator()(Settings settings, const Reference& ref) const { (*this)(settings, ref, default_steps); }
  void operator()(Settings settings, const Reference& ref, int steps) const {
    BOOST_TEST_INFO(name << ", " << steps << " steps");
    BOOST_TEST(trajectory_error(name, settings, ref, steps) <= 1e-5);
  }
};

/// Every real parameter in `want` resolves to its value when nothing is set.
inline void check_defaults(const std::string& name, std::initializer_list<std::pair<const char*, double>> want) {
  const auto p = default_params(name);
  for (const auto& [param, value] : want) {
    BOOST_TEST_INFO(name << "." << param);
    BOOST_TEST(p.real(param) == value);
  }
}

/// Each setting on its own is refused when the optimizer is made.
inline void check_each_refused(const std::string& name, Settings settings) {
  for (const Setting& s : settings) {
    BOOST_TEST_INFO(name << " with " << s.key << " = " << s.text);
    BOOST_CHECK_THROW(make_optimizer(name, {s}), Error);
  }
}

/// |weight before - weight after| elementwise, after one step from a fresh bind().
inline Matrix first_step_moves(const std::string& name, Settings settings) {
  Problem problem;
  const Matrix before = problem.weight;
  auto opt = make_optimizer(name, settings);
  opt->bind(problem.views());
  problem.run(*opt, 0, 1);
  return (before - problem.weight).cwiseAbs();
}

/// The largest |weight_a - weight_b| after `steps` steps of two optimizers.
inline float weight_difference(const std::string& name_a, Settings settings_a, const std::string& name_b,
                               Settings settings_b, int steps) {
  Problem a, b;
  auto opt_a = make_optimizer(name_a, settings_a), opt_b = make_optimizer(name_b, settings_b);
  opt_a->bind(a.views());
  opt_b->bind(b.views());
  a.run(*opt_a, 0, steps);
  b.run(*opt_b, 0, steps);
  return (a.weight - b.weight).cwiseAbs().maxCoeff();
}

/// state() after bind() has exactly the names `want`, in order.
inline void check_state_names(const std::string& name, Settings settings, const std::vector<std::string>& want) {
  Problem problem;
  auto opt = make_optimizer(name, settings);
  opt->bind(problem.views());
  std::vector<std::string> got;
  for (const auto& e : opt->state()) got.push_back(e.name);
  BOOST_TEST(got == want, boost::test_tools::per_element());
}

/// Two steps after bind() make no heap allocation.
inline void check_step_does_not_allocate(const std::string& name, Settings settings) {
  if (!kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  Problem problem;
  auto opt = make_optimizer(name, settings);
  opt->bind(problem.views());
  const auto slots = problem.slots();
  problem.compute_gradients(0);
  BOOST_TEST(allocations_during([&] {
               opt->step(slots);
               opt->step(slots);
             }) == 0u);
}

/// With the bias frozen, 4 steps change every weight, leave the bias exactly
/// as it was and leave every "1.*" state entry (the bias's step count and
/// moments) as bind() made it, as PyTorch skips parameters without a gradient;
/// the weight's "0.step", if counted, is 4.
/// requires: <boost/test/unit_test.hpp> included before this header.
inline void check_frozen_parameter_is_untouched(const std::string& name, const Settings& settings) {
  Problem problem;
  problem.bias_trainable = false;
  const Matrix bias = problem.bias, weight = problem.weight;
  auto opt = make_optimizer(name, settings);
  opt->bind(problem.views());
  const auto fresh = opt->state();
  problem.run(*opt, 0, 4);
  BOOST_TEST((problem.bias.array() == bias.array()).all());
  BOOST_TEST((problem.weight.array() != weight.array()).all());
  const auto after = opt->state();
  BOOST_TEST_REQUIRE(after.size() == fresh.size());
  if (after[0].name == "0.step") BOOST_TEST(after[0].value(0, 0) == 4.0f);
  for (std::size_t k = 0; k < after.size(); ++k) {
    if (after[k].name.rfind("1.", 0) != 0) continue;
    BOOST_TEST_INFO("state entry " << after[k].name);
    BOOST_TEST((after[k].value.array() == fresh[k].value.array()).all());
  }
}

/// load_state() refuses a wrong shape, a missing entry, a renamed entry and a
/// negative or fractional step count with std::invalid_argument naming the
/// optimizer, and a refused load changes nothing.
/// requires: <boost/test/unit_test.hpp> included before this header.
inline void check_load_state_validates(const std::string& name, const Settings& settings) {
  Problem problem;
  auto opt = make_optimizer(name, settings);
  opt->bind(problem.views());
  problem.run(*opt, 0, 2);
  const auto good = opt->state();
  const auto expect_refused = [&](const std::vector<NamedMatrix>& bad, const std::string& needle) {
    try {
      opt->load_state(bad);
      BOOST_ERROR("load_state accepted a state with " << needle);
    } catch (const std::invalid_argument& e) {
      const std::string msg = e.what();
      BOOST_TEST_INFO("message: " << msg);
      BOOST_TEST(msg.rfind(name + ": ", 0) == 0u);
      BOOST_TEST_INFO("message: " << msg);
      BOOST_TEST(msg.find(needle) != std::string::npos);
    }
    const auto now = opt->state();
    BOOST_TEST_REQUIRE(now.size() == good.size());
    for (std::size_t k = 0; k < now.size(); ++k) BOOST_TEST((now[k].value.array() == good[k].value.array()).all());
  };
  auto bad = good;
  bad.back().value = Matrix::Zero(3, 3);
  expect_refused(bad, "(3x3), expected '" + good.back().name + "'");
  bad = good;
  bad.pop_back();
  expect_refused(bad, "entries, expected " + std::to_string(good.size()));
  bad = good;
  bad[1].name = "1.unknown";
  expect_refused(bad, "'1.unknown'");
  BOOST_TEST_REQUIRE(good[0].name == "0.step");
  bad = good;
  bad[0].value(0, 0) = -1.0f;
  expect_refused(bad, "whole number");
  bad[0].value(0, 0) = 1.5f;
  expect_refused(bad, "whole number");
  opt->load_state(good);  // the state it produced itself is accepted
}

/// A state saved with `saved_with` (bound to the same parameters) is refused
/// by the optimizer made with `loading_into`, whose layout differs.
inline void check_refuses_state_of_other_settings(const std::string& name, Settings saved_with,
                                                  Settings loading_into) {
  Problem problem;
  auto saved = make_optimizer(name, saved_with), loading = make_optimizer(name, loading_into);
  saved->bind(problem.views());
  loading->bind(problem.views());
  BOOST_CHECK_THROW(loading->load_state(saved->state()), std::invalid_argument);
}
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
