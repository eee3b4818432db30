// Reading one mapping of the experiment schema by its definition
// (schema_definition.hpp): the constructor checks the keys (unknown ones get a
// "did you mean"), required keys, and keys that do not apply ("'data.noise'
// is not used with source: csv"); the typed getters check each value against
// its definition and return the schema's default when the key is absent.
#pragma once
#include "config/schema_definition.hpp"
#include "config/yaml_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace neurite::config {
class SectionReader {
 public:
  /// `path` is the section's schema path ("training"; "" for the top level).
  SectionReader(const std::string& file, const YAML::Node& node, std::string path);

  /// The scalar text of `key` without checks (for condition keys), or "".
  std::string peek(std::string_view key) const;
  /// Rejects keys whose `when` condition does not hold for `value` of their
  /// condition key (call once the condition key's value is known).
  void check_conditions(std::string_view condition_key, const std::string& value) const;

  bool has(std::string_view key) const { return map_.get(key) != nullptr; }
  const YAML::Node* get(std::string_view key) const { return map_.get(key); }
  const YAML::Node& require(std::string_view key) const { return map_.require(key); }

  // Typed values by definition: the value if present, else the default.
  long long integer(std::string_view key) const;
  double real(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::string text(std::string_view key) const;  // string, name, choice
  std::uint64_t unsigned_integer(std::string_view key) const;
  /// Optional keys without a default ("absent means off").
  std::optional<double> optional_real(std::string_view key) const;

  const KeyDef& def(std::string_view key) const { return key_def(map_.key_path(key)); }
  const MapReader& map() const { return map_; }
  const std::string& file() const { return map_.file(); }

 private:
  const YAML::Node* value_or_required(std::string_view key) const;
  MapReader map_;
  std::string path_;
};

/// An empty mapping, for reading an absent section with all its defaults.
const YAML::Node& empty_mapping();
}  // namespace neurite::config
