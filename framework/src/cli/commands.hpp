// The runner's subcommands. Each takes the arguments after its name and
// returns the process exit code; neurite::Error escaping one is reported by
// main() with its own exit code.
#pragma once
#include <string>
#include <vector>

namespace neurite::cli {
using Args = std::vector<std::string>;

int run_command(const Args& args);
int compare_command(const Args& args);
int plugins_command(const Args& args);
int gradcheck_command(const Args& args);
int validate_command(const Args& args);
int schema_command(const Args& args);
int predict_command(const Args& args);
int evaluate_command(const Args& args);
int export_command(const Args& args);
int report_command(const Args& args);
int show_command(const Args& args);
}  // namespace neurite::cli
