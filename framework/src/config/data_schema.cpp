// `data:` section of an experiment file:
//   source: xor | moons | circles | random | csv   (required)
//   samples (int >= 1)                      generators only
//   noise (>= 0)                            xor, moons, circles only
//   factor (in (0, 1))                      circles only
//   features (int >= 1), classes (int >= 2) random only
//   path, label (both required)             csv only; path relative to the file
//   split: {train, validation, test}        ratios in [0, 1] summing to 1, train > 0;
//                                           ratios left out of an explicit split are 0
//   scale: standard | none
#include "config/schema.hpp"
#include "config/yaml_reader.hpp"

#include <cmath>
#include <limits>
#include <sstream>

namespace neurite::config {
namespace {
const std::vector<std::string> kSources = {"xor", "moons", "circles", "random", "csv"};

SplitSpec read_split(const std::string& file, const YAML::Node& node) {
  const MapReader map(file, node, "data.split", {"train", "validation", "test"});
  const RealRange unit{0.0, 1.0};
  SplitSpec split{0.0, 0.0, 0.0};
  split.train = read_real(file, map.require("train"), "data.split.train", "a number in (0, 1]",
                          {0.0, 1.0, true});
  if (auto v = map.get("validation"))
    split.validation = read_real(file, *v, "data.split.validation", "a number in [0, 1]", unit);
  if (auto v = map.get("test"))
    split.test = read_real(file, *v, "data.split.test", "a number in [0, 1]", unit);
  const double sum = split.train + split.validation + split.test;
  if (std::abs(sum - 1.0) > 1e-6) {
    std::ostringstream message;
    message << "split ratios must sum to 1, got " << split.train << " + " << split.validation
            << " + " << split.test << " = " << sum;
    fail(file, node.Mark(), message.str());
  }
  return split;
}

// Keys that only make sense for some sources are errors elsewhere rather than
// being silently ignored.
void reject_key(const MapReader& map, const std::string& key, const std::string& source,
                const std::string& used_with) {
  if (map.get(key))
    fail(map.file(), map.key_mark(key),
         "'" + map.key_path(key) + "' is not used with source: " + source + " (only with " +
             used_with + ")");
}
}  // namespace

DataSpec read_data(const std::string& file, const YAML::Node& node,
                   const std::filesystem::path& base_dir) {
  const MapReader map(file, node, "data",
                      {"source", "samples", "noise", "factor", "features", "classes", "path", "label",
                       "split", "scale"});
  DataSpec data;
  data.where = location(file, node.Mark());
  data.source = read_choice(file, map.require("source"), "data.source", kSources);
  const bool csv = data.source == "csv";
  if (csv) {
    for (const char* key : {"samples", "noise", "factor", "features", "classes"}) {
      const std::string k = key;
      reject_key(map, key, data.source,
                 k == "factor" ? "circles" : k == "features" || k == "classes" ? "random" : "generated data");
    }
    const YAML::Node& path = map.require("path");
    std::filesystem::path p(read_string(file, path, "data.path"));
    if (p.is_relative() && !base_dir.empty()) p = base_dir / p;
    data.path = p.lexically_normal().string();
    data.label_column = read_string(file, map.require("label"), "data.label");
  } else {
    reject_key(map, "path", data.source, "csv");
    reject_key(map, "label", data.source, "csv");
    if (data.source != "circles") reject_key(map, "factor", data.source, "circles");
    if (data.source == "random") reject_key(map, "noise", data.source, "xor, moons, circles");
    if (data.source != "random") {
      reject_key(map, "features", data.source, "random");
      reject_key(map, "classes", data.source, "random");
    }
    if (auto v = map.get("samples"))
      data.samples = static_cast<std::size_t>(read_integer(
          file, *v, "data.samples", "a positive integer", 1, 1'000'000'000'000LL));
    if (auto v = map.get("noise"))
      data.noise = read_real(file, *v, "data.noise", "a number >= 0",
                             {0.0, std::numeric_limits<double>::max()});
    if (auto v = map.get("factor"))
      data.factor = read_real(file, *v, "data.factor", "a number in (0, 1)", {0.0, 1.0, true, true});
    if (auto v = map.get("features"))
      data.features = static_cast<std::size_t>(
          read_integer(file, *v, "data.features", "a positive integer", 1, 1'000'000'000LL));
    if (auto v = map.get("classes"))
      data.classes = static_cast<int>(
          read_integer(file, *v, "data.classes", "an integer >= 2", 2, 1'000'000'000LL));
  }
  if (auto v = map.get("split")) data.split = read_split(file, *v);
  if (auto v = map.get("scale")) data.scale = read_choice(file, *v, "data.scale", {"standard", "none"});
  return data;
}
}  // namespace neurite::config
