#include "cli/options.hpp"

#include <cstdlib>
#include <sstream>

namespace neurite::cli {
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& visible,
                        const char* positional_name) {
  po::options_description all;
  all.add(visible);
  if (positional_name)
    all.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  if (positional_name) positional.add(positional_name, -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw Error(ExitCode::usage, std::string(e.what()) + " (see --help)");
  }
  return vm;
}

std::string text_or_json(const po::variables_map& vm, const std::string& command) {
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw Error(ExitCode::usage, command + ": unknown format '" + format + "' (known: json, text)");
  return format;
}

std::vector<std::string> positionals(const po::variables_map& vm, const char* positional_name) {
  return vm.count(positional_name) ? vm[positional_name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::vector<Override> overrides_of(const po::variables_map& vm) {
  std::vector<Override> overrides;
  if (vm.count("set"))
    for (const auto& text : vm["set"].as<std::vector<std::string>>()) overrides.push_back(parse_override(text));
  return overrides;
}

void add_plugin_options(po::options_description& options) {
  options.add_options()("plugin-dir", po::value<std::vector<std::string>>()->composing(),
                        "also load plugin libraries from this directory (repeatable)");
}

PluginRegistry load_plugins(const po::variables_map& vm) {
  PluginRegistry registry;
  registry.load_directory(builtin_plugin_dir());
  if (const char* env = std::getenv("NEURITE_PLUGIN_PATH")) {
    std::stringstream path(env);
    std::string dir;
    while (std::getline(path, dir, ':'))
      if (!dir.empty()) registry.load_directory(dir);
  }
  if (vm.count("plugin-dir"))
    for (const auto& dir : vm["plugin-dir"].as<std::vector<std::string>>()) registry.load_directory(dir);
  return registry;
}
}  // namespace neurite::cli
