// `neurite predict RESULT DATA.csv [-o FILE]`: the stored model's predictions
// for new rows, prepared as the run's training data was (new_data.hpp).
// Output CSV, one line per data row:
//   classification  row,predicted,p_<class 0>,p_<class 1>,...
//   regression      row,y  (or row,y1,...,yK for K targets)
// `row` counts the file's data rows from 1; `predicted` is the class label as
// written in training; probabilities follow trained_model.hpp's rule.
#include <neurite/data/new_data.hpp>
#include <neurite/run/trained_model.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/trained_run.hpp"

#include <charconv>
#include <cmath>
#include <iostream>

namespace neurite::cli {
namespace {
std::string csv_cell(const std::string& text) {
  const bool plain = !text.empty() && text.find_first_of(",\"\r\n") == std::string::npos && text.front() != ' ' &&
                     text.back() != ' ';
  if (plain) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(float value) {  // shortest text that reads back as the same float
  if (std::isnan(value)) return "nan";
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

std::string predictions_csv(const TrainedModel& model, const Matrix& outputs) {
  std::string out = "row";
  if (model.regression) {
    for (Index c = 0; c < outputs.cols(); ++c)
      out += outputs.cols() == 1 ? std::string(",y") : ",y" + std::to_string(c + 1);
  } else {
    out += ",predicted";
    for (const std::string& name : model.class_names) out += "," + csv_cell("p_" + name);
  }
  out += '\n';
  const Matrix values = model.regression ? outputs : class_probabilities(model, outputs);
  const std::vector<int> predicted = model.regression ? std::vector<int>{} : predicted_classes(model, outputs);
  for (Index r = 0; r < values.rows(); ++r) {
    out += std::to_string(r + 1);
    if (!model.regression) out += "," + csv_cell(model.class_names[static_cast<std::size_t>(predicted[r])]);
    for (Index c = 0; c < values.cols(); ++c) out += "," + number(values(r, c));
    out += '\n';
  }
  return out;
}
}  // namespace

int predict_command(const Args& args) {
  po::options_description options("neurite predict [options] RESULT DATA.csv");
  options.add_options()("help,h", "show this help")
      ("output,o", po::value<std::string>()->default_value(""), "write the predictions to this file (default: stdout)");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  const auto inputs = vm.count("inputs") ? vm["inputs"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 2)
    throw Error(ExitCode::usage, "predict: expected a result file and a CSV file, got " +
                                     std::to_string(inputs.size()) + " argument(s) (see --help)");
  const TrainedRun run = load_trained_run(inputs[0], vm);
  const TrainedModel& model = run.model;
  const NewData data = read_new_data(inputs[1], model.preprocessing, model.regression, model.output_cols, false);
  write_output(vm["output"].as<std::string>(), predictions_csv(model, model_outputs(model, data.features)));
  return 0;
}
}  // namespace neurite::cli
