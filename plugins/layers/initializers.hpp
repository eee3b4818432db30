// Weight initialisers of the layers with weights (dense, conv2d), with
// torch.nn.init's names, formulas and defaults. fan_in and fan_out are
// torch's _calculate_fan_in_and_fan_out: in_features / out_features for a
// dense weight, in_channels*k*k / out_channels*k*k for a conv2d weight.
//   default          U(-1/sqrt(fan_in), 1/sqrt(fan_in)): the layer's own
//                    reset_parameters (nn.Linear, nn.Conv2d: kaiming_uniform_
//                    with a = sqrt(5), gain sqrt(1/3), bound gain*sqrt(3/fan_in))
//   zeros            0                                      nn.init.zeros_
//   constant         init_value                             nn.init.constant_
//   normal           N(init_mean, init_std^2)               nn.init.normal_ (0, 1)
//   uniform          U(init_low, init_high)                 nn.init.uniform_ (0, 1)
//   xavier_uniform   U(-r, r), r = sqrt(6 / (fan_in + fan_out))   (Glorot & Bengio, 2010; gain 1)
//   xavier_normal    N(0, s^2), s = sqrt(2 / (fan_in + fan_out))
//   kaiming_uniform  U(-r, r), r = sqrt(2) * sqrt(3 / fan_in)     (He et al., 2015; torch's
//   kaiming_normal   N(0, s^2), s = sqrt(2) / sqrt(fan_in)         defaults: a = 0, mode fan_in,
//                                                                  nonlinearity leaky_relu: gain sqrt(2))
//   lecun_normal     N(0, s^2), s = 1 / sqrt(fan_in)   (LeCun et al., 1998; untruncated: Keras'
//                    LecunNormal draws from a normal truncated at 2 s and rescaled)
// Bias (`bias_init`): default U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as torch, or zeros.
// Draw order (part of the seed contract): the weight's elements in row-major
// order, then the bias's; an initialiser that draws nothing (zeros, constant)
// leaves the stream untouched.
#pragma once
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/tensor.hpp>
#include <neurite/rng.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace neurite::plugins::init {
enum class Weight {
  standard, zeros, constant, normal, uniform, xavier_uniform, xavier_normal,
  kaiming_uniform, kaiming_normal, lecun_normal
};

/// A weight initialiser with its own numbers (only those of `kind` are used).
struct WeightInit {
  Weight kind = Weight::standard;
  double value = 0.0, mean = 0.0, std = 1.0, low = 0.0, high = 1.0;
};

// The schema entries every layer with an `init` declares (same names, same defaults).
inline constexpr ParamSpec kInit{
    .name = "init", .type = ParamType::text,
    .doc = "weight initialisation (torch.nn.init names; default: the layer's own reset_parameters)",
    .default_text = "default",
    .choices = "default|zeros|constant|normal|uniform|xavier_uniform|xavier_normal|kaiming_uniform|"
               "kaiming_normal|lecun_normal"};
inline constexpr ParamSpec kInitValue{.name = "init_value", .type = ParamType::real, .default_number = 0.0,
                                      .doc = "the weights' value for init: constant"};
inline constexpr ParamSpec kInitMean{.name = "init_mean", .type = ParamType::real, .default_number = 0.0,
                                     .doc = "mean for init: normal"};
inline constexpr ParamSpec kInitStd{.name = "init_std", .type = ParamType::real, .default_number = 1.0, .min = 0.0,
                                    .doc = "standard deviation for init: normal"};
inline constexpr ParamSpec kInitLow{.name = "init_low", .type = ParamType::real, .default_number = 0.0,
                                    .doc = "lower bound for init: uniform"};
inline constexpr ParamSpec kInitHigh{.name = "init_high", .type = ParamType::real, .default_number = 1.0,
                                     .doc = "upper bound for init: uniform (>= init_low)"};
inline constexpr ParamSpec kBiasInit{
    .name = "bias_init", .type = ParamType::text,
    .doc = "bias initialisation (default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as torch)",
    .default_text = "default", .choices = "default|zeros"};

/// Reads the parameters above. throws: std::invalid_argument (init_low > init_high).
inline WeightInit parse_weight_init(const ParamValues& p, const std::string& layer) {
  static constexpr struct {
    const char* name;
    Weight kind;
  } kNames[] = {{"default", Weight::standard},
                {"zeros", Weight::zeros},
                {"constant", Weight::constant},
                {"normal", Weight::normal},
                {"uniform", Weight::uniform},
                {"xavier_uniform", Weight::xavier_uniform},
                {"xavier_normal", Weight::xavier_normal},
                {"kaiming_uniform", Weight::kaiming_uniform},
                {"kaiming_normal", Weight::kaiming_normal},
                {"lecun_normal", Weight::lecun_normal}};
  WeightInit w;
  const std::string& name = p.text("init");
  bool found = false;
  for (const auto& n : kNames)
    if (name == n.name) w.kind = n.kind, found = true;
  if (!found) throw std::invalid_argument(layer + ": unknown init '" + name + "' (known: " + kInit.choices + ")");
  w.value = p.real("init_value");
  w.mean = p.real("init_mean");
  w.std = p.real("init_std");
  w.low = p.real("init_low");
  w.high = p.real("init_high");
  if (w.kind == Weight::uniform && w.low > w.high)
    throw std::invalid_argument(layer + ": init_low (" + std::to_string(w.low) + ") must not exceed init_high (" +
                                std::to_string(w.high) + ")");
  return w;
}

inline void fill_uniform(Matrix& m, double lo, double hi, Rng& rng) {
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
}
inline void fill_normal(Matrix& m, double mean, double stddev, Rng& rng) {
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal(mean, stddev));
}

/// Fills `w` (already sized) as `init` says.
inline void fill_weight(Matrix& w, const WeightInit& init, double fan_in, double fan_out, Rng& rng) {
  const double sqrt2 = std::sqrt(2.0);
  switch (init.kind) {
    case Weight::standard: fill_uniform(w, -1.0 / std::sqrt(fan_in), 1.0 / std::sqrt(fan_in), rng); break;
    case Weight::zeros: w.setZero(); break;
    case Weight::constant: w.setConstant(static_cast<float>(init.value)); break;
    case Weight::normal: fill_normal(w, init.mean, init.std, rng); break;
    case Weight::uniform: fill_uniform(w, init.low, init.high, rng); break;
    case Weight::xavier_uniform: {
      const double r = std::sqrt(6.0 / (fan_in + fan_out));
      fill_uniform(w, -r, r, rng);
      break;
    }
    case Weight::xavier_normal: fill_normal(w, 0.0, std::sqrt(2.0 / (fan_in + fan_out)), rng); break;
    case Weight::kaiming_uniform: {
      const double r = sqrt2 * std::sqrt(3.0 / fan_in);
      fill_uniform(w, -r, r, rng);
      break;
    }
    case Weight::kaiming_normal: fill_normal(w, 0.0, sqrt2 / std::sqrt(fan_in), rng); break;
    case Weight::lecun_normal: fill_normal(w, 0.0, 1.0 / std::sqrt(fan_in), rng); break;
  }
}

/// Fills the bias (already sized): U(-1/sqrt(fan_in), 1/sqrt(fan_in)), or zeros.
inline void fill_bias(Matrix& b, bool zeros, double fan_in, Rng& rng) {
  if (zeros) b.setZero();
  else fill_uniform(b, -1.0 / std::sqrt(fan_in), 1.0 / std::sqrt(fan_in), rng);
}
}  // namespace neurite::plugins::init
