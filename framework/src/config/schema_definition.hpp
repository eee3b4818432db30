// The experiment schema as data: every key an experiment file may hold, with
// its type, range or choices, default, the condition under which it applies,
// and a one-line doc. The section readers take allowed keys, ranges and
// defaults from here, `neurite validate` checks against it, and
// `neurite schema` prints the reference table in the README from it, so the
// three cannot drift apart.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace neurite::config {
enum class ValueKind {
  string,            // any non-empty scalar
  name,              // an experiment name: letters, digits, - _ . (not starting with .)
  boolean,
  integer,           // within [lo, hi]
  unsigned_integer,  // 0 .. 2^64-1
  real,              // finite, within the range
  choice,            // one of `choices`
  auto_or_integer,   // 'auto' or an integer within [lo, hi]
  integer_list,      // a non-empty list of integers within [lo, hi]
  string_list,       // a list of strings
  path,              // a file path, relative to the experiment file
  paths,             // a path or a list of paths
  section,           // a mapping of further keys
  name_or_section,   // a plain name (its `name`), or a mapping with `name` and further keys
  component,         // a plugin component: a name, or {name: ..., its parameters}
  model,             // the list of layers
  sweep,             // the sweep block
};

struct KeyDef {
  std::string path;          // dotted, "training.early_stopping.patience"; "model[]" for list items
  ValueKind kind = ValueKind::string;
  std::string default_text;  // as written in YAML; empty: no default (absent means off/none)
  bool required = false;
  double lo = 0, hi = 0;     // integer / real range
  bool lo_open = false, hi_open = false;
  std::vector<std::string> choices;
  // The key applies only when its sibling `when_key` (same mapping) has one of
  // `when_values`; elsewhere giving it is an error rather than silently ignored.
  std::string when_key;
  std::vector<std::string> when_values;
  std::string doc;

  /// "a positive integer", "a number in (0, 1)", "one of mean, sum", ...
  std::string expected() const;
  /// The last path segment: "patience".
  std::string key() const;
  /// Whether the key applies when its sibling `when_key` holds `value`.
  bool applies_with(std::string_view value) const;
};

/// Every key, parents before children, in documentation order.
const std::vector<KeyDef>& experiment_schema();

/// The definition of `path` ("training.epochs"); std::logic_error when the
/// code asks for a key the schema lacks (a programming error, not a user's).
const KeyDef& key_def(std::string_view path);

/// The keys directly under `section` ("" for the top level, "training", ...).
std::vector<std::string> child_keys(std::string_view section);

/// The reference table (Markdown), one row per key.
std::string schema_markdown();
}  // namespace neurite::config
