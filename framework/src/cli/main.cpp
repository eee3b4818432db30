// neurite: runs neural-network experiments described in YAML, with every
// component loaded from plugin libraries.
#include <neurite/errors.hpp>

#include "cli/commands.hpp"

#include <iostream>
#include <string>

namespace {
const char* kUsage = R"(usage: neurite <command> [options] [arguments]

commands:
  run FILES_OR_DIRS...      train the experiments, store results, print a comparison
  validate FILES_OR_DIRS... check experiments (schema, plugins, data, shapes) without training
  schema                    print the experiment file reference (every key)
  compare RESULTS...        compare stored results (files or directories)
  predict RESULT DATA.csv   a stored model's predictions for new rows (-o FILE)
  evaluate RESULT DATA.csv  a stored model's scores on labelled rows (--format text|json)
  export RESULT             a stored model's parameters as json, npy or csv (--format, -o DIR)
  report RESULTS... -o F    write one self-contained HTML report (curves, boundaries, matrices)
  show RESULT               one stored run in detail (--resolved, --yaml, --history, --format)
  plugins list              list the loaded components
  plugins describe NAME     show one component's parameters
  gradcheck NAME [--param K=V ...]
                            check a component's gradients by finite differences
  gradcheck EXPERIMENT.yaml check a whole network's gradients on its data

options:
  -h, --help                this help (or `neurite <command> --help`)
  --version                 print the version

exit codes: 0 ok, 1 a run failed or diverged, 2 usage or configuration error,
            3 data or I/O error, 4 plugin error, 130 interrupted (see run --resume)
)";
}  // namespace

int main(int argc, char** argv) {
  using neurite::ExitCode;
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "-h" || all[0] == "--help" || all[0] == "help") {
    std::cout << kUsage;
    return all.empty() ? static_cast<int>(ExitCode::usage) : 0;
  }
  if (all[0] == "--version") {
    std::cout << "neurite " << NEURITE_VERSION << "\n";
    return 0;
  }
  const std::string command = all[0];
  const std::vector<std::string> args(all.begin() + 1, all.end());
  try {
    if (command == "run") return neurite::cli::run_command(args);
    if (command == "validate") return neurite::cli::validate_command(args);
    if (command == "schema") return neurite::cli::schema_command(args);
    if (command == "report") return neurite::cli::report_command(args);
    if (command == "show") return neurite::cli::show_command(args);
    if (command == "compare") return neurite::cli::compare_command(args);
    if (command == "predict") return neurite::cli::predict_command(args);
    if (command == "evaluate") return neurite::cli::evaluate_command(args);
    if (command == "export") return neurite::cli::export_command(args);
    if (command == "plugins") return neurite::cli::plugins_command(args);
    if (command == "gradcheck") return neurite::cli::gradcheck_command(args);
    std::cerr << "neurite: unknown command '" << command << "'\n\n" << kUsage;
    return static_cast<int>(ExitCode::usage);
  } catch (const neurite::Error& e) {
    std::cerr << "neurite: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << "neurite: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  }
}
