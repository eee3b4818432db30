// Parameters several built-in optimizers declare alike (PyTorch's names and
// meanings), and the check of Adam-style betas. Each optimizer's file still
// lists its own parameters, in its own order, with its own defaults. Internal
// to plugins/optimizers (not a public header).
#pragma once
#include <neurite/plugin/component.hpp>

#include <stdexcept>
#include <string>

namespace neurite::plugins::optimizer_params {
constexpr ParamSpec learning_rate(double default_value) {
  return {.name = "learning_rate", .type = ParamType::real, .default_number = default_value, .min = 0.0,
          .doc = "step size (torch: lr)"};
}

inline constexpr ParamSpec beta1 = {.name = "beta1", .type = ParamType::real, .default_number = 0.9, .min = 0.0,
                                    .max = 1.0, .doc = "decay of the first-moment average, < 1 (torch: betas[0])"};

constexpr ParamSpec beta2(const char* doc = "decay of the second-moment average, < 1 (torch: betas[1])") {
  return {.name = "beta2", .type = ParamType::real, .default_number = 0.999, .min = 0.0, .max = 1.0, .doc = doc};
}

constexpr ParamSpec eps(double default_value, const char* doc = "added to the denominator for stability") {
  return {.name = "eps", .type = ParamType::real, .default_number = default_value, .min = 0.0, .doc = doc};
}

/// weight_decay as L2: g = g + weight_decay * p (every optimizer but adamw).
inline constexpr ParamSpec l2_weight_decay = {.name = "weight_decay", .type = ParamType::real,
                                              .default_number = 0.0, .min = 0.0,
                                              .doc = "L2 penalty added to the gradient"};

/// The schema allows beta == 1 (its bounds are inclusive); the update does not.
/// ensures: throws std::invalid_argument unless 0 <= beta1, beta2 < 1.
inline void check_betas(const char* optimizer, double beta1, double beta2) {
  const auto check = [&](const char* name, double beta) {
    if (!(beta >= 0.0 && beta < 1.0))
      throw std::invalid_argument(std::string(optimizer) + ": invalid " + name + " " + std::to_string(beta) +
                                  " (needs 0 <= " + name + " < 1)");
  };
  check("beta1", beta1);
  check("beta2", beta2);
}
}  // namespace neurite::plugins::optimizer_params
