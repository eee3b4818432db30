// Statistics over repeated runs (seeds, folds) for `neurite compare`: the
// summary of a group and Welch's t-test between two groups.
#pragma once
#include <cstddef>
#include <vector>

namespace neurite {
/// n, mean, sample standard deviation (n - 1), min, max and the 95%
/// confidence interval of the mean, mean -+ t(0.975, n - 1) * std / sqrt(n).
/// std and the interval are NaN for n < 2; everything but n is NaN for n == 0.
struct Summary {
  std::size_t n = 0;
  double mean = 0, stddev = 0, min = 0, max = 0, ci_low = 0, ci_high = 0;
};

/// requires: every value finite.
Summary summarize(const std::vector<double>& values);

/// The p-quantile of Student's t distribution with `df` > 0 degrees of freedom
/// (Boost.Math), e.g. student_t_quantile(0.975, 4) = 2.776.
double student_t_quantile(double p, double df);

/// Welch's two-sided t-test of equal means without assuming equal variances:
///   t  = (mean_a - mean_b) / sqrt(va/na + vb/nb)
///   df = (va/na + vb/nb)^2 / ((va/na)^2 / (na - 1) + (vb/nb)^2 / (nb - 1))
///   p  = 2 * P(T_df > |t|)
/// as scipy.stats.ttest_ind(a, b, equal_var=False). NaN fields when a side has
/// fewer than 2 values or both variances are 0.
struct WelchTest {
  double t = 0, df = 0, p = 0;
};
WelchTest welch_t_test(const std::vector<double>& a, const std::vector<double>& b);
}  // namespace neurite
