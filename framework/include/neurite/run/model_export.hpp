// Exporting a trained model's parameters for NumPy, PyTorch or a spreadsheet
// (neurite export; layout in docs/export.md):
//   json  model.json: architecture, per layer its resolved parameters and
//         its tensors with shape and row-major values, the preprocessing,
//         the class names and how outputs become probabilities
//   npy   model.json without the values, plus one <layer>.<param>.npy per
//         tensor (NPY 1.0, float32, C order), e.g. 0.dense.weight.npy
//   csv   model.json without the values, plus one <layer>.<param>.csv per
//         tensor: `rows` lines of `cols` comma-separated values, no header
#pragma once
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/run/trained_model.hpp>

#include <string>
#include <vector>

namespace neurite {
enum class ExportFormat { json, npy, csv };

/// "json" | "npy" | "csv"; else Error(usage) listing them.
ExportFormat parse_export_format(const std::string& text);

/// model.json's text. With inline_values the tensors carry their values,
/// else the name of their file ("file": "0.dense.weight.npy").
std::string model_json(const RunResult& result, const TrainedModel& model, const PluginRegistry& registry,
                       bool inline_values, const std::string& tensor_extension = "");

/// Writes model.json (and the tensor files) into `dir`, each atomically;
/// returns the paths written. Error(data) naming a file that cannot be written.
std::vector<std::string> export_model(const RunResult& result, const TrainedModel& model,
                                      const PluginRegistry& registry, ExportFormat format, const std::string& dir);

/// The file name of a stored tensor without its extension: "0.dense.weight".
std::string tensor_file_stem(const StoredParameter& p);
}  // namespace neurite
