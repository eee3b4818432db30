// torch.optim.Adam's and torch.optim.AdamW's documented updates (1.13) in
// double, for adam_test.cpp and adamw_test.cpp: the same moments, AMSGrad and
// bias correction; weight_decay is added to the gradient (Adam) or scales p
// before the step (AdamW, from the gradient at the undecayed p).
// State persists across run().
#pragma once
#include "problem.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace neurite::testing {
template <bool kDecoupled>
struct ReferenceAdamFamily {
  double lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = kDecoupled ? 0.01 : 0.0;
  bool amsgrad = false;
  std::vector<std::vector<double>> m{}, v{}, v_max{};

  void run(std::vector<std::vector<double>>& params, int first, int last) {
    if (m.empty()) m = v = v_max = filled_like(params);
    for (int k = first; k < last; ++k) {
      const double t = k + 1;
      const double bias_correction1 = 1 - std::pow(beta1, t), bias_correction2 = 1 - std::pow(beta2, t);
      for_each_element(params, k, kDecoupled ? 0.0 : weight_decay, [&](double& p, double g, std::size_t j, std::size_t i) {
        if (kDecoupled) p *= 1 - lr * weight_decay;
        m[j][i] = beta1 * m[j][i] + (1 - beta1) * g;
        v[j][i] = beta2 * v[j][i] + (1 - beta2) * g * g;
        v_max[j][i] = std::max(v_max[j][i], v[j][i]);
        const double u = amsgrad ? v_max[j][i] : v[j][i];
        p -= lr / bias_correction1 * m[j][i] / (std::sqrt(u) / std::sqrt(bias_correction2) + eps);
      });
    }
  }
};
using ReferenceAdam = ReferenceAdamFamily<false>;
using ReferenceAdamW = ReferenceAdamFamily<true>;
}  // namespace neurite::testing
