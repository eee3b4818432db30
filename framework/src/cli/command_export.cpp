// `neurite export RESULT [--format json|npy|csv] [-o DIR]`: a stored model's
// parameters in files NumPy, PyTorch or a spreadsheet read (model_export.hpp,
// docs/export.md). json without -o prints model.json to stdout.
#include <neurite/run/model_export.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/trained_run.hpp"

#include <iostream>

namespace neurite::cli {
int export_command(const Args& args) {
  po::options_description options("neurite export [options] RESULT");
  options.add_options()("help,h", "show this help")
      ("format", po::value<std::string>()->default_value("json"), "json|npy|csv")
      ("output,o", po::value<std::string>()->default_value(""),
       "directory for model.json and the tensor files (json: default stdout)");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  const ExportFormat format = parse_export_format(vm["format"].as<std::string>());
  const std::string dir = vm["output"].as<std::string>();
  const auto inputs = vm.count("inputs") ? vm["inputs"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 1)
    throw Error(ExitCode::usage, "export: expected one result file, got " + std::to_string(inputs.size()) +
                                     " argument(s) (see --help)");
  if (dir.empty() && format != ExportFormat::json)
    throw Error(ExitCode::usage, "export: --format " + vm["format"].as<std::string>() +
                                     " writes one file per tensor; give a directory with -o DIR");
  const TrainedRun run = load_trained_run(inputs[0], vm);
  if (dir.empty()) {
    std::cout << model_json(run.result, run.model, run.registry, true);
    return 0;
  }
  for (const std::string& file : export_model(run.result, run.model, run.registry, format, dir))
    std::cout << "wrote " << file << "\n";
  return 0;
}
}  // namespace neurite::cli
