// Mirrors plugins/optimizers/adamax.cpp; loads it through the registry. The
// reference below is torch.optim.Adamax's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE adamax
#include <boost/test/unit_test.hpp>

#include "problem.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nt = neurite::testing;

namespace {
// torch.optim.Adamax's documented update in double; state persists across run().
struct ReferenceAdamax {
  double lr = 0.002, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0;
  std::vector<std::vector<double>> m{}, u{};

  void run(std::vector<std::vector<double>>& params, int first, int last) {
    if (m.empty()) m = u = nt::filled_like(params);
    for (int k = first; k < last; ++k) {
      const double clr = lr / (1 - std::pow(beta1, k + 1));
      nt::for_each_element(params, k, weight_decay, [&](double& p, double g, std::size_t j, std::size_t i) {
        m[j][i] = beta1 * m[j][i] + (1 - beta1) * g;
        u[j][i] = std::max(beta2 * u[j][i], std::abs(g) + eps);
        p -= clr * m[j][i] / u[j][i];
      });
    }
  }
};

const nt::TrajectoryCheck<ReferenceAdamax> expect_trajectory{"adamax"};
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  nt::check_defaults("adamax", {{"learning_rate", 0.002}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8},
                                {"weight_decay", 0.0}});
  expect_trajectory({}, {});
}

BOOST_AUTO_TEST_CASE(matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.05}}, {.lr = 0.05});
  // beta2 = 0.5 lets the decayed maximum fall below |g| + eps, so both arms of the max are used.
  expect_trajectory({{"learning_rate", 0.02}, {"beta1", 0.8}, {"beta2", 0.5}, {"eps", 1e-3}},
                    {.lr = 0.02, .beta1 = 0.8, .beta2 = 0.5, .eps = 1e-3});
}

BOOST_AUTO_TEST_CASE(weight_decay_is_added_to_the_gradient) {
  expect_trajectory({{"learning_rate", 0.05}, {"weight_decay", 0.1}}, {.lr = 0.05, .weight_decay = 0.1});
}

BOOST_AUTO_TEST_CASE(first_step_moves_each_element_by_the_learning_rate) {
  // m = (1 - beta1) g and u = |g| + eps after one step: the step is lr * g / (|g| + eps).
  const auto moved = nt::first_step_moves("adamax", {{"learning_rate", 0.01}});
  BOOST_TEST((moved.array() - 0.01f).abs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(set_learning_rate_applies_from_the_next_step) {
  BOOST_TEST(nt::trajectory_error("adamax", {{"learning_rate", 0.05}}, ReferenceAdamax{.lr = 0.05}, 10, 4, 0.01) <=
             1e-5);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_and_keep_step_zero) {
  nt::check_frozen_parameter_is_untouched("adamax", {{"learning_rate", 0.01}, {"weight_decay", 0.1}});
}

BOOST_AUTO_TEST_CASE(state_names_are_pytorchs) {
  nt::check_state_names("adamax", {}, {"0.step", "0.exp_avg", "0.exp_inf", "1.step", "1.exp_avg", "1.exp_inf"});
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("adamax", {{"learning_rate", 0.05}, {"weight_decay", 0.01}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters) {
  nt::check_load_state_validates("adamax", {});
}

BOOST_AUTO_TEST_CASE(betas_must_be_below_one) {
  nt::check_each_refused("adamax", {{"beta1", 1.0}, {"beta2", 1.0}});
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("adamax", {{"weight_decay", 0.1}});
}
