// `neurite validate FILES_OR_DIRS...`: everything `run` checks before it trains,
// without training: the schema (with --set), sweeps, plugin names and
// parameters, the data (files read, split, scaled) and the network built for
// the data's shape, and how the trainer will cut each mini-batch into shards
// (printed on the run's "ok" line). Exit 0 when every run is valid, else the
// first error's code.
// --resolved prints each valid run's resolved values (every setting in effect,
// defaults included) as one YAML document per run, instead of the "ok" lines.
#include <neurite/config/experiment_file.hpp>
#include <neurite/data/dataset.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/run/resolved_values.hpp>
#include <neurite/training/monitors.hpp>
#include <neurite/training/trainer.hpp>

#include "cli/batch.hpp"
#include "cli/commands.hpp"
#include "cli/glob.hpp"
#include "cli/options.hpp"

#include <iostream>

namespace neurite::cli {
namespace {
// "batch 128 in 2 shards of 64 rows": how the trainer will cut each mini-batch.
std::string describe(const ShardPlan& plan) {
  std::string s = "batch " + std::to_string(plan.batch) + " in ";
  if (plan.shards == 1) return s + "1 shard";
  const bool even = plan.batch % plan.rows == 0;
  return s + std::to_string(plan.shards) + " shards of " + (even ? "" : "at most ") + std::to_string(plan.rows) +
         " rows";
}

// Builds what the run would build; returns the error, or nothing when valid.
// `resolved` (when given) receives the run's resolved values, `shards` the
// description of its shard plan.
std::optional<Failure> check_run(const ExperimentSpec& spec, const PluginRegistry& registry,
                                 std::string* resolved, std::string& shards) {
  try {
    const PreparedData data = prepare_data(spec.data, spec.seed);
    check_monitors(spec, data);
    AssembledModel model = assemble_model(spec, registry, data.train, Rng(spec.seed));
    shards = describe(plan_shards(model.network, spec.training));
    if (resolved) *resolved = resolved_values(spec, registry);
  } catch (const Error& e) {
    return Failure{e.what(), e.code()};
  } catch (const std::exception& e) {  // a plugin's own exception while building
    return Failure{spec.name + ": " + e.what(), ExitCode::plugin};
  }
  return std::nullopt;
}
}  // namespace

int validate_command(const Args& args) {
  po::options_description options("neurite validate [options] FILES_OR_DIRS...");
  options.add_options()("help,h", "show this help")
      ("set", po::value<std::vector<std::string>>()->composing(),
       "KEY.PATH=VALUE: override a key of every experiment (repeatable)")
      ("quiet,q", "print errors only")
      ("resolved", "print each run's resolved values (every setting, defaults included) as YAML");
  add_plugin_options(options);
  const auto vm = parse(args, options, "inputs");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  if (!vm.count("inputs")) throw Error(ExitCode::usage, "validate: no experiment files given (see --help)");
  PluginRegistry registry = load_plugins(vm);
  const auto files = collect_experiment_files(expand_inputs(vm["inputs"].as<std::vector<std::string>>()));
  Batch batch = plan_batch(files, overrides_of(vm), registry);  // reports its own failures
  std::vector<Failure> failures = batch.planning_failures;
  const bool print_resolved = vm.count("resolved") > 0;
  std::size_t documents = 0;
  for (const auto& item : batch.items) {
    std::string resolved, shards;
    if (auto failure = check_run(item.spec, registry, print_resolved ? &resolved : nullptr, shards)) {
      std::cerr << "neurite: error: " << failure->what << "\n";
      failures.push_back(*failure);
    } else if (print_resolved) {
      std::cout << (documents++ ? "---\n" : "") << "# " << item.spec.name << " (" << item.spec.where.str() << ")\n"
                << resolved;
    } else if (!vm.count("quiet")) {
      std::cout << "ok  " << item.spec.name << "  (" << item.spec.where.str() << ")  " << shards << "\n";
    }
  }
  if (!vm.count("quiet") && !print_resolved)
    std::cout << files.size() << " file(s), " << batch.items.size() - (failures.size() - batch.planning_failures.size())
              << " valid run(s), " << failures.size() << " error(s)\n";
  return failures.empty() ? 0 : static_cast<int>(failures.front().code);
}
}  // namespace neurite::cli
