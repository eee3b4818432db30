// Cutting a file that is a plain block list of experiments into its items'
// texts, without a YAML parser. Planning a batch of many experiments then
// parses each item on its own (in parallel) and keeps the item's own text,
// comments included, as its yaml_text instead of emitting it again: on a
// 64-experiment file that was most of the serial planning time (bench/README.md, F).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace neurite::config {
struct ListItemText {
  /// The item alone, moved left to column 0: a YAML document of its own.
  std::string text;
  /// The item at its place: blank lines before it and its columns kept, so
  /// that parsing it gives the same line:column marks as parsing the file.
  std::string in_place;
};

/// The items of `yaml_text` when it is a top-level block list whose every
/// item is written "- key: ..." with its lines indented under it, and nothing
/// can tie one item to another (no anchor, alias or directive anywhere).
/// nullopt otherwise, and for lists so long that padding every item to its
/// place would cost more than parsing the file once (about 100,000 lines of
/// padding in all): the caller parses the whole file as before.
std::optional<std::vector<ListItemText>> split_block_list(const std::string& yaml_text);
}  // namespace neurite::config
