// The one gradient checker: every plugin test and `neurite gradcheck` use it.
//
// For f: X -> Y it compares backward() with central differences of the scalar
// objective L = sum(dY .* f(X)) for a random dY (dlib's test_layer), so every
// output and every path through backward() counts. Each element is probed in
// float with the steps in GradcheckOptions::steps, in turn, until one agrees;
// the objective is summed in double and divided by the step actually taken
// ((x + h) - (x - h) after rounding to float). An element passes when
//     |analytic - numeric| <= tolerance * max(1, |analytic|, |numeric|)
// (absolute near zero, relative for large values; Caffe's bound). Layer
// parameter gradient buffers start filled with non-zero values and the
// analytic gradient is read as (buffer after - buffer before), so a backward()
// that assigns instead of adding fails; activation and loss outputs start
// filled with junk, so one that forgets to assign fails too.
// Inputs near a declared kink must be avoided by the caller (random_matrix's
// `avoid`/`margin`). Header-only; depends only on the public plugin API.
#pragma once
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/layer.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/plugin/tensor.hpp>
#include <neurite/plugin/workspace.hpp>
#include <neurite/rng.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace neurite::testing {
struct GradcheckOptions {
  double tolerance = 1e-3;
  std::vector<float> steps = {1e-2f, 3e-3f, 1e-3f};  // float32: smaller drown in rounding
  std::uint64_t seed = 20240601;  // dY, pre-filled gradient buffers
  float loss_scale = 0.75f;       // the `scale` passed to Loss::gradient
  std::string label;              // names the subject in the message ("dense", "tanh")
};

/// The outcome for one checked tensor ("input", "weight", "bias", "pred").
struct TensorCheck {
  std::string name;
  Index rows = 0, cols = 0;
  double max_abs_error = 0.0;  // max over elements of |a - n| (best step per element)
  double max_rel_error = 0.0;  // max over elements of |a - n| / max(1, |a|, |n|)
  Index failures = 0;          // elements over the bound for every step
  Index worst = -1;            // element with the largest relative error
  double worst_analytic = 0.0, worst_numeric = 0.0;
  bool pass = true;
};

struct GradcheckResult {
  bool pass = true;
  std::vector<TensorCheck> tensors;
  std::string message;  // one line per tensor, ready to print
};

namespace detail {
inline Matrix filled_random(Index rows, Index cols, std::uint64_t seed, double lo, double hi) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(lo, hi));
  return m;
}

inline double weighted_sum(ConstMatrixRef weights, ConstMatrixRef values) {
  double s = 0.0;
  for (Index r = 0; r < values.rows(); ++r)
    for (Index c = 0; c < values.cols(); ++c)
      s += static_cast<double>(weights(r, c)) * static_cast<double>(values(r, c));
  return s;
}

/// Probes every element of `data` (rows x cols, row-major) against
/// `analytic`, with `objective()` evaluating L at the current data.
template <class Objective>
TensorCheck check_tensor(const std::string& name, float* data, Index rows, Index cols,
                         const Matrix& analytic, Objective&& objective,
                         const GradcheckOptions& opt) {
  TensorCheck t;
  t.name = name;
  t.rows = rows;
  t.cols = cols;
  for (Index i = 0; i < rows * cols; ++i) {
    const float original = data[i];
    const double a = analytic.data()[i];
    double best_rel = std::numeric_limits<double>::infinity(), best_abs = best_rel, best_num = 0.0;
    bool ok = false;
    for (float h : opt.steps) {
      const float hi = original + h, lo = original - h;
      data[i] = hi;
      const double l_hi = objective();
      data[i] = lo;
      const double l_lo = objective();
      data[i] = original;
      const double n = (l_hi - l_lo) / (static_cast<double>(hi) - static_cast<double>(lo));
      const double abs_err = std::abs(a - n);
      const double rel_err = abs_err / std::max({1.0, std::abs(a), std::abs(n)});
      if (!(rel_err >= best_rel)) best_rel = rel_err, best_abs = abs_err, best_num = n;  // NaN-aware
      if (rel_err <= opt.tolerance) {
        ok = true;
        break;
      }
    }
    if (!ok) ++t.failures;
    const double inf = std::numeric_limits<double>::infinity();
    const double rel = std::isnan(best_rel) ? inf : best_rel;
    if (t.worst < 0 || rel > t.max_rel_error) {
      t.worst = i;
      t.max_rel_error = rel;
      t.worst_analytic = a;
      t.worst_numeric = best_num;
    }
    t.max_abs_error = std::max(t.max_abs_error, std::isnan(best_abs) ? inf : best_abs);
  }
  t.pass = t.failures == 0;
  return t;
}

inline GradcheckResult finish(const std::string& subject, std::vector<TensorCheck> tensors,
                              const GradcheckOptions& opt) {
  GradcheckResult r;
  r.tensors = std::move(tensors);
  for (const auto& t : r.tensors) r.pass = r.pass && t.pass;
  std::ostringstream os;
  os << "gradcheck " << (opt.label.empty() ? subject : opt.label) << ": "
     << (r.pass ? "pass" : "FAIL") << " (bound |a-n| <= " << opt.tolerance
     << " * max(1,|a|,|n|); steps";
  for (float h : opt.steps) os << ' ' << h;
  os << ")";
  for (const auto& t : r.tensors) {
    os << "\n  " << t.name << " (" << t.rows << "x" << t.cols << "): max abs error "
       << t.max_abs_error << ", max rel error " << t.max_rel_error;
    if (!t.pass && t.worst >= 0)
      os << "; " << t.failures << " of " << t.rows * t.cols << " elements out of bound, worst ["
         << t.worst / std::max<Index>(t.cols, 1) << "," << t.worst % std::max<Index>(t.cols, 1)
         << "]: analytic " << t.worst_analytic << ", numeric " << t.worst_numeric;
  }
  r.message = os.str();
  return r;
}
}  // namespace detail

/// Checks Activation::backward against forward at `z` (dL/dz).
inline GradcheckResult gradcheck_activation(const Activation& act, ConstMatrixRef z,
                                            const GradcheckOptions& opt = {}) {
  Matrix zz = z, a(z.rows(), z.cols()), scratch(z.rows(), z.cols());
  const Matrix da = detail::filled_random(z.rows(), z.cols(), opt.seed, -1.0, 1.0);
  Matrix dz = Matrix::Constant(z.rows(), z.cols(), 1234.5f);  // must be overwritten
  act.forward(zz, a);
  act.backward(zz, a, da, dz);
  auto objective = [&] {
    act.forward(zz, scratch);
    return detail::weighted_sum(da, scratch);
  };
  return detail::finish("activation",
                        {detail::check_tensor("input", zz.data(), zz.rows(), zz.cols(), dz, objective, opt)},
                        opt);
}

/// Checks Layer::backward at `x`: dL/dx and dL/d every parameter. The layer
/// must be built for x.cols() inputs. Its parameters are perturbed in place
/// and restored bit for bit.
inline GradcheckResult gradcheck_layer(Layer& layer, ConstMatrixRef x, const GradcheckOptions& opt = {}) {
  const auto params = layer.parameters();
  Workspace ws;
  layer.reserve(ws, x.rows());
  std::vector<Matrix> before, grads;
  std::vector<MatrixMap> maps;
  for (std::size_t i = 0; i < params.size(); ++i) {
    // Values in [0.5, 1.5]: non-zero, so assigning instead of adding shows.
    before.push_back(detail::filled_random(params[i].rows, params[i].cols, opt.seed + 100 + i, 0.5, 1.5));
    grads.push_back(before.back());
  }
  for (auto& g : grads) maps.emplace_back(g.data(), g.rows(), g.cols());
  ws.bind_gradients(maps);

  Matrix xx = x;
  // Same random stream for every forward, so a stochastic layer (dropout)
  // computes the same function at every probe.
  auto run_forward = [&]() -> ConstMatrixRef {
    ws.set_rng(Rng(opt.seed + 1));
    return layer.forward(xx, ws);
  };
  const Matrix y = run_forward();
  const Matrix dy = detail::filled_random(y.rows(), y.cols(), opt.seed, -1.0, 1.0);
  const Matrix dx = layer.backward(dy, ws);
  auto objective = [&] { return detail::weighted_sum(dy, run_forward()); };

  std::vector<TensorCheck> checks;
  checks.push_back(detail::check_tensor("input", xx.data(), xx.rows(), xx.cols(), dx, objective, opt));
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!params[i].trainable) continue;  // state that is not trained (running statistics) has no gradient
    const Matrix analytic = grads[i] - before[i];
    checks.push_back(detail::check_tensor(params[i].name, params[i].data, params[i].rows, params[i].cols,
                                          analytic, objective, opt));
  }
  return detail::finish("layer", std::move(checks), opt);
}

/// Checks Loss::gradient against Loss::sum at `pred` (scale * dsum/dpred).
inline GradcheckResult gradcheck_loss(const Loss& loss, ConstMatrixRef pred, ConstMatrixRef target,
                                      const GradcheckOptions& opt = {}) {
  Matrix pp = pred;
  const Matrix t = target;
  Matrix dp = Matrix::Constant(pred.rows(), pred.cols(), 1234.5f);  // must be overwritten
  loss.gradient(pp, t, opt.loss_scale, dp);
  auto objective = [&] { return static_cast<double>(opt.loss_scale) * loss.sum(pp, t); };
  return detail::finish("loss", {detail::check_tensor("pred", pp.data(), pp.rows(), pp.cols(), dp, objective, opt)},
                        opt);
}
}  // namespace neurite::testing
