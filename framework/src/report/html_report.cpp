// html_report(): the runs as JSON, put into the page template (page.html)
// together with Chart.js; both are compiled in (cmake/NeuriteEmbedText.cmake).
#include <neurite/report/html_report.hpp>

#include "text/json.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <stdexcept>

namespace neurite::report {
extern const char kPageTemplate[];
extern const char kChartJs[];
}  // namespace neurite::report

namespace neurite {
namespace {
std::string split_json(const SplitMetrics& m) {
  return "{\"samples\":" + std::to_string(m.samples) + ",\"loss\":" + json::number(m.loss) +
         ",\"accuracy\":" + json::number(m.accuracy) + ",\"rmse\":" + json::number(m.rmse) +
         ",\"r2\":" + json::number(m.r2) + "}";
}

// At most about kCurvePoints epochs per curve (every k-th and the last): a
// 20,000-epoch run would otherwise put megabytes into the page for a chart a
// few hundred pixels wide.
constexpr std::size_t kCurvePoints = 400;

std::string history_json(const std::vector<EpochMetrics>& history) {
  std::vector<double> epoch, train_loss, validation_loss, train_accuracy, validation_accuracy, train_r2, validation_r2;
  const std::size_t stride = std::max<std::size_t>(1, (history.size() + kCurvePoints - 1) / kCurvePoints);
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (i % stride != 0 && i + 1 != history.size()) continue;
    const EpochMetrics& m = history[i];
    epoch.push_back(m.epoch);
    train_loss.push_back(m.train_loss);
    validation_loss.push_back(m.validation_loss);
    train_accuracy.push_back(m.train_accuracy);
    validation_accuracy.push_back(m.validation_accuracy);
    train_r2.push_back(m.train_r2);
    validation_r2.push_back(m.validation_r2);
  }
  return "{\"epoch\":" + json::numbers(epoch) + ",\"train_loss\":" + json::numbers(train_loss) +
         ",\"validation_loss\":" + json::numbers(validation_loss) + ",\"train_accuracy\":" +
         json::numbers(train_accuracy) + ",\"validation_accuracy\":" + json::numbers(validation_accuracy) +
         ",\"train_r2\":" + json::numbers(train_r2) + ",\"validation_r2\":" + json::numbers(validation_r2) + "}";
}

// The confusion matrix of the test split, else validation, else training.
std::string confusion_json(const RunResult& run) {
  const std::pair<const char*, const SplitMetrics*> splits[] = {
      {"test", &run.test}, {"validation", &run.validation}, {"training", &run.train}};
  const std::size_t k = run.class_names.size();
  for (const auto& [name, split] : splits) {
    if (split->samples == 0 || k == 0 || split->confusion.size() != k * k) continue;
    std::string classes = "[";
    for (std::size_t c = 0; c < k; ++c) classes += (c ? "," : "") + json::string(run.class_names[c]);
    std::string counts = "[";
    for (std::size_t i = 0; i < split->confusion.size(); ++i)
      counts += (i ? "," : "") + std::to_string(split->confusion[i]);
    return "{\"split\":" + json::string(name) + ",\"classes\":" + classes + "],\"counts\":" + counts + "]}";
  }
  return "null";
}

// The grid as text, two base-36 characters per cell: the predicted class and
// its probability in 36 steps (0 = 1/classes, z = certain). 120 x 120 cells
// cost 29 KB per run this way, instead of several hundred as JSON numbers.
std::string boundary_cells(const DecisionBoundary& b) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  const double floor = b.classes > 1 ? 1.0 / b.classes : 0.0;
  std::string cells;
  cells.reserve(2 * b.predicted.size());
  for (std::size_t i = 0; i < b.predicted.size(); ++i) {
    const double sure = std::clamp((b.confidence[i] - floor) / (1.0 - floor), 0.0, 1.0);
    cells += kDigits[std::clamp(b.predicted[i], 0, 35)];
    cells += kDigits[static_cast<int>(std::lround(sure * 35.0))];
  }
  return cells;
}

std::string boundary_json(const DecisionBoundary& b) {
  std::string points = "[";
  for (std::size_t i = 0; i < b.points_x.size(); ++i)
    points += std::string(i ? "," : "") + "[" + json::number(b.points_x[i]) + "," + json::number(b.points_y[i]) +
              "," + std::to_string(b.points_label[i]) + "]";
  return "{\"x\":[" + json::number(b.x_min) + "," + json::number(b.x_max) + "],\"y\":[" + json::number(b.y_min) +
         "," + json::number(b.y_max) + "],\"nx\":" + std::to_string(b.nx) + ",\"ny\":" + std::to_string(b.ny) +
         ",\"classes\":" + std::to_string(b.classes) + ",\"cells\":" + json::string(boundary_cells(b)) +
         ",\"points\":" + points + "],\"points_split\":" + json::string(b.points_split) + "}";
}

std::string run_json(const RunResult& run, const std::optional<DecisionBoundary>& boundary) {
  return "{\"name\":" + json::string(run.name) + ",\"experiment\":" + json::string(run.experiment) +
         ",\"model\":" + json::string(run.model_summary) + ",\"parameters\":" + std::to_string(run.parameter_count) +
         ",\"regression\":" + (run.regression ? "true" : "false") + ",\"status\":" +
         json::string(to_string(run.status)) + ",\"error\":" + json::string(run.error) +
         ",\"stop_reason\":" + json::string(run.stop_reason) + ",\"epochs\":" + std::to_string(run.epochs_run) +
         ",\"wall_seconds\":" + json::number(run.wall_seconds) + ",\"splits\":{\"train\":" + split_json(run.train) +
         ",\"validation\":" + split_json(run.validation) + ",\"test\":" + split_json(run.test) +
         "},\"history\":" + history_json(run.history) + ",\"confusion\":" + confusion_json(run) +
         ",\"boundary\":" + (boundary ? boundary_json(*boundary) : "null") + "}";
}

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

std::string escape_html(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void replace_marker(std::string& page, const std::string& marker, const std::string& content) {
  const auto at = page.find(marker);
  if (at == std::string::npos) throw std::logic_error("report template lacks " + marker);
  page.replace(at, marker.size(), content);
}
}  // namespace

std::string html_report(const std::vector<RunResult>& runs,
                        const std::vector<std::optional<DecisionBoundary>>& boundaries, const std::string& title) {
  std::string data = "{\"title\":" + json::string(title) + ",\"generated\":" + json::string(now_utc()) +
                     ",\"neurite_version\":" + json::string(NEURITE_VERSION) + ",\"runs\":[";
  for (std::size_t i = 0; i < runs.size(); ++i)
    data += (i ? "," : "") + run_json(runs[i], i < boundaries.size() ? boundaries[i] : std::nullopt);
  data += "]}";
  std::string page = report::kPageTemplate;
  // The data first: Chart.js's own text must not be searched for markers.
  replace_marker(page, "/*NEURITE_DATA*/", data);
  replace_marker(page, "/*NEURITE_TITLE*/", escape_html(title));
  replace_marker(page, "/*NEURITE_CHART_JS*/", report::kChartJs);
  return page;
}
}  // namespace neurite
