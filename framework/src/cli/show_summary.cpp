// summary_text() and summary_json() (show_summary.hpp).
#include "cli/show_summary.hpp"

#include "cli/show_tables.hpp"
#include "results/text_cells.hpp"
#include "text/json.hpp"

#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace neurite::cli {
namespace {
constexpr std::size_t kNamesShown = 8;  // "briefly": a digits run has 64 feature names

// "3 classes: setosa, versicolor, virginica"; the first few names only.
std::string counted(std::size_t n, const char* one, const char* many, const std::vector<std::string>& names) {
  std::string out = std::to_string(n) + " " + (n == 1 ? one : many);
  for (std::size_t i = 0; i < names.size() && i < kNamesShown; ++i) out += (i ? ", " : ": ") + names[i];
  if (names.size() > kNamesShown) out += ", ... (" + std::to_string(names.size() - kNamesShown) + " more)";
  return out;
}

std::string data_line(const RunResult& r) {
  if (r.feature_names.empty() && r.class_names.empty()) return "not stored (archive before version 3)";
  const std::string features = counted(r.feature_names.size(), "feature", "features", r.feature_names);
  if (r.regression) return "regression; " + features;
  return counted(r.class_names.size(), "class", "classes", r.class_names) + "; " + features;
}

std::string status_line(const RunResult& r) {
  std::string out = to_string(r.status);
  if (r.status != RunStatus::ok) return out + ": " + cells::one_line(r.error);
  if (!r.stop_reason.empty()) out += " (" + r.stop_reason + ")";
  if (r.restored_epoch > 0) out += ", restored epoch " + std::to_string(r.restored_epoch);
  return out;
}

std::string settings_line(const RunResult& r) {
  std::string out;
  for (const RunSetting& s : r.settings) out += (out.empty() ? "" : ", ") + s.label + "=" + s.value;
  return out;
}

std::string plugins_line(const RunResult& r) {
  std::string out;
  for (const PluginVersion& p : r.plugins) out += (out.empty() ? "" : ", ") + p.library + " " + p.version;
  return out.empty() ? "-" : out;
}

std::string line(const char* label, const std::string& value) {
  std::string out = label;
  out.resize(12, ' ');
  return out + value + "\n";
}

// A JSON array of `each(item)` for every item.
template <class T, class Each>
std::string array_json(const std::vector<T>& items, Each each) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + each(items[i]);
  return out + "]";
}

std::string strings_json(const std::vector<std::string>& items) {
  return array_json(items, [](const std::string& s) { return json::string(s); });
}

// {"a": "x", "b": "y"} from key, value pairs of strings.
std::string object_json(std::initializer_list<std::pair<const char*, const std::string*>> fields) {
  std::string out = "{";
  for (const auto& [key, value] : fields) out += (out.size() > 1 ? ", " : "") + json::string(key) + ": " + json::string(*value);
  return out + "}";
}

std::string field(const char* key, const std::string& json_value) {
  return std::string(",\n  ") + json::string(key) + ": " + json_value;
}
}  // namespace

std::string summary_text(const RunResult& r, const std::string& path) {
  std::string out = line("run", r.name + "  (" + path + ")");
  out += line("experiment", (r.experiment.empty() ? r.name : r.experiment) + "  (" + r.source_file + ")");
  if (!r.settings.empty()) out += line("settings", settings_line(r));
  out += line("seed", std::to_string(r.seed));
  out += line("status", status_line(r));
  out += line("model", r.model_summary + "  (" + cells::grouped(r.parameter_count) + " parameters)");
  out += line("loss", r.loss);
  out += line("optimizer", r.optimizer);
  out += line("epochs", std::to_string(r.epochs_run));
  out += line("time", cells::human_seconds(r.wall_seconds) + " wall, " + cells::human_seconds(r.cpu_seconds) +
                          " CPU, " + std::to_string(r.threads) + " thread" + (r.threads == 1 ? "" : "s"));
  out += line("data", data_line(r));
  out += line("neurite", r.neurite_version);
  out += line("plugins", plugins_line(r));
  return out + "\n" + cells::render(metrics_table(r), TableFormat::text);
}

std::string summary_json(const RunResult& r, const std::string& path, const ShowParts& parts) {
  std::string out = "{\n  \"result\": " + json::string(path);
  out += field("run", json::string(r.name));
  out += field("experiment", json::string(r.experiment.empty() ? r.name : r.experiment));
  out += field("source_file", json::string(r.source_file));
  out += field("settings", array_json(r.settings, [](const RunSetting& s) {
                 return object_json({{"label", &s.label}, {"path", &s.path}, {"value", &s.value}});
               }));
  out += field("seed", std::to_string(r.seed));
  out += field("status", json::string(to_string(r.status)));
  out += field("error", json::string(r.error));
  out += field("stop_reason", json::string(r.stop_reason));
  out += field("restored_epoch", std::to_string(r.restored_epoch));
  out += field("model", json::string(r.model_summary));
  out += field("parameter_count", std::to_string(r.parameter_count));
  out += field("loss", json::string(r.loss));
  out += field("optimizer", json::string(r.optimizer));
  out += field("epochs_run", std::to_string(r.epochs_run));
  out += field("wall_seconds", json::number(r.wall_seconds));
  out += field("cpu_seconds", json::number(r.cpu_seconds));
  out += field("threads", std::to_string(r.threads));
  out += field("regression", r.regression ? "true" : "false");
  out += field("class_names", strings_json(r.class_names));
  out += field("feature_names", strings_json(r.feature_names));
  out += field("metrics", cells::render(metrics_table(r), TableFormat::json));
  out += field("neurite_version", json::string(r.neurite_version));
  out += field("plugins", array_json(r.plugins, [](const PluginVersion& p) {
                 return object_json({{"library", &p.library}, {"version", &p.version}, {"file", &p.file}});
               }));
  if (parts.yaml) out += field("yaml_text", json::string(r.yaml_text));
  if (parts.resolved) out += field("resolved_yaml", json::string(r.resolved_yaml));
  if (parts.history) out += field("history", cells::render(history_table(r), TableFormat::json));
  return out + "\n}\n";
}
}  // namespace neurite::cli
