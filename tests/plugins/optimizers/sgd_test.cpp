// Mirrors plugins/optimizers/sgd.cpp; loads it through the registry. The
// reference below is torch.optim.SGD's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE sgd
#include <boost/test/unit_test.hpp>

#include <neurite/testing/plugins.hpp>

#include "../count_allocations.hpp"
#include "problem.hpp"

#include <cmath>
#include <vector>

namespace nt = neurite::testing;
using neurite::Matrix;

namespace {
struct ReferenceSgd {
  double lr, momentum = 0, dampening = 0, weight_decay = 0;
  bool nesterov = false;
  std::vector<std::vector<double>> buf{};
  std::vector<bool> has_buf{};

  void run(std::vector<std::vector<double>>& params, int steps) {
    buf.assign(params.size(), {});
    has_buf.assign(params.size(), false);
    for (int k = 0; k < steps; ++k)
      for (std::size_t j = 0; j < params.size(); ++j) {
        auto& p = params[j];
        if (buf[j].empty()) buf[j].assign(p.size(), 0.0);
        for (std::size_t i = 0; i < p.size(); ++i) {
          double d = nt::problem_gradient(p[i], k, i);
          if (weight_decay != 0) d += weight_decay * p[i];
          if (momentum != 0) {
            double& b = buf[j][i];
            b = has_buf[j] ? momentum * b + (1 - dampening) * d : d;  // torch: buf = clone(d_p) first
            d = nesterov ? d + momentum * b : b;
          }
          p[i] -= lr * d;
        }
        has_buf[j] = true;
      }
  }
};

void expect_trajectory(nt::Settings settings, ReferenceSgd ref, int steps = 6) {
  nt::Problem problem;
  auto want = problem.as_double();
  ref.run(want, steps);
  auto opt = nt::make_optimizer("sgd", settings);
  opt->bind(problem.views());
  problem.run(*opt, 0, steps);
  BOOST_TEST(problem.max_error(want) <= 1e-5);
}
}  // namespace

BOOST_AUTO_TEST_CASE(plain_sgd_matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.1}}, {.lr = 0.1});
}

BOOST_AUTO_TEST_CASE(momentum_with_dampening_matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.05}, {"momentum", 0.9}, {"dampening", 0.3}},
                    {.lr = 0.05, .momentum = 0.9, .dampening = 0.3});
}

BOOST_AUTO_TEST_CASE(momentum_buffer_starts_at_first_gradient) {
  // After one step with momentum, PyTorch's update is lr * g (not lr * (1 - dampening) * g).
  nt::Problem problem;
  const Matrix before = problem.weight;
  auto opt = nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}, {"dampening", 0.5}});
  opt->bind(problem.views());
  problem.run(*opt, 0, 1);
  BOOST_TEST((before - 0.1f * problem.weight_grad - problem.weight).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(nesterov_matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.05}, {"momentum", 0.8}, {"nesterov", true}},
                    {.lr = 0.05, .momentum = 0.8, .nesterov = true});
}

BOOST_AUTO_TEST_CASE(weight_decay_matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.1}, {"weight_decay", 0.01}}, {.lr = 0.1, .weight_decay = 0.01});
  expect_trajectory({{"learning_rate", 0.05}, {"momentum", 0.9}, {"weight_decay", 0.1}},
                    {.lr = 0.05, .momentum = 0.9, .weight_decay = 0.1});
}

BOOST_AUTO_TEST_CASE(nesterov_needs_momentum_and_zero_dampening) {
  BOOST_CHECK_THROW(nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"nesterov", true}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}, {"dampening", 0.1},
                                               {"nesterov", true}}),
                    neurite::Error);
}

BOOST_AUTO_TEST_CASE(learning_rate_is_required_and_settable) {
  BOOST_CHECK_THROW(nt::make_optimizer("sgd"), neurite::Error);
  auto opt = nt::make_optimizer("sgd", {{"learning_rate", 0.1}});
  BOOST_TEST(opt->learning_rate() == 0.1);
  opt->set_learning_rate(0.025);
  BOOST_TEST(opt->learning_rate() == 0.025);
  // The new rate is used by the next step.
  nt::Problem problem;
  const Matrix before = problem.bias;
  opt->bind(problem.views());
  problem.run(*opt, 0, 1);
  BOOST_TEST((before - 0.025f * problem.bias_grad - problem.bias).cwiseAbs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched) {
  nt::Problem problem;
  problem.bias_trainable = false;
  const Matrix bias = problem.bias, weight = problem.weight;
  auto opt = nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}, {"weight_decay", 0.1}});
  opt->bind(problem.views());
  problem.run(*opt, 0, 4);
  BOOST_TEST((problem.bias.array() == bias.array()).all());
  BOOST_TEST((problem.weight.array() != weight.array()).all());
  BOOST_TEST(opt->state()[3].name == "1.has_momentum_buffer");
  BOOST_TEST(opt->state()[3].value(0, 0) == 0.0f);  // as PyTorch: no buffer for it
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  const nt::Settings settings = {{"learning_rate", 0.05}, {"momentum", 0.9}, {"nesterov", true}};
  nt::check_state_round_trip("sgd", settings);
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters) {
  nt::Problem problem;
  auto opt = nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}});
  opt->bind(problem.views());
  auto state = opt->state();
  state[0].value = Matrix::Zero(3, 3);
  BOOST_CHECK_THROW(opt->load_state(state), std::exception);
  state.pop_back();
  BOOST_CHECK_THROW(opt->load_state(state), std::exception);
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  if (!nt::kCountAllocationsAvailable) {
    BOOST_TEST_MESSAGE("allocation counting unavailable under AddressSanitizer; skipped");
    return;
  }
  nt::Problem problem;
  auto opt = nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}, {"weight_decay", 0.1}});
  opt->bind(problem.views());
  const auto slots = problem.slots();
  problem.compute_gradients(0);
  BOOST_TEST(nt::allocations_during([&] {
               opt->step(slots);
               opt->step(slots);
             }) == 0u);
}
