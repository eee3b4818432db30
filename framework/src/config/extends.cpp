// `extends:` resolution (see extends.hpp).
#include "config/extends.hpp"

#include "config/key_path.hpp"
#include "config/schema_definition.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace neurite::config {
namespace fs = std::filesystem;

namespace {
bool has_key(const YAML::Node& map, const std::string& key, YAML::Node& value) {
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) {
      value.reset(kv.second);
      return true;
    }
  return false;
}

// The experiment's keys win; mappings present on both sides merge recursively.
void merge_under(YAML::Node experiment, const YAML::Node& base) {
  for (const auto& kv : base) {
    YAML::Node own;
    if (!has_key(experiment, kv.first.Scalar(), own))
      experiment.force_insert(kv.first, kv.second);
    else if (own.IsMap() && kv.second.IsMap())
      merge_under(own, kv.second);
  }
}

// Path values written in the base are relative to the base's directory: make
// them absolute before they move into an experiment that lives elsewhere.
void anchor_paths(YAML::Node base, const fs::path& base_dir) {
  const auto anchored = [&](const YAML::Node& item) {
    fs::path p(item.Scalar());
    return p.is_relative() ? (base_dir / p).lexically_normal().string() : item.Scalar();
  };
  for (const KeyDef& def : experiment_schema()) {
    if (def.kind != ValueKind::path && def.kind != ValueKind::paths) continue;
    if (def.path.find("[]") != std::string::npos) continue;
    YAML::Node value = find_key_path(base, def.path);
    if (!value.IsDefined()) continue;
    if (value.IsScalar()) value = anchored(value);
    else if (value.IsSequence())
      for (std::size_t i = 0; i < value.size(); ++i)
        if (value[i].IsScalar()) value[i] = anchored(value[i]);
  }
}

void resolve_chain(YAML::Node experiment, const std::string& file, OriginScope& origins,
                   std::vector<std::string>& chain) {
  if (!experiment.IsMap()) return;  // the schema reader reports it
  YAML::Node extends;
  if (!has_key(experiment, "extends", extends)) return;
  const std::string base_name = read_string(file, extends, "extends");
  fs::path base_path(base_name);
  if (base_path.is_relative()) base_path = fs::path(file).parent_path() / base_path;
  base_path = base_path.lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(base_path, ec))
    throw Error(ExitCode::data, location(file, extends),
                "no such base experiment file '" + base_path.string() + "' (extends)");
  const std::string canonical = fs::weakly_canonical(base_path, ec).string();
  for (const auto& seen : chain)
    if (seen == canonical) {
      std::string cycle;
      for (const auto& link : chain) cycle += link + " -> ";
      fail(file, extends, "'extends' makes a cycle: " + cycle + canonical);
    }
  const std::string base_file = base_path.string();
  YAML::Node base = load_single_document(read_text_file(base_file, "base experiment file"), base_file);
  if (!base.IsMap()) fail_expected(base_file, base, "a mapping of experiment keys", "extends base");
  experiment.remove("extends");
  chain.push_back(canonical);
  resolve_chain(base, base_file, origins, chain);
  chain.pop_back();
  anchor_paths(base, base_path.parent_path());
  origins.add(base, base_file);
  merge_under(experiment, base);
}
}  // namespace

YAML::Node load_single_document(const std::string& yaml_text, const std::string& file) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw Error(ExitCode::usage, location(file, e.mark), "invalid YAML: " + e.msg);
  }
  if (documents.size() > 1)
    fail(file, documents[1], "more than one YAML document; put several experiments in one list instead");
  return documents.empty() ? YAML::Node() : documents.front();
}

std::string read_text_file(const std::string& path, const std::string& what) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw Error(ExitCode::data, SourceLocation{path},
                fs::exists(path, ec) ? "not a regular file" : "no such " + what);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::data, SourceLocation{path}, "cannot open the " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void resolve_extends(YAML::Node experiment, const std::string& file, OriginScope& origins) {
  std::error_code ec;
  std::vector<std::string> chain{fs::weakly_canonical(file, ec).string()};
  resolve_chain(experiment, file, origins, chain);
}
}  // namespace neurite::config
