// k-fold summaries (cross_validation.hpp).
#include <neurite/results/cross_validation.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace neurite {
namespace {
std::string group_of(const RunResult& run, bool& is_fold) {
  std::string suffix;
  is_fold = false;
  for (const auto& s : run.settings) {
    if (s.label == "fold") {
      is_fold = true;
      continue;
    }
    suffix += (suffix.empty() ? "" : ",") + s.label + "=" + s.value;
  }
  return (run.experiment.empty() ? run.name : run.experiment) + (suffix.empty() ? "" : "[" + suffix + "]");
}

FoldScore score(const std::string& metric, const std::vector<double>& values) {
  FoldScore f;
  f.metric = metric;
  if (values.empty()) return f;
  double sum = 0;
  for (double v : values) sum += v;
  f.mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (double v : values) squares += (v - f.mean) * (v - f.mean);
  // The sample standard deviation (n - 1), as numpy.std(ddof=1) and pandas.
  f.stddev = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
  f.min = *std::min_element(values.begin(), values.end());
  f.max = *std::max_element(values.begin(), values.end());
  return f;
}
}  // namespace

std::vector<CrossValidation> summarize_folds(const std::vector<RunResult>& runs) {
  std::vector<std::string> order;
  std::vector<std::vector<const RunResult*>> members;
  for (const auto& run : runs) {
    bool is_fold = false;
    const std::string group = group_of(run, is_fold);
    if (!is_fold) continue;
    const auto at = std::find(order.begin(), order.end(), group);
    if (at == order.end()) {
      order.push_back(group);
      members.push_back({&run});
    } else {
      members[static_cast<std::size_t>(at - order.begin())].push_back(&run);
    }
  }
  std::vector<CrossValidation> out;
  for (std::size_t g = 0; g < order.size(); ++g) {
    CrossValidation cv;
    cv.group = order[g];
    const bool regression = members[g].front()->regression;
    using Pick = std::function<double(const RunResult&)>;
    const std::vector<std::pair<std::string, Pick>> metrics =
        regression ? std::vector<std::pair<std::string, Pick>>{
                         {"validation rmse", [](const RunResult& r) { return r.validation.rmse; }},
                         {"validation r2", [](const RunResult& r) { return r.validation.r2; }}}
                   : std::vector<std::pair<std::string, Pick>>{
                         {"validation accuracy", [](const RunResult& r) { return r.validation.accuracy; }},
                         {"validation loss", [](const RunResult& r) { return r.validation.loss; }}};
    std::vector<std::vector<double>> values(metrics.size());
    for (const RunResult* run : members[g]) {
      if (run->status != RunStatus::ok || run->validation.samples == 0) {
        ++cv.failed;
        continue;
      }
      ++cv.folds;
      for (std::size_t m = 0; m < metrics.size(); ++m) values[m].push_back(metrics[m].second(*run));
    }
    for (std::size_t m = 0; m < metrics.size(); ++m) cv.scores.push_back(score(metrics[m].first, values[m]));
    out.push_back(std::move(cv));
  }
  return out;
}

std::string format_cross_validation(const std::vector<CrossValidation>& summaries) {
  std::string out;
  for (const auto& cv : summaries) {
    char line[256];
    std::snprintf(line, sizeof line, "cross-validation, %d fold(s)%s: %s\n", cv.folds,
                  cv.failed ? (" (" + std::to_string(cv.failed) + " failed)").c_str() : "", cv.group.c_str());
    out += line;
    for (const auto& s : cv.scores) {
      std::snprintf(line, sizeof line, "  %-20s %.4f ± %.4f  (min %.4f, max %.4f)\n", s.metric.c_str(), s.mean,
                    s.stddev, s.min, s.max);
      out += line;
    }
  }
  return out;
}
}  // namespace neurite
