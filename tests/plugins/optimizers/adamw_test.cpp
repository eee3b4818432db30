// Mirrors plugins/optimizers/adamw.cpp; loads it through the registry. The
// reference (adam_reference.hpp) is torch.optim.AdamW's documented algorithm
// (1.13), in double.
#define BOOST_TEST_MODULE adamw
#include <boost/test/unit_test.hpp>

#include "adam_reference.hpp"
#include "problem.hpp"

namespace nt = neurite::testing;

namespace {
const nt::TrajectoryCheck<nt::ReferenceAdamW> expect_trajectory{"adamw"};
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  nt::check_defaults("adamw", {{"learning_rate", 0.001}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8},
                               {"weight_decay", 0.01}});
  BOOST_TEST(nt::default_params("adamw").boolean("amsgrad") == false);
  expect_trajectory({}, {});
}

BOOST_AUTO_TEST_CASE(matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.05}, {"weight_decay", 0.1}}, {.lr = 0.05, .weight_decay = 0.1});
  expect_trajectory({{"learning_rate", 0.02}, {"beta1", 0.8}, {"beta2", 0.99}, {"eps", 1e-6}},
                    {.lr = 0.02, .beta1 = 0.8, .beta2 = 0.99, .eps = 1e-6});
}

BOOST_AUTO_TEST_CASE(decay_is_decoupled_from_the_gradient) {
  // Adam with the same weight_decay adds it to the gradient instead: a different path.
  expect_trajectory({{"learning_rate", 0.05}, {"weight_decay", 0.5}}, {.lr = 0.05, .weight_decay = 0.5});
  BOOST_TEST(nt::weight_difference("adamw", {{"learning_rate", 0.05}, {"weight_decay", 0.5}}, "adam",
                                   {{"learning_rate", 0.05}, {"weight_decay", 0.5}}, 10) > 1e-3f);
}

BOOST_AUTO_TEST_CASE(zero_weight_decay_is_adam) {
  // Not bitwise: the compiler may contract the two kernels' multiply-adds differently.
  BOOST_TEST(nt::weight_difference("adamw", {{"learning_rate", 0.05}, {"weight_decay", 0.0}}, "adam",
                                   {{"learning_rate", 0.05}}, 10) <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(amsgrad_normalises_by_the_running_maximum) {
  expect_trajectory({{"learning_rate", 0.05}, {"beta2", 0.9}, {"amsgrad", true}},
                    {.lr = 0.05, .beta2 = 0.9, .amsgrad = true});
}

BOOST_AUTO_TEST_CASE(set_learning_rate_also_scales_the_decay) {
  BOOST_TEST(nt::trajectory_error("adamw", {{"learning_rate", 0.05}, {"weight_decay", 0.5}},
                                  nt::ReferenceAdamW{.lr = 0.05, .weight_decay = 0.5}, 10, 4, 0.01) <= 1e-5);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_even_by_the_decay) {
  nt::check_frozen_parameter_is_untouched("adamw", {{"learning_rate", 0.01}, {"weight_decay", 0.5}});
  nt::check_frozen_parameter_is_untouched("adamw", {{"learning_rate", 0.01}, {"amsgrad", true}});
}

BOOST_AUTO_TEST_CASE(state_names_are_pytorchs) {
  nt::check_state_names("adamw", {{"amsgrad", true}},
                        {"0.step", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.step", "1.exp_avg",
                         "1.exp_avg_sq", "1.max_exp_avg_sq"});
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("adamw", {{"learning_rate", 0.05}, {"weight_decay", 0.1}});
  nt::check_state_round_trip("adamw", {{"learning_rate", 0.05}, {"amsgrad", true}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters_or_settings) {
  nt::check_load_state_validates("adamw", {});
  nt::check_load_state_validates("adamw", {{"amsgrad", true}});
  nt::check_refuses_state_of_other_settings("adamw", {}, {{"amsgrad", true}});
}

BOOST_AUTO_TEST_CASE(betas_must_be_below_one) {
  nt::check_each_refused("adamw", {{"beta1", 1.0}, {"beta2", 1.0}});
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("adamw", {{"amsgrad", true}});
}
