// `data:` section of an experiment file. Keys, ranges, defaults and which
// sources each key applies to: schema_definition.cpp.
#include "config/schema.hpp"
#include "config/section_reader.hpp"

#include <cmath>
#include <sstream>

namespace neurite::config {
namespace {
SplitSpec read_split(const std::string& file, const YAML::Node& node) {
  const SectionReader map(file, node, "data.split");
  SplitSpec split;
  split.train = map.real("train");
  split.validation = map.real("validation");
  split.test = map.real("test");
  const double sum = split.train + split.validation + split.test;
  if (std::abs(sum - 1.0) > 1e-6) {
    std::ostringstream message;
    message << "split ratios must sum to 1, got " << split.train << " + " << split.validation
            << " + " << split.test << " = " << sum;
    fail(file, node, message.str());
  }
  return split;
}

std::vector<std::string> read_string_list(const SectionReader& map, const char* key) {
  std::vector<std::string> items;
  const YAML::Node* list = map.get(key);
  if (!list) return items;
  const KeyDef& def = map.def(key);
  if (!list->IsSequence()) fail_expected(map.file(), *list, def.expected(), def.path);
  for (std::size_t i = 0; i < list->size(); ++i)
    items.push_back(read_string(map.file(), (*list)[i], def.path + "." + std::to_string(i)));
  return items;
}
}  // namespace

std::string resolve_path(const std::string& path, const std::filesystem::path& base_dir) {
  std::filesystem::path p(path);
  if (p.is_relative() && !base_dir.empty()) p = base_dir / p;
  return p.lexically_normal().string();
}

DataSpec read_data(const std::string& file, const YAML::Node& node,
                   const std::filesystem::path& base_dir) {
  const SectionReader map(file, node, "data");
  DataSpec data;
  data.where = location(file, node);
  data.source = map.text("source");
  map.check_conditions("source", data.source);
  const auto applies = [&](const char* key) { return map.def(key).applies_with(data.source); };
  const auto path = [&](const char* key) { return resolve_path(map.text(key), base_dir); };
  if (applies("samples")) data.samples = static_cast<std::size_t>(map.integer("samples"));
  if (applies("noise")) data.noise = map.real("noise");
  if (applies("factor")) data.factor = map.real("factor");
  if (applies("features")) data.features = static_cast<std::size_t>(map.integer("features"));
  if (map.has("classes")) data.classes = static_cast<int>(map.integer("classes"));  // else the source's own
  if (applies("cluster_std")) data.cluster_std = map.real("cluster_std");
  if (applies("margin")) data.margin = map.real("margin");
  if (data.source == "csv") data.path = path("path");
  if (data.source == "npy") data.features_path = path("path");
  if (applies("label")) data.label_column = map.text("label");
  if (applies("images")) data.images_path = path("images");
  if (applies("labels")) data.labels_path = path("labels");
  if (applies("categorical")) data.categorical = read_string_list(map, "categorical");
  if (applies("impute")) data.impute = map.text("impute");
  if (map.has("validation_path")) data.validation_path = path("validation_path");
  if (map.has("test_path")) data.test_path = path("test_path");
  if (auto v = map.get("split")) data.split = read_split(file, *v);
  if (applies("stratify")) data.stratify = map.boolean("stratify");
  if (map.has("folds")) data.folds = static_cast<std::size_t>(map.integer("folds"));
  data.scale = map.text("scale");
  return data;
}
}  // namespace neurite::config
