// model_json() and export_model() (model_export.hpp).
#include <neurite/run/model_export.hpp>

#include "results/atomic_file.hpp"
#include "io/npy_writer.hpp"
#include "text/json.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <variant>

namespace neurite {
namespace {
// Shortest text that reads back as the same float (values are float32).
std::string float_text(float value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string strings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json::string(items[i]);
  return out + "]";
}

std::string param_value(const ParamValues::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return json::number(*d);
  if (const auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return json::string(std::get<std::string>(v));
}

std::string config_json(const ModelEntry& entry, const PluginRegistry& registry) {
  const Kind kind = entry.type == ModelEntry::Type::activation ? Kind::activation : Kind::layer;
  const ParamValues values = registry.resolve_params(registry.require(kind, entry.component), entry.component);
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : values.all()) {
    out += (first ? "" : ", ") + json::string(name) + ": " + param_value(value);
    first = false;
  }
  return out + "}";
}

std::string tensor_json(const StoredParameter& p, bool inline_values, const std::string& extension) {
  std::string out = "{\"name\": " + json::string(p.name) + ", \"shape\": [" + std::to_string(p.rows) + ", " +
                    std::to_string(p.cols) + "], \"trainable\": " + (p.trainable ? "true" : "false");
  if (inline_values) {
    out += ", \"values\": [";
    for (std::size_t i = 0; i < p.values.size(); ++i) out += (i ? ", " : "") + float_text(p.values[i]);
    out += "]";
  } else {
    out += ", \"file\": " + json::string(tensor_file_stem(p) + extension);
  }
  return out + "}";
}

std::string preprocessing_json(const Preprocessing& p) {
  std::string out = "{\n    \"scale\": " + json::string(p.scale) + ",\n    \"shift\": " + json::numbers(p.shift) +
                    ",\n    \"divisor\": " + json::numbers(p.divisor) + ",\n    \"impute\": " + json::string(p.impute) +
                    ",\n    \"label_column\": " + json::string(p.label_column) + ",\n    \"columns\": [";
  for (std::size_t c = 0; c < p.columns.size(); ++c) {
    const ColumnEncoding& e = p.columns[c];
    out += std::string(c ? "," : "") + "\n      {\"name\": " + json::string(e.name) +
           ", \"categorical\": " + (e.categorical ? "true" : "false") + ", \"categories\": " + strings(e.categories) +
           ", \"fill_number\": " + json::number(e.fill_number) + ", \"fill_category\": " + json::string(e.fill_category) +
           "}";
  }
  return out + (p.columns.empty() ? "]" : "\n    ]") + "\n  }";
}

const char* output_kind_name(OutputKind kind) {
  switch (kind) {
    case OutputKind::probabilities: return "probabilities";
    case OutputKind::logits: return "logits";
    case OutputKind::values: return "values";
  }
  return "?";
}

std::string predicted_class_rule(const TrainedModel& m) {
  if (m.regression) return "none";
  if (m.output_cols > 1) return "argmax";
  return m.output_kind == OutputKind::logits ? "threshold 0" : "threshold 0.5";  // class 1 when output > t
}
}  // namespace

ExportFormat parse_export_format(const std::string& text) {
  if (text == "json") return ExportFormat::json;
  if (text == "npy") return ExportFormat::npy;
  if (text == "csv") return ExportFormat::csv;
  throw Error(ExitCode::usage, "unknown export format '" + text + "' (known: csv, json, npy)");
}

std::string tensor_file_stem(const StoredParameter& p) {
  std::string stem = p.layer + "." + p.name;
  for (char& c : stem) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return stem;
}

std::string model_json(const RunResult& result, const TrainedModel& model, const PluginRegistry& registry,
                       bool inline_values, const std::string& tensor_extension) {
  std::string out = "{\n  \"format\": \"neurite-model\",\n  \"format_version\": 1,\n";
  out += "  \"run\": " + json::string(result.name) + ",\n  \"experiment\": " + json::string(result.experiment) +
         ",\n  \"seed\": " + std::to_string(result.seed) + ",\n  \"neurite_version\": " +
         json::string(result.neurite_version) + ",\n";
  out += "  \"task\": " + json::string(model.regression ? "regression" : "classification") + ",\n";
  out += "  \"inputs\": " + std::to_string(model.input_cols) + ",\n  \"outputs\": " +
         std::to_string(model.output_cols) + ",\n";
  out += "  \"loss\": " + json::string(model.spec.loss.name) + ",\n  \"output_kind\": " +
         json::string(output_kind_name(model.output_kind)) + ",\n  \"probabilities\": " +
         json::string(to_string(model.rule)) + ",\n  \"predicted_class\": " + json::string(predicted_class_rule(model)) +
         ",\n";
  out += "  \"class_names\": " + strings(model.class_names) + ",\n  \"feature_names\": " +
         strings(model.preprocessing.feature_names) + ",\n";
  out += "  \"layers\": [";
  for (std::size_t l = 0; l < model.spec.model.size(); ++l) {
    const ModelEntry& entry = model.spec.model[l];
    const std::string layer = std::to_string(l) + "." + entry.component.name;
    out += std::string(l ? "," : "") + "\n    {\"index\": " + std::to_string(l) + ", \"kind\": " +
           json::string(entry.type == ModelEntry::Type::activation ? "activation" : "layer") +
           ", \"type\": " + json::string(entry.component.name) + ", \"config\": " + config_json(entry, registry) +
           ",\n     \"tensors\": [";
    bool first = true;
    for (const StoredParameter& p : result.parameters) {
      if (p.layer != layer) continue;
      out += std::string(first ? "" : ",") + "\n       " + tensor_json(p, inline_values, tensor_extension);
      first = false;
    }
    out += first ? "]}" : "\n     ]}";
  }
  out += "\n  ],\n  \"preprocessing\": " + preprocessing_json(model.preprocessing) + "\n}\n";
  return out;
}

std::vector<std::string> export_model(const RunResult& result, const TrainedModel& model,
                                      const PluginRegistry& registry, ExportFormat format, const std::string& dir) {
  namespace fs = std::filesystem;
  const std::string extension = format == ExportFormat::npy ? ".npy" : format == ExportFormat::csv ? ".csv" : "";
  std::vector<std::string> written;
  for (const StoredParameter& p : result.parameters) {
    if (format == ExportFormat::json) break;
    const std::string path = (fs::path(dir) / (tensor_file_stem(p) + extension)).string();
    if (format == ExportFormat::npy) {
      write_file_atomically(path, io::npy_float32(p.values.data(), p.rows, p.cols));
    } else {
      std::string text;
      for (std::int64_t r = 0; r < p.rows; ++r) {
        for (std::int64_t c = 0; c < p.cols; ++c)
          text += (c ? "," : "") + float_text(p.values[static_cast<std::size_t>(r * p.cols + c)]);
        text += '\n';
      }
      write_file_atomically(path, text);
    }
    written.push_back(path);
  }
  const std::string json_path = (fs::path(dir) / "model.json").string();
  write_file_atomically(json_path, model_json(result, model, registry, format == ExportFormat::json, extension));
  written.push_back(json_path);
  return written;
}
}  // namespace neurite
