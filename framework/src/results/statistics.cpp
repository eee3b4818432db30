// Group summaries and Welch's t-test (statistics.hpp), on Boost.Math's
// Student t distribution (header-only).
#include <neurite/results/statistics.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace neurite {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double sample_variance(const std::vector<double>& values, double mean) {
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return squares / static_cast<double>(values.size() - 1);
}
}  // namespace

double student_t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

Summary summarize(const std::vector<double>& values) {
  Summary s;
  s.n = values.size();
  if (values.empty()) {
    s.mean = s.stddev = s.min = s.max = s.ci_low = s.ci_high = kNaN;
    return s;
  }
  s.mean = mean_of(values);
  s.min = *std::min_element(values.begin(), values.end());
  s.max = *std::max_element(values.begin(), values.end());
  if (values.size() < 2) {
    s.stddev = s.ci_low = s.ci_high = kNaN;
    return s;
  }
  s.stddev = std::sqrt(sample_variance(values, s.mean));
  const double n = static_cast<double>(values.size());
  const double half = student_t_quantile(0.975, n - 1) * s.stddev / std::sqrt(n);
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  return s;
}

WelchTest welch_t_test(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() < 2 || b.size() < 2) return {kNaN, kNaN, kNaN};
  const double ma = mean_of(a), mb = mean_of(b);
  const double qa = sample_variance(a, ma) / static_cast<double>(a.size());
  const double qb = sample_variance(b, mb) / static_cast<double>(b.size());
  const double se2 = qa + qb;
  if (!(se2 > 0)) return {kNaN, kNaN, kNaN};  // no spread on either side: t is undefined
  WelchTest w;
  w.t = (ma - mb) / std::sqrt(se2);
  w.df = se2 * se2 / (qa * qa / static_cast<double>(a.size() - 1) + qb * qb / static_cast<double>(b.size() - 1));
  w.p = 2 * boost::math::cdf(boost::math::complement(boost::math::students_t_distribution<double>(w.df),
                                                     std::fabs(w.t)));
  return w;
}
}  // namespace neurite
