// Small JSON writing helpers for the report page: strings escaped so that
// they are safe inside an HTML <script> element as well ('<', '>' and '&' as
// \u escapes), numbers in shortest round-trip form, NaN and infinities as null.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace neurite::json {
std::string string(std::string_view text);
std::string number(double value);
std::string numbers(const std::vector<double>& values);
}  // namespace neurite::json
