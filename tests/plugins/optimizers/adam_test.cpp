// Mirrors plugins/optimizers/adam.cpp; loads it through the registry. The
// reference (adam_reference.hpp) is torch.optim.Adam's documented algorithm
// (1.13), in double.
#define BOOST_TEST_MODULE adam
#include <boost/test/unit_test.hpp>

#include "adam_reference.hpp"
#include "problem.hpp"

namespace nt = neurite::testing;

namespace {
const nt::TrajectoryCheck<nt::ReferenceAdam> expect_trajectory{"adam", 8};
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  nt::check_defaults("adam", {{"learning_rate", 0.001}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8},
                              {"weight_decay", 0.0}});
  BOOST_TEST(nt::default_params("adam").boolean("amsgrad") == false);
  expect_trajectory({}, {});
}

BOOST_AUTO_TEST_CASE(matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.05}}, {.lr = 0.05}, 20);
  expect_trajectory({{"learning_rate", 0.02}, {"beta1", 0.8}, {"beta2", 0.99}, {"eps", 1e-6}},
                    {.lr = 0.02, .beta1 = 0.8, .beta2 = 0.99, .eps = 1e-6}, 20);
}

BOOST_AUTO_TEST_CASE(weight_decay_is_added_to_the_gradient_like_pytorch) {
  expect_trajectory({{"learning_rate", 0.05}, {"weight_decay", 0.1}}, {.lr = 0.05, .weight_decay = 0.1}, 20);
}

BOOST_AUTO_TEST_CASE(amsgrad_normalises_by_the_running_maximum) {
  // beta2 = 0.9 lets v fall within 20 steps as the gradients shrink, so the
  // maximum differs from v and the test can tell the variants apart.
  expect_trajectory({{"learning_rate", 0.05}, {"beta2", 0.9}, {"amsgrad", true}},
                    {.lr = 0.05, .beta2 = 0.9, .amsgrad = true}, 20);
  expect_trajectory({{"learning_rate", 0.05}, {"amsgrad", true}, {"weight_decay", 0.1}},
                    {.lr = 0.05, .weight_decay = 0.1, .amsgrad = true}, 20);
  const double plain = nt::trajectory_error("adam", {{"learning_rate", 0.05}, {"beta2", 0.9}},
                                            nt::ReferenceAdam{.lr = 0.05, .beta2 = 0.9, .amsgrad = true}, 20);
  BOOST_TEST(plain > 1e-3);  // without amsgrad the trajectory is measurably different
}

BOOST_AUTO_TEST_CASE(set_learning_rate_applies_from_the_next_step) {
  BOOST_TEST(nt::trajectory_error("adam", {{"learning_rate", 0.05}}, nt::ReferenceAdam{.lr = 0.05}, 10, 4, 0.01) <=
             1e-5);
}

BOOST_AUTO_TEST_CASE(first_step_moves_each_element_by_about_the_learning_rate) {
  // With bias correction, step 1 is lr * g / (|g| + eps): the paper's hallmark.
  const auto moved = nt::first_step_moves("adam", {{"learning_rate", 0.01}});
  BOOST_TEST((moved.array() - 0.01f).abs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(betas_must_be_below_one) {
  nt::check_each_refused("adam", {{"beta1", 1.0}, {"beta2", 1.0}, {"beta1", -0.1}});
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_and_keep_step_zero) {
  nt::check_frozen_parameter_is_untouched("adam", {{"learning_rate", 0.01}, {"weight_decay", 0.1}});
  nt::check_frozen_parameter_is_untouched("adam", {{"learning_rate", 0.01}, {"amsgrad", true}});
}

BOOST_AUTO_TEST_CASE(state_names_are_pytorchs) {
  nt::check_state_names("adam", {{"amsgrad", true}},
                        {"0.step", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.step", "1.exp_avg",
                         "1.exp_avg_sq", "1.max_exp_avg_sq"});
  BOOST_TEST(nt::make_optimizer("adam")->state().empty());  // nothing before bind()
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("adam", {{"learning_rate", 0.05}, {"weight_decay", 0.01}});
  nt::check_state_round_trip("adam", {{"learning_rate", 0.05}, {"amsgrad", true}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters_or_settings) {
  nt::check_load_state_validates("adam", {});
  nt::check_load_state_validates("adam", {{"amsgrad", true}});
  // A checkpoint without amsgrad's maximum cannot resume an amsgrad run.
  nt::check_refuses_state_of_other_settings("adam", {}, {{"amsgrad", true}});
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("adam", {{"weight_decay", 0.1}, {"amsgrad", true}});
}
