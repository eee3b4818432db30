// Mirrors plugins/optimizers/sgd.cpp; loads it through the registry. The
// reference below is torch.optim.SGD's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE sgd
#include <boost/test/unit_test.hpp>

#include "problem.hpp"

#include <vector>

namespace nt = neurite::testing;
using neurite::Matrix;

namespace {
// torch.optim.SGD's documented update in double; state persists across run().
struct ReferenceSgd {
  double lr, momentum = 0, dampening = 0, weight_decay = 0;
  bool nesterov = false;
  std::vector<std::vector<double>> buf{};
  std::vector<bool> has_buf{};

  void run(std::vector<std::vector<double>>& params, int first, int last) {
    if (buf.empty()) buf = nt::filled_like(params), has_buf.assign(params.size(), false);
    for (int k = first; k < last; ++k) {
      nt::for_each_element(params, k, weight_decay, [&](double& p, double d, std::size_t j, std::size_t i) {
        if (momentum != 0) {
          double& b = buf[j][i];
          b = has_buf[j] ? momentum * b + (1 - dampening) * d : d;  // torch: buf = clone(d_p) first
          d = nesterov ? d + momentum * b : b;
        }
        p -= lr * d;
      });
      has_buf.assign(params.size(), true);
    }
  }
};

const nt::TrajectoryCheck<ReferenceSgd> expect_trajectory{"sgd", 6};
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

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_and_get_no_buffer) {
  // As PyTorch: the frozen bias's "1.has_momentum_buffer" stays 0.
  nt::check_frozen_parameter_is_untouched("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}, {"weight_decay", 0.1}});
}

BOOST_AUTO_TEST_CASE(state_names_are_pytorchs) {
  nt::check_state_names("sgd", {{"learning_rate", 0.1}},
                        {"0.momentum_buffer", "0.has_momentum_buffer", "1.momentum_buffer", "1.has_momentum_buffer"});
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("sgd", {{"learning_rate", 0.05}, {"momentum", 0.9}, {"nesterov", true}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters) {
  nt::Problem problem;
  auto opt = nt::make_optimizer("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}});
  opt->bind(problem.views());
  auto state = opt->state();
  state[0].value = Matrix::Zero(3, 3);
  BOOST_CHECK_THROW(opt->load_state(state), std::invalid_argument);
  state.pop_back();
  BOOST_CHECK_THROW(opt->load_state(state), std::invalid_argument);
  state = opt->state();
  state[1].value(0, 0) = 0.5f;  // a flag is 0 or 1
  BOOST_CHECK_THROW(opt->load_state(state), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("sgd", {{"learning_rate", 0.1}, {"momentum", 0.9}, {"weight_decay", 0.1}});
}
