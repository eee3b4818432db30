// Sweep expansion (see sweep.hpp).
#include "config/sweep.hpp"

#include "config/key_path.hpp"
#include "config/schema_definition.hpp"
#include "config/yaml_reader.hpp"

#include <map>

namespace neurite::config {
namespace {
struct Dimension {
  std::vector<std::string> paths;               // one for grid, several for zip
  std::vector<std::vector<YAML::Node>> values;  // values[point][path]
};

std::vector<YAML::Node> value_list(const std::string& file, const YAML::Node& key, const YAML::Node& list,
                                   const std::string& path) {
  if (!list.IsSequence() || list.size() == 0)
    fail_expected(file, list, "a non-empty list of values", "sweep." + path);
  const auto bad_path = [&](const std::string& message) { fail(file, key, message); };
  split_key_path(path, bad_path);
  if (!sweepable(path))
    fail(file, key, "'" + path + "' cannot be swept (use sweep.seeds or sweep.repeats for seeds)");
  std::vector<YAML::Node> values;
  for (const auto& item : list) values.push_back(item);
  return values;
}

Dimension grid_dimension(const std::string& file, const YAML::Node& key, const YAML::Node& list) {
  Dimension d;
  d.paths.push_back(key.Scalar());
  for (auto& value : value_list(file, key, list, key.Scalar())) d.values.push_back({value});
  return d;
}

Dimension zip_dimension(const std::string& file, const YAML::Node& zip) {
  if (!zip.IsMap() || zip.size() == 0)
    fail_expected(file, zip, "a mapping of key paths to lists of equal length", "sweep.zip");
  Dimension d;
  std::size_t length = 0;
  for (const auto& kv : zip) {
    const auto values = value_list(file, kv.first, kv.second, kv.first.Scalar());
    if (d.paths.empty()) {
      length = values.size();
      d.values.resize(length);
    } else if (values.size() != length) {
      fail(file, kv.second,
           "sweep.zip lists must have equal lengths: '" + kv.first.Scalar() + "' has " +
               std::to_string(values.size()) + " values, '" + d.paths.front() + "' has " +
               std::to_string(length));
    }
    d.paths.push_back(kv.first.Scalar());
    for (std::size_t i = 0; i < length; ++i) d.values[i].push_back(values[i]);
  }
  return d;
}

// A path's label in run names: its last key, or the whole path where two
// swept paths end in the same key.
std::map<std::string, std::string> labels_of(const std::vector<Dimension>& dims) {
  std::map<std::string, int> last_count;
  const auto last = [](const std::string& p) { return p.substr(p.rfind('.') + 1); };
  for (const auto& d : dims)
    for (const auto& p : d.paths) ++last_count[last(p)];
  std::map<std::string, std::string> labels;
  for (const auto& d : dims)
    for (const auto& p : d.paths) labels[p] = last_count[last(p)] > 1 || last(p) == "seed" ? p : last(p);
  return labels;
}
}  // namespace

bool sweepable(const std::string& path) {
  const std::string first = path.substr(0, path.find('.'));
  return first != "name" && first != "sweep" && first != "extends" && first != "seed";
}

std::string settings_suffix(const std::vector<SweepSetting>& settings) {
  if (settings.empty()) return {};
  std::string out = "[";
  for (std::size_t i = 0; i < settings.size(); ++i)
    out += (i ? "," : "") + settings[i].label + "=" + settings[i].value;
  return out + "]";
}

std::string SweepPoint::suffix() const { return settings_suffix(settings); }

std::vector<SweepPoint> expand_sweep(const std::string& file, const YAML::Node& sweep, std::uint64_t seed) {
  if (!sweep.IsMap() || sweep.size() == 0)
    fail_expected(file, sweep, "a mapping of key paths to lists (or grid, zip, seeds, repeats)", "sweep");
  std::vector<Dimension> dims;
  std::vector<std::uint64_t> seeds;
  bool seeds_given = false;
  for (const auto& kv : sweep) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    if (key == "grid") {
      if (!kv.second.IsMap() || kv.second.size() == 0)
        fail_expected(file, kv.second, "a mapping of key paths to lists", "sweep.grid");
      for (const auto& entry : kv.second) dims.push_back(grid_dimension(file, entry.first, entry.second));
    } else if (key == "zip") {
      dims.push_back(zip_dimension(file, kv.second));
    } else if (key == "seeds" || key == "repeats") {
      if (seeds_given) fail(file, kv.first, "give either sweep.seeds or sweep.repeats, not both");
      seeds_given = true;
      if (key == "seeds") {
        const KeyDef& def = key_def("sweep.seeds");
        if (!kv.second.IsSequence() || kv.second.size() == 0)
          fail_expected(file, kv.second, "a non-empty list of unsigned integers", def.path);
        for (std::size_t i = 0; i < kv.second.size(); ++i)
          seeds.push_back(read_unsigned(file, kv.second[i], def.path + "." + std::to_string(i)));
      } else {
        const KeyDef& def = key_def("sweep.repeats");
        const auto n = read_integer(file, kv.second, def.path, def.expected(), 1, 1'000'000);
        for (long long i = 0; i < n; ++i) seeds.push_back(seed + static_cast<std::uint64_t>(i));
      }
    } else if (kv.first.IsScalar() && (key.find('.') != std::string::npos || kv.second.IsSequence())) {
      dims.push_back(grid_dimension(file, kv.first, kv.second));  // also a top-level key: `optimizer: [sgd, adam]`
    } else {
      fail(file, kv.first,
           "unknown sweep entry '" + key + "': expected grid, zip, seeds, repeats, or a key path such as "
           "'model.0.dense.units' with a list of values");
    }
  }
  const auto labels = labels_of(dims);
  std::map<std::string, std::string> paths_seen;
  for (const auto& d : dims)
    for (const auto& p : d.paths)
      if (!paths_seen.emplace(p, p).second) fail(file, sweep, "'" + p + "' is swept twice");

  std::vector<SweepPoint> points(1);
  for (const auto& d : dims) {  // the first dimension ends up outermost
    std::vector<SweepPoint> next;
    for (const auto& point : points)
      for (const auto& values : d.values) {
        SweepPoint p = point;
        for (std::size_t k = 0; k < d.paths.size(); ++k) {
          p.values.emplace_back(d.paths[k], values[k]);
          p.settings.push_back({labels.at(d.paths[k]), d.paths[k], compact_yaml(values[k])});
        }
        next.push_back(std::move(p));
      }
    points = std::move(next);
  }
  if (!seeds.empty()) {
    std::vector<SweepPoint> next;
    for (const auto& point : points)
      for (const auto s : seeds) {
        SweepPoint p = point;
        p.seed = s;
        p.settings.push_back({"seed", "seed", std::to_string(s)});
        next.push_back(std::move(p));
      }
    points = std::move(next);
  }
  return points;
}
}  // namespace neurite::config
