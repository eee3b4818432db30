// load_trained_run() and write_output() (trained_run.hpp).
#include "cli/trained_run.hpp"

#include <neurite/results/archive.hpp>

#include "results/atomic_file.hpp"

#include <iostream>

namespace neurite::cli {
TrainedRun load_trained_run(const std::string& result_path, const po::variables_map& vm) {
  TrainedRun run;
  run.path = result_path;
  run.result = read_result(result_path);
  run.registry = load_plugins(vm);
  for (const std::string& dir : stored_experiment(run.result, result_path).plugin_dirs)
    run.registry.load_directory(dir);
  run.model = load_model(run.result, run.registry, result_path);
  return run;
}

void write_output(const std::string& out_path, const std::string& text) {
  if (out_path.empty()) {
    std::cout << text << std::flush;
    return;
  }
  write_file_atomically(out_path, text);
}
}  // namespace neurite::cli
