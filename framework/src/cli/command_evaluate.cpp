// `neurite evaluate RESULT DATA.csv [--format text|json]`: the stored model's
// scores on rows with known truth (model_evaluation.hpp): loss, accuracy,
// macro precision / recall / F1 and the confusion matrix, or RMSE and R^2.
#include <neurite/data/new_data.hpp>
#include <neurite/run/model_evaluation.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/trained_run.hpp"
#include "text/json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace neurite::cli {
namespace {
std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string percent(double value) { return std::isnan(value) ? "-" : fixed(100.0 * value, 2) + "%"; }

std::string pad(const std::string& text, std::size_t width, bool right) {
  if (text.size() >= width) return text;
  const std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

std::string confusion_text(const ModelEvaluation& e, const std::vector<std::string>& names) {
  const std::size_t k = names.size();
  std::size_t width = 4;  // "true"
  for (const auto& name : names) width = std::max(width, name.size());
  for (const auto count : e.confusion) width = std::max(width, std::to_string(count).size());
  std::string out = "confusion matrix (rows: true class, columns: predicted class)\n" + pad("", width, false);
  for (const auto& name : names) out += "  " + pad(name, width, true);
  out += '\n';
  for (std::size_t t = 0; t < k; ++t) {
    out += pad(names[t], width, false);
    for (std::size_t p = 0; p < k; ++p) out += "  " + pad(std::to_string(e.confusion[t * k + p]), width, true);
    out += '\n';
  }
  return out;
}

std::string text_report(const TrainedRun& run, const std::string& data_path, const ModelEvaluation& e) {
  std::string out = "evaluate " + run.result.name + " (" + run.path + ") on " + data_path + ": " +
                    std::to_string(e.samples) + " rows\n";
  out += "loss       " + fixed(e.loss, 6) + "  (" + run.model.spec.loss.name + ")\n";
  if (run.model.regression) {
    out += "rmse       " + fixed(e.rmse, 6) + "\nr2         " + fixed(e.r2, 6) + "\n";
    return out;
  }
  out += "accuracy   " + percent(e.accuracy) + "\nprecision  " + percent(e.precision) + "  (macro)\nrecall     " +
         percent(e.recall) + "  (macro)\nf1         " + percent(e.f1) + "  (macro)\n\n";
  return out + confusion_text(e, run.model.class_names);
}

std::string json_report(const TrainedRun& run, const std::string& data_path, const ModelEvaluation& e) {
  std::string out = "{\"result\": " + json::string(run.path) + ", \"run\": " + json::string(run.result.name) +
                    ", \"data\": " + json::string(data_path) + ", \"samples\": " + std::to_string(e.samples) +
                    ", \"loss\": " + json::number(e.loss);
  if (run.model.regression) return out + ", \"rmse\": " + json::number(e.rmse) + ", \"r2\": " + json::number(e.r2) + "}\n";
  out += ", \"accuracy\": " + json::number(e.accuracy) + ", \"precision\": " + json::number(e.precision) +
         ", \"recall\": " + json::number(e.recall) + ", \"f1\": " + json::number(e.f1) + ", \"class_names\": [";
  const std::vector<std::string>& names = run.model.class_names;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + json::string(names[i]);
  out += "], \"confusion\": [";
  for (std::size_t t = 0; t < names.size(); ++t) {
    out += t ? ", [" : "[";
    for (std::size_t p = 0; p < names.size(); ++p)
      out += (p ? ", " : "") + std::to_string(e.confusion[t * names.size() + p]);
    out += "]";
  }
  return out + "]}\n";
}
}  // namespace

int evaluate_command(const Args& args) {
  po::options_description options("neurite evaluate [options] RESULT DATA.csv");
  options.add_options()("help,h", "show this help")
      ("format", po::value<std::string>()->default_value("text"), "text|json");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  const std::string format = text_or_json(vm, "evaluate");
  const auto inputs = positionals(vm, "inputs");
  if (inputs.size() != 2)
    throw Error(ExitCode::usage, "evaluate: expected a result file and a CSV file, got " +
                                     std::to_string(inputs.size()) + " argument(s) (see --help)");
  const TrainedRun run = load_trained_run(inputs[0], vm);
  const TrainedModel& model = run.model;
  const NewData data = read_new_data(inputs[1], model.preprocessing, model.regression, model.output_cols, true);
  const ModelEvaluation e = evaluate_model(model, model_outputs(model, data.features), data);
  std::cout << (format == "json" ? json_report(run, inputs[1], e) : text_report(run, inputs[1], e));
  return 0;
}
}  // namespace neurite::cli
