// Rendering a Table in the four formats (table.hpp).
#include "results/table.hpp"

#include "results/text_cells.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace neurite::cells {
Cell Cell::of_number(double value, std::string human_text) {
  Cell c;
  c.kind = Kind::number;
  c.number = value;
  c.human = std::move(human_text);
  return c;
}

Cell Cell::of_text(std::string value) {
  Cell c;
  c.kind = Kind::text;
  c.human = one_line(value);
  c.text = std::move(value);
  return c;
}

Cell Cell::of_flag(bool value, std::string human_text) {
  Cell c;
  c.kind = Kind::flag;
  c.flag = value;
  c.human = std::move(human_text);
  return c;
}

namespace {
std::string text_table(const Table& t) {
  const std::size_t n = t.columns.size();
  std::vector<std::size_t> width(n);
  for (std::size_t c = 0; c < n; ++c) {
    width[c] = display_width(t.columns[c].title);
    for (const auto& row : t.rows) width[c] = std::max(width[c], display_width(row[c].human));
  }
  std::string out;
  const auto emit = [&](const auto& cell_of) {
    std::string line;
    for (std::size_t c = 0; c < n; ++c) {
      const std::string cell = cell_of(c);
      const std::string pad(width[c] - display_width(cell), ' ');
      if (c > 0) line += "  ";
      line += t.columns[c].numeric ? pad + cell : cell + (c + 1 < n ? pad : "");
    }
    out += line + '\n';
  };
  emit([&](std::size_t c) { return t.columns[c].title; });
  emit([&](std::size_t c) { return std::string(width[c], '-'); });
  for (const auto& row : t.rows) emit([&](std::size_t c) { return row[c].human; });
  if (!t.notes.empty()) out += '\n';
  for (const std::string& note : t.notes) out += note + '\n';
  return out;
}

std::string markdown_table(const Table& t) {
  std::string out = "|";
  for (const TableColumn& column : t.columns) out += " " + markdown_escape(column.title) + " |";
  out += "\n|";
  for (const TableColumn& column : t.columns) out += column.numeric ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& row : t.rows) {
    out += "|";
    for (const Cell& cell : row) out += " " + markdown_escape(cell.human) + " |";
    out += '\n';
  }
  if (!t.notes.empty()) out += '\n';
  for (const std::string& note : t.notes) out += "- " + markdown_escape(note) + '\n';
  return out;
}

std::string tool_value(const Cell& cell, bool json) {
  switch (cell.kind) {
    case Cell::Kind::none: return json ? "null" : "";
    case Cell::Kind::number: return json ? json_number(cell.number) : (std::isfinite(cell.number) ? raw_number(cell.number) : "");
    case Cell::Kind::text: return json ? json_string(cell.text) : csv_field(cell.text);
    case Cell::Kind::flag: return cell.flag ? "true" : "false";
  }
  return "";
}

std::string csv_table(const Table& t) {
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + csv_field(t.columns[c].key);
  out += '\n';
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + tool_value(row[c], false);
    out += '\n';
  }
  return out;
}

std::string json_table(const Table& t) {
  if (t.rows.empty()) return "[]\n";
  std::string out = "[\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += "  {";
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      out += (c ? ", " : "") + json_string(t.columns[c].key) + ": " + tool_value(t.rows[r][c], true);
    out += r + 1 < t.rows.size() ? "},\n" : "}\n";
  }
  return out + "]\n";
}
}  // namespace

std::string render(const Table& table, TableFormat format) {
  switch (format) {
    case TableFormat::text: return text_table(table);
    case TableFormat::markdown: return markdown_table(table);
    case TableFormat::csv: return csv_table(table);
    case TableFormat::json: return json_table(table);
  }
  return {};
}
}  // namespace neurite::cells
