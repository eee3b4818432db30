// Mirrors plugins/optimizers/rmsprop.cpp; loads it through the registry. The
// reference below is torch.optim.RMSprop's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE rmsprop
#include <boost/test/unit_test.hpp>

#include "problem.hpp"

#include <cmath>
#include <vector>

namespace nt = neurite::testing;

namespace {
// torch.optim.RMSprop's documented update in double; state persists across run().
struct ReferenceRmsprop {
  double lr = 0.01, alpha = 0.99, eps = 1e-8, weight_decay = 0, momentum = 0;
  bool centered = false;
  std::vector<std::vector<double>> square_avg{}, grad_avg{}, buf{};

  void run(std::vector<std::vector<double>>& params, int first, int last) {
    if (square_avg.empty()) square_avg = grad_avg = buf = nt::filled_like(params);
    for (int k = first; k < last; ++k)
      nt::for_each_element(params, k, weight_decay, [&](double& p, double g, std::size_t j, std::size_t i) {
        double& v = square_avg[j][i];
        v = alpha * v + (1 - alpha) * g * g;
        double avg = v;
        if (centered) {
          grad_avg[j][i] = alpha * grad_avg[j][i] + (1 - alpha) * g;
          avg -= grad_avg[j][i] * grad_avg[j][i];
        }
        avg = std::sqrt(avg) + eps;
        if (momentum > 0) {
          buf[j][i] = momentum * buf[j][i] + g / avg;
          p -= lr * buf[j][i];
        } else {
          p -= lr * g / avg;
        }
      });
  }
};

const nt::TrajectoryCheck<ReferenceRmsprop> expect_trajectory{"rmsprop"};
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  nt::check_defaults("rmsprop", {{"learning_rate", 0.01}, {"alpha", 0.99}, {"eps", 1e-8}, {"weight_decay", 0.0},
                                 {"momentum", 0.0}});
  BOOST_TEST(nt::default_params("rmsprop").boolean("centered") == false);
  expect_trajectory({}, {});
}

BOOST_AUTO_TEST_CASE(matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.01}, {"alpha", 0.9}}, {.lr = 0.01, .alpha = 0.9});
}

BOOST_AUTO_TEST_CASE(momentum_buffer_starts_at_zero) {
  expect_trajectory({{"learning_rate", 0.005}, {"momentum", 0.9}}, {.lr = 0.005, .momentum = 0.9});
}

BOOST_AUTO_TEST_CASE(centered_divides_by_the_variance_estimate) {
  expect_trajectory({{"learning_rate", 0.005}, {"centered", true}}, {.lr = 0.005, .centered = true});
  expect_trajectory({{"learning_rate", 0.005}, {"centered", true}, {"momentum", 0.5}},
                    {.lr = 0.005, .momentum = 0.5, .centered = true});
}

BOOST_AUTO_TEST_CASE(weight_decay_is_added_to_the_gradient) {
  expect_trajectory({{"learning_rate", 0.01}, {"weight_decay", 0.1}}, {.lr = 0.01, .weight_decay = 0.1});
}

BOOST_AUTO_TEST_CASE(first_step_is_ten_learning_rates_with_default_alpha) {
  // square_avg = 0.01 g^2 after one step, so the step is lr * g / (0.1 |g| + eps).
  const auto moved = nt::first_step_moves("rmsprop", {{"learning_rate", 0.001}});
  BOOST_TEST((moved.array() - 0.01f).abs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(set_learning_rate_applies_from_the_next_step) {
  BOOST_TEST(nt::trajectory_error("rmsprop", {{"learning_rate", 0.005}, {"momentum", 0.9}},
                                  ReferenceRmsprop{.lr = 0.005, .momentum = 0.9}, 10, 4, 0.001) <= 1e-5);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched) {
  nt::check_frozen_parameter_is_untouched("rmsprop", {{"momentum", 0.9}, {"centered", true}, {"weight_decay", 0.1}});
}

BOOST_AUTO_TEST_CASE(state_holds_pytorchs_entries_for_the_options_in_use) {
  nt::check_state_names("rmsprop", {}, {"0.step", "0.square_avg", "1.step", "1.square_avg"});
  nt::check_state_names("rmsprop", {{"momentum", 0.9}, {"centered", true}},
                        {"0.step", "0.square_avg", "0.momentum_buffer", "0.grad_avg", "1.step", "1.square_avg",
                         "1.momentum_buffer", "1.grad_avg"});
  nt::check_state_names("rmsprop", {{"centered", true}}, {"0.step", "0.square_avg", "0.grad_avg", "1.step",
                                                          "1.square_avg", "1.grad_avg"});
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("rmsprop", {{"momentum", 0.9}, {"centered", true}, {"weight_decay", 0.01}});
  nt::check_state_round_trip("rmsprop", {{"learning_rate", 0.02}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters_or_settings) {
  nt::check_load_state_validates("rmsprop", {});
  nt::check_load_state_validates("rmsprop", {{"momentum", 0.9}, {"centered", true}});
  nt::check_refuses_state_of_other_settings("rmsprop", {}, {{"centered", true}});
}

BOOST_AUTO_TEST_CASE(alpha_is_between_zero_and_one) {
  nt::check_each_refused("rmsprop", {{"alpha", 1.5}, {"momentum", -0.5}});
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("rmsprop", {{"momentum", 0.9}, {"centered", true}, {"weight_decay", 0.1}});
}
