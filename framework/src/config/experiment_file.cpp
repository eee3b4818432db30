// Experiment files: reading the file, YAML syntax errors, one experiment or a
// list of them, each expanded into runs (extends, --set, sweep), duplicate
// names, and expanding command-line paths.
#include <neurite/config/experiment_file.hpp>

#include "config/extends.hpp"
#include "config/key_path.hpp"
#include "config/list_items.hpp"
#include "config/schema_definition.hpp"
#include "config/schema.hpp"
#include "config/sweep.hpp"
#include "config/yaml_reader.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include <tbb/parallel_for.h>

namespace neurite {
namespace fs = std::filesystem;

namespace {
std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}

YAML::Node take_key(YAML::Node experiment, const char* key) {
  YAML::Node value;
  if (!experiment.IsMap()) return value;
  for (const auto& kv : experiment)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) {
      value.reset(kv.second);
      experiment.remove(key);
      return value;
    }
  return YAML::Node(YAML::NodeType::Undefined);
}

// A path typed on the command line means a path from where the command runs,
// not from the experiment file's directory.
void anchor_to_working_directory(const std::string& key_path, YAML::Node value) {
  for (const config::KeyDef& def : config::experiment_schema()) {
    if (def.path != key_path || (def.kind != config::ValueKind::path && def.kind != config::ValueKind::paths)) continue;
    const auto anchor = [](YAML::Node item) {
      if (item.IsScalar() && fs::path(item.Scalar()).is_relative())
        item = (fs::current_path() / item.Scalar()).lexically_normal().string();
    };
    if (value.IsSequence())
      for (std::size_t i = 0; i < value.size(); ++i) anchor(value[i]);
    else
      anchor(value);
  }
}

void apply_overrides(YAML::Node experiment, const std::vector<Override>& overrides,
                     config::OriginScope& origins) {
  if (!experiment.IsMap()) return;  // the schema reader reports it
  for (const auto& o : overrides) {
    const std::string where = "--set " + o.text;
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::ParserException& e) {
      throw Error(ExitCode::usage, SourceLocation{where}, "invalid YAML value: " + e.msg);
    }
    origins.add(value, where, false);
    anchor_to_working_directory(o.path, value);
    config::set_key_path(experiment, o.path, value, [&](const std::string& message) {
      throw Error(ExitCode::usage, SourceLocation{where}, message);
    });
  }
}

// `data.folds: k` makes k runs of each run, fold i validating ("[fold=1]" ...
// in names, 1-based; DataSpec::fold is 0-based).
std::vector<ExperimentSpec> expand_folds(std::vector<ExperimentSpec> runs) {
  std::vector<ExperimentSpec> out;
  for (auto& run : runs) {
    if (run.data.folds < 2) {
      out.push_back(std::move(run));
      continue;
    }
    for (std::size_t i = 0; i < run.data.folds; ++i) {
      ExperimentSpec fold = run;
      fold.data.fold = i;
      fold.sweep.push_back({"fold", "data.fold", std::to_string(i + 1)});
      fold.name = fold.base_name + config::settings_suffix(fold.sweep);
      out.push_back(std::move(fold));
    }
  }
  return out;
}

// One experiment of a file, freshly parsed: a list item or the whole mapping.
// Each run parses the text again, because yaml-cpp nodes are shared by
// reference (YAML anchors, merged bases): changing one run's tree in place
// would leak into the next run or the next experiment.
struct Prepared {
  YAML::Node experiment, sweep;
  bool changed = false;  // extends or --set made it differ from the text
};

// Where one experiment's text is: `parse_text` parses (once into `root`, and
// again for each fresh copy) to a tree holding it, at `root[index]` when the
// tree is a list. `own_text`, when set, is the experiment's text alone (the
// whole file, or its list item cut out), kept as written while nothing changes it.
struct ExperimentSource {
  const std::string& parse_text;
  YAML::Node root;
  std::size_t index = 0;
  const std::string* own_text = nullptr;

  YAML::Node experiment(const YAML::Node& tree) const { return tree.IsMap() ? tree : tree[index]; }
};

Prepared prepare(const ExperimentSource& source, const YAML::Node& tree, const std::string& path,
                 const std::vector<Override>& overrides, config::OriginScope& origins) {
  Prepared p;
  p.experiment = source.experiment(tree);
  p.changed = config::find_key_path(p.experiment, "extends").IsDefined() || !overrides.empty();
  config::resolve_extends(p.experiment, path, origins);
  apply_overrides(p.experiment, overrides, origins);
  p.sweep = take_key(p.experiment, "sweep");
  return p;
}

// What `make(i)` gave, or the exception it threw.
template <typename Result>
struct Outcome {
  std::optional<Result> result;
  std::exception_ptr failure;

  Result take() {
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }
};

// Runs `make(i)` for i in [0, count) on the batch's threads; outcomes in order.
// The calls must share no yaml-cpp node: assigning a node into another tree
// rewires both trees' memory, so nodes of one parse are one thread's alone.
template <typename Result, typename Make>
std::vector<Outcome<Result>> make_in_parallel(std::size_t count, const Make& make) {
  std::vector<Outcome<Result>> made(count);
  tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
    try {
      made[i].result = make(i);
    } catch (...) {
      made[i].failure = std::current_exception();
    }
  });
  return made;
}

// The runs of one experiment: extends merged, overrides applied, then one run
// per sweep point (or the experiment itself without a sweep).
// `source.root` is parsed once; an experiment that extends a base, and every
// sweep point, gets a fresh parse instead (see Prepared), so the one-parse
// path costs nothing for a long list of plain experiments.
std::vector<ExperimentSpec> expand_experiment(const ExperimentSource& source, const std::string& path,
                                              const std::vector<Override>& overrides) {
  const fs::path base_dir = fs::path(path).parent_path();
  const auto fresh_root = [&] { return config::load_single_document(source.parse_text, path); };
  const bool extends = config::find_key_path(source.experiment(source.root), "extends").IsDefined();
  config::OriginScope origins;
  const Prepared first = prepare(source, extends ? fresh_root() : source.root, path, overrides, origins);
  const ExperimentSpec base = config::read_experiment(path, first.experiment, base_dir);
  if (!first.sweep.IsDefined()) {
    ExperimentSpec spec = base;
    spec.base_name = spec.name;
    spec.yaml_text = source.own_text && !first.changed ? *source.own_text : emit(first.experiment);
    return expand_folds({spec});
  }
  for (const auto& o : overrides)
    for (const auto& kv : first.sweep)
      if (kv.first.IsScalar() && kv.first.Scalar() == o.path)
        throw Error(ExitCode::usage, SourceLocation{"--set " + o.text},
                    "'" + o.path + "' is swept by the experiment at " +
                        config::location(path, kv.first).str() + "; a --set cannot also fix it");
  std::vector<ExperimentSpec> runs;
  for (const auto& point : config::expand_sweep(path, first.sweep, base.seed)) {
    config::OriginScope run_origins;
    Prepared run = prepare(source, fresh_root(), path, overrides, run_origins);
    for (const auto& [key_path, value] : point.values)
      config::set_key_path(run.experiment, key_path, value,
                           [&](const std::string& message) { config::fail(path, value, message); });
    if (point.seed) run.experiment["seed"] = *point.seed;
    ExperimentSpec spec = config::read_experiment(path, run.experiment, base_dir);
    spec.base_name = spec.name;
    spec.name += point.suffix();
    spec.sweep = point.settings;
    spec.yaml_text = emit(run.experiment);
    runs.push_back(std::move(spec));
  }
  return expand_folds(std::move(runs));
}

// A file that is a plain block list, parsed item by item in parallel; nullopt
// when it is not one or an item does not parse alone (the whole-file parse
// then reports the error where the file has it).
using ItemRuns = Outcome<std::vector<ExperimentSpec>>;
std::optional<std::vector<ItemRuns>> expand_list_items(const std::string& yaml_text, const std::string& path,
                                                       const std::vector<Override>& overrides) {
  std::optional<std::vector<config::ListItemText>> items = config::split_block_list(yaml_text);
  if (!items || items->size() < 2) return std::nullopt;
  std::vector<YAML::Node> roots(items->size());
  std::atomic<bool> parsed_alone{true};
  tbb::parallel_for(std::size_t{0}, items->size(), [&](std::size_t i) {
    try {
      roots[i] = YAML::Load((*items)[i].in_place);
      if (!roots[i].IsMap()) parsed_alone = false;
    } catch (const YAML::Exception&) {
      parsed_alone = false;
    }
  });
  if (!parsed_alone) return std::nullopt;
  return make_in_parallel<std::vector<ExperimentSpec>>(items->size(), [&](std::size_t i) {
    const ExperimentSource source{(*items)[i].in_place, roots[i], 0, &(*items)[i].text};
    return expand_experiment(source, path, overrides);
  });
}

std::vector<ItemRuns> expand_file(const std::string& yaml_text, const std::string& path,
                                  const std::vector<Override>& overrides) {
  if (auto runs = expand_list_items(yaml_text, path, overrides)) return std::move(*runs);
  const YAML::Node root = config::load_single_document(yaml_text, path);
  if (!root.IsDefined() || root.IsNull())
    throw Error(ExitCode::usage, SourceLocation{path, 1, 1},
                "no experiment in the file; expected a mapping with 'name', 'data', 'model', ... "
                "or a list of such mappings");
  if (!root.IsMap() && (!root.IsSequence() || root.size() == 0))
    config::fail_expected(path, root, "an experiment (a mapping) or a non-empty list of experiments",
                          "experiment file");
  if (root.IsMap()) {
    std::vector<ItemRuns> one(1);
    one[0].result = expand_experiment(ExperimentSource{yaml_text, root, 0, &yaml_text}, path, overrides);
    return one;
  }
  // The items share the one parse, and preparing an item changes its tree:
  // one after the other.
  std::vector<ItemRuns> items(root.size());
  for (std::size_t i = 0; i < root.size(); ++i) {
    try {
      items[i].result = expand_experiment(ExperimentSource{yaml_text, root, i, nullptr}, path, overrides);
    } catch (...) {
      items[i].failure = std::current_exception();
      break;  // a serial loop stops at its first error
    }
  }
  return items;
}
}  // namespace

Override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error(ExitCode::usage, "--set " + text + ": expected KEY.PATH=VALUE, e.g. training.epochs=50");
  return Override{text.substr(0, eq), text.substr(eq + 1), text};
}

std::vector<ExperimentSpec> parse_experiments(const std::string& yaml_text, const std::string& path,
                                              const std::vector<Override>& overrides) {
  std::vector<ExperimentSpec> specs;
  std::unordered_map<std::string, std::size_t> first_line;  // name -> line of its first run
  for (auto& item : expand_file(yaml_text, path, overrides)) {
    for (auto& spec : item.take()) {
      const auto [earlier, fresh] = first_line.emplace(spec.name, spec.where.line);
      if (!fresh)
        throw Error(ExitCode::usage, spec.where,
                    "duplicate experiment name '" + spec.name + "' (first defined at line " +
                        std::to_string(earlier->second) + ")");
      specs.push_back(std::move(spec));
    }
  }
  return specs;
}

std::vector<ExperimentSpec> load_experiment_file(const std::string& path,
                                                 const std::vector<Override>& overrides) {
  return parse_experiments(config::read_text_file(path, "experiment file"), path, overrides);
}

std::vector<std::string> collect_experiment_files(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const auto& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(arg, ec)) {
        const auto ext = entry.path().extension();
        if ((ext == ".yaml" || ext == ".yml") && entry.is_regular_file(ec))
          found.push_back(entry.path());
      }
      if (ec) throw Error(ExitCode::data, SourceLocation{arg}, "cannot list directory: " + ec.message());
      std::sort(found.begin(), found.end(),
                [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
      if (found.empty())
        throw Error(ExitCode::data, SourceLocation{arg},
                    "directory holds no experiment files (*.yaml, *.yml)");
      for (const auto& p : found) files.push_back(p.string());
    } else if (fs::exists(arg, ec)) {
      files.push_back(arg);
    } else {
      throw Error(ExitCode::data, SourceLocation{arg}, "no such file or directory");
    }
  }
  return files;
}
}  // namespace neurite
