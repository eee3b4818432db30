// Mirrors plugins/optimizers/adam.cpp; loads it through the registry. The
// reference below is torch.optim.Adam's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE adam
#include <boost/test/unit_test.hpp>

#include <neurite/testing/plugins.hpp>

#include "../count_allocations.hpp"
#include "problem.hpp"

#include <cmath>
#include <vector>

namespace nt = neurite::testing;
using neurite::Matrix;

namespace {
struct ReferenceAdam {
  double lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0;

  void run(std::vector<std::vector<double>>& params, int steps) const {
    std::vector<std::vector<double>> m, v;
    for (const auto& p : params) m.emplace_back(p.size(), 0.0), v.emplace_back(p.size(), 0.0);
    for (int k = 0; k < steps; ++k) {
      const double t = k + 1;
      const double bias_correction1 = 1 - std::pow(beta1, t), bias_correction2 = 1 - std::pow(beta2, t);
      for (std::size_t j = 0; j < params.size(); ++j)
        for (std::size_t i = 0; i < params[j].size(); ++i) {
          double& p = params[j][i];
          double g = nt::problem_gradient(p, k, i);
          if (weight_decay != 0) g += weight_decay * p;
          m[j][i] = beta1 * m[j][i] + (1 - beta1) * g;
          v[j][i] = beta2 * v[j][i] + (1 - beta2) * g * g;
          const double denom = std::sqrt(v[j][i]) / std::sqrt(bias_correction2) + eps;
          p -= lr / bias_correction1 * m[j][i] / denom;
        }
    }
  }
};

void expect_trajectory(nt::Settings settings, const ReferenceAdam& ref, int steps = 8) {
  nt::Problem problem;
  auto want = problem.as_double();
  ref.run(want, steps);
  auto opt = nt::make_optimizer("adam", settings);
  opt->bind(problem.views());
  problem.run(*opt, 0, steps);
  BOOST_TEST(problem.max_error(want) <= 1e-5);
}
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  auto opt = nt::make_optimizer("adam");
  BOOST_TEST(opt->learning_rate() == 0.001);
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

BOOST_AUTO_TEST_CASE(first_step_moves_each_element_by_about_the_learning_rate) {
  // With bias correction, step 1 is lr * g / (|g| + eps): the paper's hallmark.
  nt::Problem problem;
  const Matrix before = problem.weight;
  auto opt = nt::make_optimizer("adam", {{"learning_rate", 0.01}});
  opt->bind(problem.views());
  problem.run(*opt, 0, 1);
  const Matrix moved = (before - problem.weight).cwiseAbs();
  BOOST_TEST((moved.array() - 0.01f).abs().maxCoeff() <= 1e-6f);
}

BOOST_AUTO_TEST_CASE(betas_must_be_below_one) {
  BOOST_CHECK_THROW(nt::make_optimizer("adam", {{"beta1", 1.0}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_optimizer("adam", {{"beta2", 1.0}}), neurite::Error);
  BOOST_CHECK_THROW(nt::make_optimizer("adam", {{"beta1", -0.1}}), neurite::Error);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_and_keep_step_zero) {
  nt::Problem problem;
  problem.bias_trainable = false;
  const Matrix bias = problem.bias, weight = problem.weight;
  auto opt = nt::make_optimizer("adam", {{"learning_rate", 0.01}, {"weight_decay", 0.1}});
  opt->bind(problem.views());
  problem.run(*opt, 0, 4);
  BOOST_TEST((problem.bias.array() == bias.array()).all());
  BOOST_TEST((problem.weight.array() != weight.array()).all());
  const auto state = opt->state();
  BOOST_TEST_REQUIRE(state.size() == 6u);
  BOOST_TEST(state[0].name == "0.step");
  BOOST_TEST(state[0].value(0, 0) == 4.0f);
  BOOST_TEST(state[3].name == "1.step");
  BOOST_TEST(state[3].value(0, 0) == 0.0f);
  BOOST_TEST((state[4].value.array() == 0.0f).all());
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  const nt::Settings settings = {{"learning_rate", 0.05}, {"weight_decay", 0.01}};
  nt::check_state_round_trip("adam", settings);
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters) {
  nt::Problem problem;
  auto opt = nt::make_optimizer("adam");
  opt->bind(problem.views());
  auto state = opt->state();
  state[1].value = Matrix::Zero(3, 3);
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
  auto opt = nt::make_optimizer("adam", {{"weight_decay", 0.1}});
  opt->bind(problem.views());
  const auto slots = problem.slots();
  problem.compute_gradients(0);
  BOOST_TEST(nt::allocations_during([&] {
               opt->step(slots);
               opt->step(slots);
             }) == 0u);
}
