#include "cli/show_checkpoint.hpp"

#include <neurite/config/experiment_file.hpp>
#include <neurite/errors.hpp>

#include "cli/show_tables.hpp"
#include "results/text_cells.hpp"
#include "text/json.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace neurite::cli {
namespace {
std::string line(const char* label, const std::string& value) {
  std::string out = label;
  out.resize(12, ' ');
  return out + value + "\n";
}

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

// The history as a RunResult holds it, for show_tables.hpp.
RunResult as_result(const TrainingCheckpoint& c) {
  RunResult r;
  r.name = c.run_name;
  r.history = c.history;
  r.regression = !c.history.empty() && std::isnan(c.history.back().train_accuracy);
  return r;
}

// " of 3000": the run's planned epochs, from its experiment text.
std::string planned_epochs(const TrainingCheckpoint& c, const std::string& path) {
  try {
    const std::vector<ExperimentSpec> specs = parse_experiments(c.yaml_text, path);
    if (specs.size() == 1) return " of " + std::to_string(specs.front().training.epochs);
  } catch (const Error&) {  // the text is neurite's own; if it does not parse, say nothing
  }
  return "";
}

std::string last_epoch(const TrainingCheckpoint& c) {
  if (c.history.empty()) return "-";
  const EpochMetrics& m = c.history.back();
  std::string out = "train loss " + fixed(m.train_loss, 4);
  if (!std::isnan(m.validation_loss)) out += ", validation loss " + fixed(m.validation_loss, 4);
  if (!std::isnan(m.validation_accuracy)) out += ", validation accuracy " + fixed(100.0 * m.validation_accuracy, 1) + "%";
  return out + ", learning rate " + json::number(m.learning_rate);
}
}  // namespace

bool is_checkpoint_file(std::string_view file) {
  return file.size() > 16 && file.substr(0, 8) == std::string_view("NEURITE\0", 8) && file[12] == 2 &&
         file[13] == 0 && file[14] == 0 && file[15] == 0;
}

std::string checkpoint_text(const TrainingCheckpoint& c, const std::string& path, const ShowParts& parts) {
  if (parts.resolved)
    throw Error(ExitCode::data, path + ": a checkpoint stores no resolved values; --yaml shows the experiment");
  if (parts.yaml || parts.history) {
    std::string out;
    const auto add = [&](const std::string& text) { out += (out.empty() ? "" : "\n") + text; };
    if (parts.yaml) add(c.yaml_text);
    if (parts.history) add(cells::render(history_table(as_result(c)), TableFormat::text));
    return out;
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  std::string out = line("checkpoint", c.run_name + "  (" + path + ")");
  out += line("seed", std::to_string(c.seed));
  out += line("progress", std::to_string(c.epochs_done) + " epochs done" + planned_epochs(c, path));
  out += line("time", fixed(c.wall_seconds, 2) + "s wall, " + fixed(c.cpu_seconds, 2) + "s CPU so far");
  out += line("last epoch", last_epoch(c));
  if (c.best_epoch > 0) out += line("best epoch", std::to_string(c.best_epoch) + " (its weights are kept for restore_best_weights)");
  out += line("neurite", c.neurite_version);
  out += line("continue", "neurite run EXPERIMENTS --out " + (dir.empty() ? std::string(".") : dir) + " --resume");
  return out;
}

std::string checkpoint_json(const TrainingCheckpoint& c, const std::string& path, const ShowParts& parts) {
  if (parts.resolved)
    throw Error(ExitCode::data, path + ": a checkpoint stores no resolved values; --yaml shows the experiment");
  std::string out = "{\n  \"checkpoint\": " + json::string(path);
  const auto field = [&](const char* name, const std::string& value) {
    out += ",\n  \"" + std::string(name) + "\": " + value;
  };
  field("run", json::string(c.run_name));
  field("seed", std::to_string(c.seed));
  field("epochs_done", std::to_string(c.epochs_done));
  field("wall_seconds", json::number(c.wall_seconds));
  field("cpu_seconds", json::number(c.cpu_seconds));
  field("best_epoch", std::to_string(c.best_epoch));
  field("neurite_version", json::string(c.neurite_version));
  if (parts.yaml) field("yaml_text", json::string(c.yaml_text));
  if (parts.history) field("history", cells::render(history_table(as_result(c)), TableFormat::json));
  return out + "\n}\n";
}
}  // namespace neurite::cli
