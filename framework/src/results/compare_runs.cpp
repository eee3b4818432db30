// `neurite compare`'s table (compare.hpp: compare_runs): metrics per run or
// aggregated per group, sorted, against a baseline. Values come from the
// archives only (metrics.hpp); statistics from statistics.hpp.
#include <neurite/errors.hpp>
#include <neurite/results/aggregate.hpp>
#include <neurite/results/compare.hpp>
#include <neurite/results/metrics.hpp>
#include <neurite/results/statistics.hpp>

#include "results/table.hpp"
#include "results/text_cells.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace neurite {
namespace {
using namespace cells;

constexpr Split kSplits[] = {Split::train, Split::validation, Split::test};

// One metric on one split ("test_accuracy"), or a per-run metric ("epochs").
struct Measure {
  const MetricInfo* metric;
  Split split;
  std::string key, title;
};

Measure measure(const MetricInfo& metric, Split split) {
  if (!metric.per_split) return {&metric, split, metric.name, metric.title};
  const char* shorter = split == Split::validation ? "val" : to_string(split);
  return {&metric, split, std::string(to_string(split)) + "_" + metric.name,
          std::string(shorter) + " " + metric.title};
}

std::string known_metrics() {
  std::string list;
  for (const MetricInfo& m : metric_catalogue()) list += (list.empty() ? "" : ", ") + std::string(m.name);
  return list;
}

const MetricInfo& metric_named(const std::string& name) {
  if (const MetricInfo* m = find_metric(name)) return *m;
  throw Error(ExitCode::usage, "compare: unknown metric '" + name + "' (known: " + known_metrics() + ")");
}

std::vector<Split> splits_of(const CompareOptions& options) {
  if (options.split.empty()) return {std::begin(kSplits), std::end(kSplits)};
  for (Split s : kSplits)
    if (options.split == to_string(s)) return {s};
  throw Error(ExitCode::usage, "compare: unknown --split '" + options.split + "' (known: train, validation, test)");
}

// Per-run metrics listed before the first per-split one come first, then each
// split's metrics (split by split), then the other per-run metrics.
std::vector<Measure> measures_of(const std::vector<RunResult>& runs, const CompareOptions& options) {
  std::vector<std::string> names = options.metrics;
  if (names.empty()) {
    bool classification = runs.empty(), regression = false;
    for (const RunResult& run : runs) (run.regression ? regression : classification) = true;
    names = {"parameters", "loss"};
    if (classification) names.push_back("accuracy");
    if (regression) names.insert(names.end(), {"rmse", "r2"});
    names.insert(names.end(), {"epochs", "wall_seconds"});
  }
  std::vector<const MetricInfo*> metrics;
  for (const std::string& name : names) {
    const MetricInfo* m = &metric_named(name);
    if (std::find(metrics.begin(), metrics.end(), m) == metrics.end()) metrics.push_back(m);
  }
  const auto first_split = std::find_if(metrics.begin(), metrics.end(), [](auto* m) { return m->per_split; });
  std::vector<Measure> out;
  for (auto it = metrics.begin(); it != first_split; ++it) out.push_back(measure(**it, Split::test));
  for (Split split : splits_of(options))
    for (auto it = first_split; it != metrics.end(); ++it)
      if ((*it)->per_split) out.push_back(measure(**it, split));
  for (auto it = first_split; it != metrics.end(); ++it)
    if (!(*it)->per_split) out.push_back(measure(**it, Split::test));
  return out;
}

Measure sort_measure(const CompareOptions& options) {
  const std::string& key = options.sort;
  if (const MetricInfo* m = find_metric(key)) {
    if (!m->per_split) return measure(*m, Split::test);
    if (!options.split.empty()) return measure(*m, splits_of(options).front());
    throw Error(ExitCode::usage, "compare: --sort " + key + " needs a split: use train_" + key + ", validation_" +
                                     key + " or test_" + key + ", or give --split");
  }
  for (Split s : kSplits) {
    const std::string prefix = std::string(to_string(s)) + "_";
    if (key.rfind(prefix, 0) == 0)
      if (const MetricInfo* m = find_metric(key.substr(prefix.size())); m && m->per_split) return measure(*m, s);
  }
  throw Error(ExitCode::usage, "compare: unknown --sort key '" + key + "' (a metric: " + known_metrics() +
                                   ", with a split prefix train_, validation_ or test_ for per-split metrics)");
}

bool ascending(const CompareOptions& options, const Measure& m) {
  return options.direction != 0 ? options.direction > 0 : !m.metric->higher_is_better;
}

/// Stable order of `count` items by key(i): NaN last, in the chosen direction.
template <class Key>
std::vector<std::size_t> sorted_order(std::size_t count, bool up, Key key) {
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = key(a), y = key(b);
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
    return up ? x < y : x > y;
  });
  return order;
}

// ---- Cells -------------------------------------------------------------------------

std::string human_value(MetricFormat format, double v) {
  if (std::isnan(v)) return "-";
  switch (format) {
    case MetricFormat::percent: return human_accuracy(v);
    case MetricFormat::real: return human_loss(v);
    case MetricFormat::r2: return human_r2(v);
    case MetricFormat::seconds: return human_seconds(v);
    case MetricFormat::count:
    case MetricFormat::rate:
      if (!std::isfinite(v)) return non_finite(v);
      return v >= 0 ? grouped(static_cast<std::size_t>(std::llround(v))) : printf_double("%.0f", v);
  }
  return "-";
}

std::string human_difference(MetricFormat format, double d) {
  if (std::isnan(d)) return "-";
  switch (format) {
    case MetricFormat::percent: return printf_double("%+.1f%%", 100 * d);
    case MetricFormat::real:
    case MetricFormat::r2: return printf_double("%+.4f", d);
    case MetricFormat::seconds: return printf_double("%+.2fs", d);
    case MetricFormat::count:
    case MetricFormat::rate:
      if (!std::isfinite(d)) return non_finite(d);
      return (d < 0 ? "-" : "+") + grouped(static_cast<std::size_t>(std::llround(std::fabs(d))));
  }
  return "-";
}

Cell value_cell(const Measure& m, double v) {
  return std::isnan(v) ? Cell{} : Cell::of_number(v, human_value(m.metric->format, v));
}

Cell difference_cell(const Measure& m, double d) {
  return std::isnan(d) ? Cell{} : Cell::of_number(d, human_difference(m.metric->format, d));
}

Cell count_cell(std::size_t n) { return Cell::of_number(static_cast<double>(n), std::to_string(n)); }

Cell p_cell(double p) {
  if (std::isnan(p)) return {};
  return Cell::of_number(p, p < 0.001 ? printf_double("%.1e", p) : printf_double("%.3f", p));
}

double value_of(const RunResult& run, const Measure& m) {
  // A failed run's scores are the failure itself (its status says so).
  if (run.status != RunStatus::ok && m.metric->per_split) return kNotApplicable;
  return metric_value(run, *m.metric, m.split);
}

std::string listed(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

// ---- Notes under the people's tables -----------------------------------------------

void add_metric_notes(Table& t, const std::vector<Measure>& measures) {
  const auto shows = [&](std::string_view name) {
    return std::any_of(measures.begin(), measures.end(), [&](const Measure& m) { return name == m.metric->name; });
  };
  if (shows("precision") || shows("recall") || shows("f1"))
    t.notes.push_back("precision, recall, F1: macro averages over the classes in the split's labels or predictions, "
                      "from the final confusion matrix (scikit-learn's definitions, zero_division=0).");
  if (shows("log_loss"))
    t.notes.push_back("log_loss: the evaluation loss where it is the mean cross-entropy of the predicted "
                      "probabilities (softmax_cross_entropy, nll; binary_cross_entropy(_with_logits) on one output "
                      "column; no label_smoothing or pos_weight), else -.");
  if (shows("epochs_to_best"))
    t.notes.push_back("epochs_to_best: the epoch of the lowest validation loss (training loss without a validation split).");
  if (shows("samples_per_second"))
    t.notes.push_back("samples_per_second: training samples x epochs run / wall time of training.");
}

// ---- One row per run -----------------------------------------------------------------

Table run_table(const std::vector<RunResult>& runs, const CompareOptions& options,
                const std::vector<Measure>& measures) {
  const RunResult* baseline = nullptr;
  if (!options.baseline.empty()) {
    for (const RunResult& run : runs)
      if (run.name == options.baseline && !baseline) baseline = &run;
    if (!baseline) {
      std::vector<std::string> names;
      for (const RunResult& run : runs) names.push_back(run.name);
      throw Error(ExitCode::usage, "compare: --baseline '" + options.baseline + "' is not a run (known: " +
                                       listed(names) + "; with --group-by, a group label)");
    }
  }
  Table t;
  t.columns = {{"experiment", "experiment", false}, {"model", "model", false}};
  for (const Measure& m : measures) {
    t.columns.push_back({m.key, m.title, true});
    if (baseline) t.columns.push_back({m.key + "_difference", "\u0394 " + m.title, true});
  }
  t.columns.push_back({"status", "status", false});

  std::vector<std::size_t> order(runs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (!options.sort.empty()) {
    const Measure by = sort_measure(options);
    order = sorted_order(runs.size(), ascending(options, by), [&](std::size_t i) { return value_of(runs[i], by); });
  }
  for (std::size_t i : order) {
    const RunResult& run = runs[i];
    std::vector<Cell> row = {Cell::of_text(run.name), Cell::of_text(run.model_summary)};
    for (const Measure& m : measures) {
      const double v = value_of(run, m);
      row.push_back(value_cell(m, v));
      if (baseline) row.push_back(&run == baseline ? Cell{} : difference_cell(m, v - value_of(*baseline, m)));
    }
    row.push_back(Cell::of_text(to_string(run.status)));
    t.rows.push_back(std::move(row));
  }
  add_metric_notes(t, measures);
  if (baseline) t.notes.push_back("\u0394: row - baseline (" + baseline->name + ").");
  for (const RunResult& run : runs)
    if (run.status != RunStatus::ok)
      t.notes.push_back(run.name + ": " + to_string(run.status) + (run.error.empty() ? "" : ": " + run.error));
  return t;
}

// ---- One row per group and measure -----------------------------------------------------

std::vector<double> values_of(const RunGroup& group, const Measure& m) {
  std::vector<double> values;
  for (const RunResult* run : group.runs) {
    if (run->status != RunStatus::ok) continue;
    const double v = metric_value(*run, *m.metric, m.split);
    if (std::isfinite(v)) values.push_back(v);
  }
  return values;
}

Table group_table(const std::vector<RunResult>& runs, const CompareOptions& options,
                  const std::vector<Measure>& measures) {
  const std::vector<RunGroup> groups = group_runs(runs, options.group_by);
  const RunGroup* baseline = nullptr;
  if (!options.baseline.empty()) {
    for (const RunGroup& g : groups)
      if (g.label == options.baseline) baseline = &g;
    if (!baseline) {
      std::vector<std::string> labels;
      for (const RunGroup& g : groups) labels.push_back(g.label);
      throw Error(ExitCode::usage, "compare: --baseline '" + options.baseline + "' is not a group (known: " +
                                       listed(labels) + ")");
    }
  }
  Table t;
  t.columns = {{"group", "group", false}, {"n", "n", true},       {"metric", "metric", false},
               {"mean", "mean", true},    {"std", "std", true},   {"min", "min", true},
               {"max", "max", true},      {"ci95_low", "95% CI low", true}, {"ci95_high", "95% CI high", true}};
  if (baseline)
    t.columns.insert(t.columns.end(), {{"difference", "\u0394 mean", true},
                                       {"p_value", "p", true},
                                       {"significant", "p<0.05", false}});
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (!options.sort.empty()) {
    const Measure by = sort_measure(options);
    order = sorted_order(groups.size(), ascending(options, by),
                         [&](std::size_t g) { return summarize(values_of(groups[g], by)).mean; });
  }
  for (std::size_t g : order) {
    const RunGroup& group = groups[g];
    for (const Measure& m : measures) {
      const std::vector<double> values = values_of(group, m);
      const Summary s = summarize(values);
      std::vector<Cell> row = {Cell::of_text(group.label), count_cell(s.n), Cell::of_text(m.key),
                               value_cell(m, s.mean), value_cell(m, s.stddev), value_cell(m, s.min),
                               value_cell(m, s.max), value_cell(m, s.ci_low), value_cell(m, s.ci_high)};
      if (baseline) {
        if (&group == baseline) {
          row.insert(row.end(), 3, Cell{});
        } else {
          const std::vector<double> base = values_of(*baseline, m);
          const WelchTest w = welch_t_test(values, base);
          row.push_back(difference_cell(m, s.mean - summarize(base).mean));
          row.push_back(p_cell(w.p));
          row.push_back(std::isnan(w.p) ? Cell{} : Cell::of_flag(w.p < 0.05, w.p < 0.05 ? "*" : ""));
        }
      }
      t.rows.push_back(std::move(row));
    }
  }
  t.notes.push_back("groups: runs with the same " + listed(options.group_by) +
                    ", pooled over everything else (seeds, folds, other settings); n: ok runs with a value; "
                    "std: sample standard deviation; 95% CI: mean \u00b1 t(0.975, n-1) std / sqrt(n).");
  add_metric_notes(t, measures);
  if (baseline)
    t.notes.push_back("\u0394 mean: group - baseline (" + baseline->label +
                      "). p: Welch's two-sided t-test (unequal variances, Welch-Satterthwaite degrees of freedom) "
                      "where both groups have at least 2 values; * p < 0.05: a difference larger than seed noise.");
  for (const RunGroup& group : groups) {
    const auto not_ok = std::count_if(group.runs.begin(), group.runs.end(),
                                      [](const RunResult* r) { return r->status != RunStatus::ok; });
    if (not_ok > 0)
      t.notes.push_back(group.label + ": " + std::to_string(not_ok) + " run(s) failed or diverged, left out.");
  }
  return t;
}
}  // namespace

std::string compare_runs(const std::vector<RunResult>& runs, const CompareOptions& options, TableFormat format) {
  const std::vector<Measure> measures = measures_of(runs, options);
  if (!options.sort.empty()) sort_measure(options);  // an unknown key fails even without rows
  const Table t = options.group_by.empty() ? run_table(runs, options, measures) : group_table(runs, options, measures);
  return render(t, format);
}
}  // namespace neurite
