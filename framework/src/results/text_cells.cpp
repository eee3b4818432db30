// Cell text for the tables (text_cells.hpp).
#include "results/text_cells.hpp"

#include "text/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace neurite::cells {
std::string printf_double(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string non_finite(double value) {
  return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
}

std::string human_loss(double loss) {
  if (!std::isfinite(loss)) return non_finite(loss);
  return printf_double(std::fabs(loss) >= 1e5 ? "%.3e" : "%.4f", loss);
}

std::string human_accuracy(double accuracy) {
  if (!std::isfinite(accuracy)) return non_finite(accuracy);
  return printf_double("%.1f%%", 100.0 * accuracy);
}

std::string human_r2(double r2) {
  if (!std::isfinite(r2)) return non_finite(r2);
  return printf_double("%.4f", r2);
}

std::string human_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "-";
  if (seconds < 10) return printf_double("%.2fs", seconds);
  if (seconds < 60) return printf_double("%.1fs", seconds);
  char buffer[32];
  const auto whole = static_cast<long long>(std::llround(seconds));
  if (whole < 3600)
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", whole / 60, whole % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", whole / 3600, whole / 60 % 60);
  return buffer;
}

std::string grouped(std::size_t n) {  // 1234567 -> "1,234,567"
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += ' ';
    else if (static_cast<unsigned char>(c) < 0x20) out += '?';
    else out += c;
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (char c : s) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

std::string markdown_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\|`*_[]<>").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string raw_number(double value) {  // shortest text that reads back exactly
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}

std::string csv_field(const std::string& s) {  // RFC 4180
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

std::string json_string(std::string_view s) { return json::string(s); }

std::string json_number(double value) {  // JSON has no NaN or infinity
  return std::isfinite(value) ? raw_number(value) : "null";
}
}  // namespace neurite::cells
