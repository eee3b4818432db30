// Turning values into table cells: rounded text for people, exact text for
// CSV and JSON. Shared by the run table (compare.cpp) and `neurite compare`'s
// metric table (table.cpp).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace neurite::cells {
std::string printf_double(const char* format, double value);
std::string non_finite(double value);               // "nan", "inf", "-inf"
std::string human_loss(double loss);                // 0.1234, 1.234e+05
std::string human_accuracy(double accuracy);        // 95.3%
std::string human_r2(double r2);                    // 0.9876
std::string human_seconds(double seconds);          // 1.23s, 12.3s, 2m05s, 1h02m
std::string grouped(std::size_t n);                 // 1,234,567
std::string one_line(std::string_view s);           // control characters escaped
std::size_t display_width(std::string_view s);      // UTF-8 continuation bytes take no column
std::string markdown_escape(std::string_view s);
std::string raw_number(double value);               // shortest text that reads back exactly
std::string csv_field(const std::string& s);        // RFC 4180
std::string json_string(std::string_view s);
std::string json_number(double value);              // null for NaN and infinities
}  // namespace neurite::cells
