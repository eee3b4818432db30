// SectionReader: a schema section read by its definition (section_reader.hpp).
#include "config/section_reader.hpp"

#include <cctype>
#include <limits>

namespace neurite::config {
namespace {
bool valid_name(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

RealRange range_of(const KeyDef& def) { return RealRange{def.lo, def.hi, def.lo_open, def.hi_open}; }

long long clamp_bound(double bound) {
  constexpr double kMax = static_cast<double>(std::numeric_limits<long long>::max());
  return bound >= kMax ? std::numeric_limits<long long>::max() : static_cast<long long>(bound);
}
}  // namespace

const YAML::Node& empty_mapping() {
  // One per thread: experiments are planned on several threads, and yaml-cpp
  // nodes are not safe to share between threads.
  static thread_local const YAML::Node node(YAML::NodeType::Map);
  return node;
}

SectionReader::SectionReader(const std::string& file, const YAML::Node& node, std::string path)
    : map_(file, node, path, child_keys(path)), path_(path) {
  for (const auto& key : child_keys(path_)) {
    const KeyDef& d = def(key);
    if (d.required && d.when_key.empty()) map_.require(key);
  }
}

std::string SectionReader::peek(std::string_view key) const {
  const YAML::Node* v = map_.get(key);
  return v && v->IsScalar() ? v->Scalar() : std::string();
}

void SectionReader::check_conditions(std::string_view condition_key, const std::string& value) const {
  for (const auto& key : child_keys(path_)) {
    const KeyDef& d = def(key);
    if (d.when_key != condition_key) continue;
    if (!d.applies_with(value)) {
      if (has(key))
        fail(file(), map_.key_node(key),
             "'" + d.path + "' is not used with " + d.when_key + ": " + value + " (only with " +
                 joined(d.when_values) + ")");
    } else if (d.required) {
      map_.require(key);
    }
  }
}

const YAML::Node* SectionReader::value_or_required(std::string_view key) const {
  if (def(key).required) return &map_.require(key);
  return map_.get(key);
}

long long SectionReader::integer(std::string_view key) const {
  const KeyDef& d = def(key);
  const YAML::Node* v = value_or_required(key);
  if (!v) return d.default_text == "auto" ? 0 : std::stoll(d.default_text);
  if (d.kind == ValueKind::auto_or_integer && v->IsScalar() && v->Scalar() == "auto") return 0;
  return read_integer(file(), *v, d.path, d.expected(), clamp_bound(d.lo), clamp_bound(d.hi));
}

double SectionReader::real(std::string_view key) const {
  const KeyDef& d = def(key);
  const YAML::Node* v = value_or_required(key);
  if (!v) return std::stod(d.default_text);
  return read_real(file(), *v, d.path, d.expected(), range_of(d));
}

std::optional<double> SectionReader::optional_real(std::string_view key) const {
  const KeyDef& d = def(key);
  const YAML::Node* v = value_or_required(key);
  if (!v) return d.default_text.empty() ? std::nullopt : std::optional<double>(std::stod(d.default_text));
  return read_real(file(), *v, d.path, d.expected(), range_of(d));
}

bool SectionReader::boolean(std::string_view key) const {
  const KeyDef& d = def(key);
  const YAML::Node* v = value_or_required(key);
  if (!v) return d.default_text == "true";
  return read_bool(file(), *v, d.path);
}

std::uint64_t SectionReader::unsigned_integer(std::string_view key) const {
  const KeyDef& d = def(key);
  const YAML::Node* v = value_or_required(key);
  if (!v) return std::stoull(d.default_text);
  return read_unsigned(file(), *v, d.path);
}

std::string SectionReader::text(std::string_view key) const {
  const KeyDef& d = def(key);
  const YAML::Node* v = value_or_required(key);
  if (!v) return d.default_text;
  if (d.kind == ValueKind::choice) return read_choice(file(), *v, d.path, d.choices);
  std::string s = read_string(file(), *v, d.path);
  if (d.kind == ValueKind::name && !valid_name(s)) fail_expected(file(), *v, d.expected(), d.path);
  return s;
}
}  // namespace neurite::config
