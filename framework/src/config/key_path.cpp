// Dotted key paths into YAML nodes (see key_path.hpp). yaml-cpp's assignment
// between nodes rebinds the target's content, so walking uses reset() and
// only the final step assigns.
#include "config/key_path.hpp"

#include <charconv>

namespace neurite::config {
namespace {
// Keys whose plain-name value may grow parameters: `optimizer: sgd` -> {name: sgd}.
bool named_component(const std::string& key) {
  return key == "loss" || key == "optimizer" || key == "activation" || key == "lr_schedule";
}

bool parse_index(const std::string& text, std::size_t& index) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

std::string prefix(const std::vector<std::string>& segments, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? "." : "") + segments[i];
  return out;
}
}  // namespace

std::vector<std::string> split_key_path(const std::string& path,
                                        const std::function<void(const std::string&)>& fail) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    segments.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (segments.back().empty()) fail("'" + path + "' is not a key path (expected keys joined by '.')");
    if (dot == std::string::npos) return segments;
    start = dot + 1;
  }
}

void set_key_path(YAML::Node root, const std::string& path, const YAML::Node& value,
                  const std::function<void(const std::string&)>& fail) {
  const auto segments = split_key_path(path, fail);
  YAML::Node current;
  current.reset(root);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    const bool last = i + 1 == segments.size();
    if (current.IsSequence()) {
      std::size_t index = 0;
      if (!parse_index(segment, index) || index >= current.size())
        fail("'" + prefix(segments, i) + "' is a list of " + std::to_string(current.size()) +
             " entries; '" + segment + "' in '" + path + "' is not an index in it (0-based)");
      if (last) {
        current[index] = value;
        return;
      }
      YAML::Node next = current[index];
      current.reset(next);
      continue;
    }
    if (current.IsScalar() && i > 0 && named_component(segments[i - 1])) {
      YAML::Node expanded(YAML::NodeType::Map);
      expanded["name"] = current.Scalar();
      current = expanded;  // rebinds the parent's value to the new mapping
    }
    if (!current.IsMap() && !current.IsNull())
      fail("cannot set '" + path + "': '" + prefix(segments, i) + "' holds a value, not a mapping");
    if (last) {
      current[segment] = value;
      return;
    }
    YAML::Node next = current[segment];
    if (!next.IsDefined() || next.IsNull()) next = YAML::Node(YAML::NodeType::Map);
    current.reset(next);
  }
}

YAML::Node find_key_path(const YAML::Node& root, const std::string& path) {
  const auto segments = split_key_path(path, [](const std::string&) {});
  YAML::Node current;
  current.reset(root);
  for (const auto& segment : segments) {
    YAML::Node next;
    if (current.IsMap()) {
      bool found = false;
      for (const auto& kv : current)
        if (kv.first.IsScalar() && kv.first.Scalar() == segment) {
          next.reset(kv.second);
          found = true;
          break;
        }
      if (!found) return YAML::Node(YAML::NodeType::Undefined);
    } else if (current.IsSequence()) {
      std::size_t index = 0;
      if (!parse_index(segment, index) || index >= current.size()) return YAML::Node(YAML::NodeType::Undefined);
      next.reset(current[index]);
    } else {
      return YAML::Node(YAML::NodeType::Undefined);
    }
    current.reset(next);
  }
  return current;
}

std::string compact_yaml(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}
}  // namespace neurite::config
