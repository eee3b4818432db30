// `neurite schema`: the experiment file reference, printed from the schema
// definition (framework/src/config/schema_definition.cpp). The README's
// reference table is this output (scripts/schema-docs; a test keeps them equal).
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "config/schema_definition.hpp"

#include <iostream>

namespace neurite::cli {
int schema_command(const Args& args) {
  po::options_description options("neurite schema");
  options.add_options()("help,h", "show this help");
  const auto vm = parse(args, options, nullptr);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  std::cout << config::schema_markdown();
  return 0;
}
}  // namespace neurite::cli
