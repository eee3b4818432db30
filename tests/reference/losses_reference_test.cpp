// Compares every built-in loss with PyTorch 1.13 on the values that
// make_losses_reference.py recorded in losses_reference.txt: the sum (PyTorch's
// value times its divisor), its gradient, and the divisor itself, with default
// and non-default parameters and edge values (+-1000 logits and differences,
// probabilities of exactly 0 and 1, zero targets, ties at kinks).
// Tolerance, float32: |got - want| <= 1e-5 * max(1, |want|) for the sum and
// for every gradient element (reference::error), for sum(), gradient() and the
// fused sum_and_gradient() alike. No exceptions: binary_cross_entropy's
// gradient of about -1e12 at p = 0 is held to the same relative bound.
#define BOOST_TEST_MODULE losses_reference
#include <boost/test/unit_test.hpp>

#include <neurite/testing/plugins.hpp>

#include "reference/reference_cases.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace nt = neurite::testing;
using neurite::Matrix;

using namespace neurite::testing::reference;

namespace {
constexpr double kTolerance = 1e-5;

const std::vector<Case>& cases() {
  static const std::vector<Case> all = load_cases("loss", "losses_reference.txt");
  return all;
}
}  // namespace

BOOST_AUTO_TEST_CASE(losses_match_pytorch_sum_and_gradient) {
  BOOST_TEST(cases().size() == 22u);
  for (const Case& c : cases()) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto loss = nt::builtin_registry().make_loss(c.spec);
      const Matrix &pred = c.at("pred"), &target = c.at("target");
      const double want = c.at("sum")(0, 0);
      const double bound = kTolerance * std::max(1.0, std::abs(want));
      BOOST_TEST(std::abs(loss->sum(pred, target) - want) <= bound);

      Matrix d = Matrix::Constant(pred.rows(), pred.cols(), 1234.5f);
      loss->gradient(pred, target, 1.0f, d);
      BOOST_TEST(error(d, c.at("dsum")) <= kTolerance);

      Matrix fused = Matrix::Constant(pred.rows(), pred.cols(), 1234.5f);
      const double fused_sum = loss->sum_and_gradient(pred, target, 1.0f, fused);
      BOOST_TEST(std::abs(fused_sum - want) <= bound);
      BOOST_TEST(error(fused, c.at("dsum")) <= kTolerance);

      // A scale passes straight through: the trainer's 1 / (rows * terms).
      loss->gradient(pred, target, 0.125f, d);
      BOOST_TEST(error(d, 0.125f * c.at("dsum")) <= kTolerance);
    }
  }
}

BOOST_AUTO_TEST_CASE(terms_per_sample_gives_pytorchs_divisor) {
  for (const Case& c : cases()) {
    BOOST_TEST_CONTEXT(describe(c)) {
      auto loss = nt::builtin_registry().make_loss(c.spec);
      const Matrix& pred = c.at("pred");
      BOOST_TEST(static_cast<double>(pred.rows() * loss->terms_per_sample(pred.cols())) == c.at("divisor")(0, 0));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_built_in_loss_has_reference_cases) {
  std::set<std::string> covered;
  for (const Case& c : cases()) covered.insert(c.name);
  for (const auto& component : nt::builtin_registry().components()) {
    if (component.info->kind != neurite::Kind::loss) continue;
    BOOST_TEST_INFO("loss " << component.info->name << " from " << component.library->path);
    BOOST_TEST(covered.count(component.info->name) == 1u);
  }
  for (const char* name : {"binary_cross_entropy", "binary_cross_entropy_with_logits", "huber", "kl_divergence",
                           "l1", "mae", "mse", "multi_margin", "nll", "smooth_l1", "softmax_cross_entropy"}) {
    BOOST_TEST_INFO("loss " << name);
    BOOST_TEST(covered.count(name) == 1u);
  }
}
