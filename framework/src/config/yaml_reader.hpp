// Checked reading of yaml-cpp nodes for the experiment schema: every failure
// is an Error(ExitCode::usage) at the node's file:line:column that says what
// was expected for which key ("expected a positive integer for
// 'training.epochs', got 'abc'"). Nothing here knows the experiment schema.
#pragma once
#include <neurite/errors.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace neurite::config {
/// yaml-cpp marks are 0-based; SourceLocation is 1-based.
SourceLocation location(const std::string& file, const YAML::Mark& mark);
/// Where `node` was written: `file` at the node's mark, unless an OriginScope
/// says the node came from elsewhere (a base file of `extends:`, a `--set`).
SourceLocation location(const std::string& file, const YAML::Node& node);

[[noreturn]] void fail(const std::string& file, const YAML::Mark& mark,
                       const std::string& message);
[[noreturn]] void fail(const std::string& file, const YAML::Node& node,
                       const std::string& message);

/// While alive, nodes added to it are reported at their own origin instead of
/// the file being read: a merged experiment holds nodes of several files, and
/// yaml-cpp nodes do not know their file. One scope per thread at a time.
class OriginScope {
 public:
  OriginScope();
  ~OriginScope();
  OriginScope(const OriginScope&) = delete;
  OriginScope& operator=(const OriginScope&) = delete;
  /// `root` and every node under it (keys too) came from `file`;
  /// `positions` false: report the file alone (a `--set` has no lines).
  void add(const YAML::Node& root, const std::string& file, bool positions = true);

 private:
  struct Origin {
    YAML::Node node;
    std::string file;
    bool positions;
  };
  std::vector<Origin> origins_;
  OriginScope* outer_;
  friend SourceLocation location(const std::string&, const YAML::Node&);
};

/// For messages: "'abc'" for a scalar, else "a mapping", "a list", "nothing".
std::string describe(const YAML::Node& node);

/// "expected <expected> for '<what>', got <describe(node)>" at the node.
[[noreturn]] void fail_expected(const std::string& file, const YAML::Node& node,
                                std::string_view expected, std::string_view what);

// Scalar readers; `what` is the dotted key path used in messages.
std::string read_string(const std::string& file, const YAML::Node& node, std::string_view what);
/// One of `choices`, else "unknown <what> 'x'; did you mean ...? (known: ...)".
std::string read_choice(const std::string& file, const YAML::Node& node, std::string_view what,
                        const std::vector<std::string>& choices);
std::uint64_t read_unsigned(const std::string& file, const YAML::Node& node, std::string_view what);
/// An integer in [lo, hi]; `expected` describes the range ("a positive integer").
long long read_integer(const std::string& file, const YAML::Node& node, std::string_view what,
                       std::string_view expected, long long lo, long long hi);
/// A finite number in the given range; open ends exclude the bound.
struct RealRange {
  double lo, hi;
  bool lo_open = false, hi_open = false;
};
double read_real(const std::string& file, const YAML::Node& node, std::string_view what,
                 std::string_view expected, RealRange range);
bool read_bool(const std::string& file, const YAML::Node& node, std::string_view what);

/// A mapping of a closed schema. The constructor checks that the node is a
/// mapping, every key is a known name (else "unknown key ... did you mean")
/// and appears once; get() then finds values by key.
class MapReader {
 public:
  /// `path` is the dotted path of the mapping ("training"); empty at the top.
  MapReader(const std::string& file, const YAML::Node& node, std::string path,
            std::vector<std::string> allowed);

  /// The value of `key`, or nullptr if absent.
  const YAML::Node* get(std::string_view key) const;
  /// The value of `key`, or an error "missing required key".
  const YAML::Node& require(std::string_view key) const;
  /// The key itself (for errors about a key that is present); the mapping when absent.
  const YAML::Node& key_node(std::string_view key) const;

  /// "training.epochs" (or "epochs" at the top).
  std::string key_path(std::string_view key) const;
  const YAML::Node& node() const { return node_; }
  const std::string& file() const { return file_; }

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node, value;
  };
  std::string file_;
  YAML::Node node_;
  std::string path_;
  std::vector<Entry> entries_;
};
}  // namespace neurite::config
