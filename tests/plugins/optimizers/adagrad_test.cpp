// Mirrors plugins/optimizers/adagrad.cpp; loads it through the registry. The
// reference below is torch.optim.Adagrad's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE adagrad
#include <boost/test/unit_test.hpp>

#include "problem.hpp"

#include <cmath>
#include <vector>

namespace nt = neurite::testing;

namespace {
// torch.optim.Adagrad's documented update in double; state persists across run().
struct ReferenceAdagrad {
  double lr = 0.01, lr_decay = 0, weight_decay = 0, initial_accumulator_value = 0, eps = 1e-10;
  std::vector<std::vector<double>> sum{};

  void run(std::vector<std::vector<double>>& params, int first, int last) {
    if (sum.empty()) sum = nt::filled_like(params, initial_accumulator_value);
    for (int k = first; k < last; ++k) {
      const double clr = lr / (1 + k * lr_decay);  // step t = k + 1
      nt::for_each_element(params, k, weight_decay, [&](double& p, double g, std::size_t j, std::size_t i) {
        sum[j][i] += g * g;
        p -= clr * g / (std::sqrt(sum[j][i]) + eps);
      });
    }
  }
};

const nt::TrajectoryCheck<ReferenceAdagrad> expect_trajectory{"adagrad"};
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  nt::check_defaults("adagrad", {{"learning_rate", 0.01}, {"lr_decay", 0.0}, {"weight_decay", 0.0},
                                 {"initial_accumulator_value", 0.0}, {"eps", 1e-10}});
  expect_trajectory({}, {});
}

BOOST_AUTO_TEST_CASE(matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.1}}, {.lr = 0.1});
}

BOOST_AUTO_TEST_CASE(lr_decay_divides_the_rate_by_one_plus_t_minus_one_times_decay) {
  expect_trajectory({{"learning_rate", 0.1}, {"lr_decay", 0.05}}, {.lr = 0.1, .lr_decay = 0.05});
}

BOOST_AUTO_TEST_CASE(initial_accumulator_value_starts_the_sum) {
  expect_trajectory({{"learning_rate", 0.1}, {"initial_accumulator_value", 0.5}},
                    {.lr = 0.1, .initial_accumulator_value = 0.5});
  nt::Problem problem;
  auto opt = nt::make_optimizer("adagrad", {{"initial_accumulator_value", 0.5}});
  opt->bind(problem.views());
  BOOST_TEST((opt->state()[1].value.array() == 0.5f).all());
}

BOOST_AUTO_TEST_CASE(weight_decay_is_added_to_the_gradient) {
  expect_trajectory({{"learning_rate", 0.1}, {"weight_decay", 0.1}}, {.lr = 0.1, .weight_decay = 0.1});
}

BOOST_AUTO_TEST_CASE(first_step_moves_each_element_by_the_learning_rate) {
  // sum = g^2 after one step, so the step is lr * g / (|g| + eps).
  const auto moved = nt::first_step_moves("adagrad", {{"learning_rate", 0.1}});
  BOOST_TEST((moved.array() - 0.1f).abs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(set_learning_rate_applies_from_the_next_step) {
  // lr_decay keeps scaling the new rate by the parameter's own step count.
  BOOST_TEST(nt::trajectory_error("adagrad", {{"learning_rate", 0.1}, {"lr_decay", 0.05}},
                                  ReferenceAdagrad{.lr = 0.1, .lr_decay = 0.05}, 10, 4, 0.02) <= 1e-5);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_and_keep_step_zero) {
  nt::check_frozen_parameter_is_untouched("adagrad", {{"learning_rate", 0.1}, {"weight_decay", 0.1}});
}

BOOST_AUTO_TEST_CASE(state_names_are_pytorchs) {
  nt::check_state_names("adagrad", {}, {"0.step", "0.sum", "1.step", "1.sum"});
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("adagrad", {{"learning_rate", 0.1}, {"lr_decay", 0.05}, {"weight_decay", 0.01}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters) {
  nt::check_load_state_validates("adagrad", {});
}

BOOST_AUTO_TEST_CASE(negative_settings_are_out_of_range) {
  nt::check_each_refused("adagrad", {{"lr_decay", -0.1}, {"initial_accumulator_value", -1.0}, {"eps", -1e-10}});
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("adagrad", {{"lr_decay", 0.1}, {"weight_decay", 0.1}});
}
