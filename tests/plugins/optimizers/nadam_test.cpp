// Mirrors plugins/optimizers/nadam.cpp; loads it through the registry. The
// reference below is torch.optim.NAdam's documented algorithm (1.13), in double.
#define BOOST_TEST_MODULE nadam
#include <boost/test/unit_test.hpp>

#include "problem.hpp"

#include <cmath>
#include <vector>

namespace nt = neurite::testing;

namespace {
// torch.optim.NAdam's documented update in double; state persists across run().
struct ReferenceNadam {
  double lr = 0.002, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0, momentum_decay = 0.004;
  double mu_product = 1.0;  // the same for every parameter here: they step together
  std::vector<std::vector<double>> m{}, v{};

  double mu(double t) const { return beta1 * (1 - 0.5 * std::pow(0.96, t * momentum_decay)); }

  void run(std::vector<std::vector<double>>& params, int first, int last) {
    if (m.empty()) m = v = nt::filled_like(params);
    for (int k = first; k < last; ++k) {
      const double t = k + 1, mu_t = mu(t), mu_next = mu(t + 1);
      mu_product *= mu_t;                                  // prod of mu_1..mu_t
      const double mu_product_next = mu_product * mu_next;  // prod of mu_1..mu_{t+1}
      nt::for_each_element(params, k, weight_decay, [&](double& p, double g, std::size_t j, std::size_t i) {
        m[j][i] = beta1 * m[j][i] + (1 - beta1) * g;
        v[j][i] = beta2 * v[j][i] + (1 - beta2) * g * g;
        const double m_hat = mu_next * m[j][i] / (1 - mu_product_next) + (1 - mu_t) * g / (1 - mu_product);
        const double v_hat = v[j][i] / (1 - std::pow(beta2, t));
        p -= lr * m_hat / (std::sqrt(v_hat) + eps);
      });
    }
  }
};

const nt::TrajectoryCheck<ReferenceNadam> expect_trajectory{"nadam"};
}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_pytorchs) {
  nt::check_defaults("nadam", {{"learning_rate", 0.002}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8},
                               {"weight_decay", 0.0}, {"momentum_decay", 0.004}});
  expect_trajectory({}, {});
}

BOOST_AUTO_TEST_CASE(matches_reference_trajectory) {
  expect_trajectory({{"learning_rate", 0.05}}, {.lr = 0.05});
  expect_trajectory({{"learning_rate", 0.02}, {"beta1", 0.8}, {"beta2", 0.99}, {"eps", 1e-6}, {"momentum_decay", 0.1}},
                    {.lr = 0.02, .beta1 = 0.8, .beta2 = 0.99, .eps = 1e-6, .momentum_decay = 0.1});
}

BOOST_AUTO_TEST_CASE(weight_decay_is_added_to_the_gradient) {
  expect_trajectory({{"learning_rate", 0.05}, {"weight_decay", 0.1}}, {.lr = 0.05, .weight_decay = 0.1});
}

BOOST_AUTO_TEST_CASE(first_step_uses_the_documented_product_of_mu_one_and_mu_two) {
  // After one step m = 0.1 g and sqrt(v_hat) = |g|, so each element moves by
  //   lr * (1 + 0.1 * mu_2 / (1 - mu_1 * mu_2))        (docs, PyTorch >= 2.0)
  // while 1.13's single-tensor path uses 1 - mu_1^2 * mu_2: 0.7% less.
  const double lr = 0.01, mu1 = 0.9 * (1 - 0.5 * std::pow(0.96, 0.004)), mu2 = 0.9 * (1 - 0.5 * std::pow(0.96, 0.008));
  const double documented = lr * (1 + 0.1 * mu2 / (1 - mu1 * mu2));
  const double single_tensor_113 = lr * (1 + 0.1 * mu2 / (1 - mu1 * mu1 * mu2));
  BOOST_TEST_REQUIRE(std::abs(documented - single_tensor_113) > 5e-5);
  const auto moved = nt::first_step_moves("nadam", {{"learning_rate", lr}});
  BOOST_TEST((moved.array().cast<double>() - documented).abs().maxCoeff() <= 1e-6);
}

BOOST_AUTO_TEST_CASE(mu_product_is_kept_per_parameter) {
  nt::Problem problem;
  problem.bias_trainable = false;
  auto opt = nt::make_optimizer("nadam");
  opt->bind(problem.views());
  problem.run(*opt, 0, 3);
  const auto state = opt->state();
  BOOST_TEST_REQUIRE(state[1].name == "0.mu_product");
  ReferenceNadam ref;
  const double want = ref.mu(1) * ref.mu(2) * ref.mu(3);
  BOOST_TEST(std::abs(state[1].value(0, 0) - want) <= 1e-7);
  BOOST_TEST(state[5].name == "1.mu_product");
  BOOST_TEST(state[5].value(0, 0) == 1.0f);  // the frozen bias never stepped
}

BOOST_AUTO_TEST_CASE(set_learning_rate_applies_from_the_next_step) {
  BOOST_TEST(nt::trajectory_error("nadam", {{"learning_rate", 0.05}}, ReferenceNadam{.lr = 0.05}, 10, 4, 0.01) <=
             1e-5);
}

BOOST_AUTO_TEST_CASE(frozen_parameters_are_untouched_and_keep_step_zero) {
  nt::check_frozen_parameter_is_untouched("nadam", {{"learning_rate", 0.01}, {"weight_decay", 0.1}});
}

BOOST_AUTO_TEST_CASE(state_names_are_pytorchs) {
  nt::check_state_names("nadam", {},
                        {"0.step", "0.mu_product", "0.exp_avg", "0.exp_avg_sq", "1.step", "1.mu_product",
                         "1.exp_avg", "1.exp_avg_sq"});
}

BOOST_AUTO_TEST_CASE(state_round_trip_continues_identically) {
  nt::check_state_round_trip("nadam", {{"learning_rate", 0.05}, {"weight_decay", 0.01}});
}

BOOST_AUTO_TEST_CASE(load_state_rejects_state_of_other_parameters) {
  nt::check_load_state_validates("nadam", {});
  nt::Problem problem;
  auto opt = nt::make_optimizer("nadam");
  opt->bind(problem.views());
  auto state = opt->state();
  state[1].value(0, 0) = 1.5f;  // a product of factors below 1 cannot exceed 1
  BOOST_CHECK_THROW(opt->load_state(state), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(betas_must_be_below_one) {
  nt::check_each_refused("nadam", {{"beta1", 1.0}, {"beta2", 1.0}, {"momentum_decay", -0.1}});
}

BOOST_AUTO_TEST_CASE(step_does_not_allocate) {
  nt::check_step_does_not_allocate("nadam", {{"weight_decay", 0.1}});
}
