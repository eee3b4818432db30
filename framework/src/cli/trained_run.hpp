// What predict, evaluate and export start from: a result file read, the
// plugins it needs loaded (the usual search path, then the experiment's own
// `plugins:` directories) and its model rebuilt.
#pragma once
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/results/run_result.hpp>
#include <neurite/run/trained_model.hpp>

#include "cli/options.hpp"

#include <string>

namespace neurite::cli {
struct TrainedRun {
  std::string path;
  RunResult result;
  PluginRegistry registry;
  TrainedModel model;
};

/// Errors: those of read_result(), load_plugins() and load_model().
TrainedRun load_trained_run(const std::string& result_path, const po::variables_map& vm);

/// Writes `text` to `out_path` atomically, or to stdout when it is empty.
void write_output(const std::string& out_path, const std::string& text);
}  // namespace neurite::cli
