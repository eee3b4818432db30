#include "config/list_items.hpp"

#include <string_view>

namespace neurite::config {
namespace {
constexpr std::size_t kMaxPaddingLines = 100000;

bool is_blank_or_comment(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \r");
  return first == std::string_view::npos || line[first] == '#';
}

std::size_t leading_spaces(std::string_view line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string::npos ? text.size() : end;
    lines.emplace_back(text.data() + start, stop - start);
    start = stop + 1;
  }
  return lines;
}

struct Item {
  std::size_t first_line, end_line;  // [first, end)
  std::size_t column;                // where the item's mapping starts
};

// The column of the item's content on a line "-   key: ...", or 0 when the
// line does not start an item this way.
std::size_t item_column(std::string_view line) {
  if (line.size() < 3 || line[0] != '-' || line[1] != ' ') return 0;
  const std::size_t column = leading_spaces(line.substr(1)) + 1;
  if (column >= line.size() || line[column] == '#' || line[column] == '\r') return 0;
  return column;
}
}  // namespace

std::optional<std::vector<ListItemText>> split_block_list(const std::string& yaml_text) {
  // Anchors and aliases share nodes between items; a directive applies to the
  // whole document. Any of these characters, even in a comment or a string,
  // sends the file the safe way.
  if (yaml_text.find_first_of("&*%\t") != std::string::npos) return std::nullopt;
  const std::vector<std::string_view> lines = lines_of(yaml_text);
  std::vector<Item> items;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (is_blank_or_comment(line)) continue;
    if (const std::size_t column = item_column(line)) {
      if (!items.empty()) items.back().end_line = i;
      items.push_back({i, lines.size(), column});
      continue;
    }
    // Anything else belongs to the item above, indented at least to its content.
    if (items.empty() || leading_spaces(line) < items.back().column) return std::nullopt;
  }
  if (items.empty()) return std::nullopt;
  // Each item is padded with the blank lines above it, which yaml-cpp scans
  // too (about 45 ns a line): a long list would cost quadratic time and
  // memory, more than one parse of the whole file. About 5 ms of padding at most.
  std::size_t padding = 0;
  for (const Item& item : items) padding += item.first_line;
  if (padding > kMaxPaddingLines) return std::nullopt;

  std::vector<ListItemText> out;
  out.reserve(items.size());
  for (const Item& item : items) {
    ListItemText text;
    text.in_place.assign(item.first_line, '\n');
    for (std::size_t i = item.first_line; i < item.end_line; ++i) {
      const std::string_view line = lines[i];
      const std::string_view moved = i == item.first_line ? line.substr(item.column)
                                                          : line.substr(std::min(item.column, leading_spaces(line)));
      text.text.append(moved).push_back('\n');
      if (i == item.first_line) text.in_place.append(item.column, ' ').append(moved).push_back('\n');
      else text.in_place.append(line).push_back('\n');
    }
    out.push_back(std::move(text));
  }
  return out;
}
}  // namespace neurite::config
