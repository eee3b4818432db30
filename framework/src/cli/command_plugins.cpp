// `neurite plugins list` and `neurite plugins describe NAME`.
#include <neurite/plugin/component.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace neurite::cli {
namespace {
const char* type_name(ParamType t) {
  switch (t) {
    case ParamType::real: return "real";
    case ParamType::integer: return "integer";
    case ParamType::boolean: return "boolean";
    case ParamType::text: return "text";
  }
  return "?";
}

std::string default_text(const ParamSpec& p) {
  if (p.required) return "required";
  std::ostringstream os;
  switch (p.type) {
    case ParamType::real: os << p.default_number; break;
    case ParamType::integer: os << static_cast<long long>(p.default_number); break;
    case ParamType::boolean: os << (p.default_number != 0.0 ? "true" : "false"); break;
    case ParamType::text: os << p.default_text; break;
  }
  return os.str();
}

std::string range_text(const ParamSpec& p) {
  if (p.type == ParamType::text) return p.choices ? std::string("one of ") + p.choices : "";
  if (p.type == ParamType::boolean) return "";
  std::ostringstream os;
  const bool has_min = std::isfinite(p.min), has_max = std::isfinite(p.max);
  if (has_min && has_max) os << "in [" << p.min << ", " << p.max << "]";
  else if (has_min) os << ">= " << p.min;
  else if (has_max) os << "<= " << p.max;
  return os.str();
}

void describe(const RegisteredComponent& c) {
  const ComponentInfo& info = *c.info;
  std::cout << info.name << " (" << to_string(info.kind) << ")\n  " << info.summary << "\n"
            << "  library: " << c.library->name << " " << c.library->version << " (" << c.library->path << ")\n";
  if (info.param_count == 0) {
    std::cout << "  parameters: none\n";
    return;
  }
  std::cout << "  parameters:\n";
  for (std::size_t i = 0; i < info.param_count; ++i) {
    const ParamSpec& p = info.params[i];
    const std::string range = range_text(p);
    std::cout << "    " << std::left << std::setw(16) << p.name << type_name(p.type) << (p.required ? ", " : ", default ")
              << default_text(p) << (range.empty() ? "" : ", " + range) << "\n"
              << "    " << std::setw(16) << "" << p.doc << "\n";
  }
}
}  // namespace

int plugins_command(const Args& args) {
  po::options_description options("neurite plugins [list | describe NAME] [options]");
  options.add_options()("help,h", "show this help");
  add_plugin_options(options);
  const auto vm = parse(args, options, "words");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  const auto words = vm.count("words") ? vm["words"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const std::string action = words.empty() ? "list" : words[0];
  const PluginRegistry registry = load_plugins(vm);
  if (action == "list" && words.size() <= 1) {
    // Grouped by kind (components() is sorted by kind, then name), a blank line between groups.
    const auto components = registry.components();
    std::size_t name_width = 4, library_width = 7;  // the headers' widths
    for (const auto& c : components) {
      name_width = std::max(name_width, std::strlen(c.info->name));
      library_width = std::max(library_width, c.library->name.size());
    }
    const auto name_column = static_cast<int>(name_width + 2), library_column = static_cast<int>(library_width + 2);
    std::cout << std::left << std::setw(12) << "KIND" << std::setw(name_column) << "NAME" << std::setw(library_column)
              << "LIBRARY" << "SUMMARY\n";
    const RegisteredComponent* previous = nullptr;
    for (const auto& c : components) {
      if (previous && previous->info->kind != c.info->kind) std::cout << "\n";
      std::cout << std::setw(12) << to_string(c.info->kind) << std::setw(name_column) << c.info->name
                << std::setw(library_column) << c.library->name << c.info->summary << "\n";
      previous = &c;
    }
    return 0;
  }
  if (action == "describe" && words.size() == 2) {
    bool found = false;
    for (const auto& c : registry.components())
      if (words[1] == c.info->name) {
        if (found) std::cout << "\n";
        describe(c);
        found = true;
      }
    if (found) return 0;
    std::vector<std::string> names;
    for (const auto& c : registry.components()) names.push_back(c.info->name);
    const std::string hint = nearest_name(words[1], names);
    throw Error(ExitCode::plugin, "no component named '" + words[1] + "'" +
                                      (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  throw Error(ExitCode::usage, "plugins: expected 'list' or 'describe NAME' (see --help)");
}
}  // namespace neurite::cli
