// Helpers shared by the subcommands: option parsing with Boost.program_options
// (errors become usage errors) and the plugin search path.
#pragma once
#include <neurite/config/experiment_file.hpp>
#include <neurite/errors.hpp>
#include <neurite/registry/plugin_registry.hpp>

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace neurite::cli {
namespace po = boost::program_options;

/// Parses `args` against `visible` options plus positional `positional_name`
/// (any count). Throws Error(usage) with program_options' message.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& visible,
                        const char* positional_name);

/// The value of `--format` for a command that prints text or json;
/// Error(usage) naming `command` for anything else.
std::string text_or_json(const po::variables_map& vm, const std::string& command);

/// The positional arguments given (`positional_name` of parse()), possibly none.
std::vector<std::string> positionals(const po::variables_map& vm, const char* positional_name);

/// The `--set KEY.PATH=VALUE` options given, parsed.
std::vector<Override> overrides_of(const po::variables_map& vm);

/// Adds --plugin-dir to a command's options.
void add_plugin_options(po::options_description& options);

/// Loads the plugin search path in order: the built-in directory (next to the
/// executable), NEURITE_PLUGIN_PATH (colon-separated), then --plugin-dir.
PluginRegistry load_plugins(const po::variables_map& vm);
}  // namespace neurite::cli
