// Checked scalar and mapping readers over yaml-cpp nodes (see yaml_reader.hpp).
#include "config/yaml_reader.hpp"

#include "text/did_you_mean.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

namespace neurite::config {
SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return SourceLocation{file, 0, 0};
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

void fail(const std::string& file, const YAML::Mark& mark, const std::string& message) {
  throw Error(ExitCode::usage, location(file, mark), message);
}

void fail(const std::string& file, const YAML::Node& node, const std::string& message) {
  throw Error(ExitCode::usage, location(file, node), message);
}

namespace {
thread_local OriginScope* current_scope = nullptr;
}

OriginScope::OriginScope() : outer_(current_scope) { current_scope = this; }
OriginScope::~OriginScope() { current_scope = outer_; }

void OriginScope::add(const YAML::Node& root, const std::string& file, bool positions) {
  origins_.push_back(Origin{root, file, positions});
  if (root.IsMap())
    for (const auto& kv : root) {
      add(kv.first, file, positions);
      add(kv.second, file, positions);
    }
  else if (root.IsSequence())
    for (const auto& item : root) add(item, file, positions);
}

SourceLocation location(const std::string& file, const YAML::Node& node) {
  // Looked up only when an error is reported, so a linear scan is fine.
  for (const OriginScope* scope = current_scope; scope; scope = scope->outer_)
    for (const auto& origin : scope->origins_)
      if (origin.node.is(node))
        return origin.positions ? location(origin.file, node.Mark()) : SourceLocation{origin.file, 0, 0};
  return location(file, node.Mark());
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "nothing";
  }
}

void fail_expected(const std::string& file, const YAML::Node& node, std::string_view expected,
                   std::string_view what) {
  fail(file, node,
       "expected " + std::string(expected) + " for '" + std::string(what) + "', got " +
           describe(node));
}

std::string read_string(const std::string& file, const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar() || node.Scalar().empty()) fail_expected(file, node, "a string", what);
  return node.Scalar();
}

std::string read_choice(const std::string& file, const YAML::Node& node, std::string_view what,
                        const std::vector<std::string>& choices) {
  const std::string expected = "one of " + sorted_list(choices);
  if (!node.IsScalar()) fail_expected(file, node, expected, what);
  const std::string& text = node.Scalar();
  if (std::find(choices.begin(), choices.end(), text) == choices.end())
    fail(file, node, unknown_name_message("value", text, what, choices, "expected one of"));
  return text;
}

namespace {
// Integers as YAML writes them in decimal, with an optional sign.
bool parse_integer(const std::string& text, long long& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  if (first == last) return false;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc{} && ptr == last;
}

bool parse_unsigned(const std::string& text, std::uint64_t& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  if (first == last || *first == '-') return false;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc{} && ptr == last;
}

bool parse_real(const std::string& text, double& out) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;
  if (first == last) return false;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc{} && ptr == last && std::isfinite(out);
}
}  // namespace

std::uint64_t read_unsigned(const std::string& file, const YAML::Node& node,
                            std::string_view what) {
  std::uint64_t value = 0;
  if (!node.IsScalar() || !parse_unsigned(node.Scalar(), value))
    fail_expected(file, node, "an unsigned integer", what);
  return value;
}

long long read_integer(const std::string& file, const YAML::Node& node, std::string_view what,
                       std::string_view expected, long long lo, long long hi) {
  long long value = 0;
  if (!node.IsScalar() || !parse_integer(node.Scalar(), value) || value < lo || value > hi)
    fail_expected(file, node, expected, what);
  return value;
}

double read_real(const std::string& file, const YAML::Node& node, std::string_view what,
                 std::string_view expected, RealRange range) {
  double value = 0;
  if (!node.IsScalar() || !parse_real(node.Scalar(), value)) fail_expected(file, node, expected, what);
  const bool above = range.lo_open ? value > range.lo : value >= range.lo;
  const bool below = range.hi_open ? value < range.hi : value <= range.hi;
  if (!above || !below) fail_expected(file, node, expected, what);
  return value;
}

bool read_bool(const std::string& file, const YAML::Node& node, std::string_view what) {
  if (node.IsScalar()) {
    std::string text = node.Scalar();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (text == "true" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "no" || text == "off") return false;
  }
  fail_expected(file, node, "true or false", what);
}

MapReader::MapReader(const std::string& file, const YAML::Node& node, std::string path,
                     std::vector<std::string> allowed)
    : file_(file), node_(node), path_(std::move(path)) {
  if (!node.IsMap())
    fail_expected(file, node, "a mapping", path_.empty() ? std::string("experiment") : path_);
  for (const auto& kv : node) {
    const YAML::Node& key = kv.first;
    if (!key.IsScalar())
      fail(file, key, "expected a key name in '" + (path_.empty() ? "experiment" : path_) +
                                 "', got " + describe(key));
    const std::string& name = key.Scalar();
    // A key inserted by a sweep or --set has no position; its value has one.
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      fail(file, key.Mark().is_null() ? kv.second : key,
           unknown_name_message("key", name, path_.empty() ? "experiment" : path_, allowed));
    for (const auto& seen : entries_)
      if (seen.key == name) {
        std::ostringstream message;
        message << "duplicate key '" << key_path(name) << "' (first given at line "
                << seen.key_node.Mark().line + 1 << ")";
        fail(file, key, message.str());
      }
    entries_.push_back(Entry{name, key, kv.second});
  }
}

const YAML::Node* MapReader::get(std::string_view key) const {
  for (const auto& entry : entries_)
    if (entry.key == key) return &entry.value;
  return nullptr;
}

const YAML::Node& MapReader::require(std::string_view key) const {
  if (const YAML::Node* value = get(key)) return *value;
  fail(file_, node_,
       "missing required key '" + key_path(key) + "'" +
           (path_.empty() ? std::string(" in experiment") : " in '" + path_ + "'"));
}

const YAML::Node& MapReader::key_node(std::string_view key) const {
  for (const auto& entry : entries_)
    if (entry.key == key) return entry.key_node;
  return node_;
}

std::string MapReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}
}  // namespace neurite::config
