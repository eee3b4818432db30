// Reading CSV text: one record per line, fields separated by commas, fields
// may be double-quoted ("" inside quotes is a quote; no line breaks inside),
// spaces around fields are ignored, CRLF line ends are accepted and blank
// lines are skipped. Every problem is Error(ExitCode::data) at file:line:column.
#pragma once
#include <neurite/errors.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace neurite::data {
struct CsvField {
  std::string text;  // unquoted, surrounding spaces removed
  int column = 0;    // 1-based character column where the field starts
};

class CsvFile {
 public:
  /// Opens `path`. Error(data) naming the file if it cannot be read.
  explicit CsvFile(std::string path);

  /// Reads the next non-blank line into `fields`; false at the end of the file.
  bool next(std::vector<CsvField>& fields);

  /// The 1-based number of the line last read, and its length (for errors
  /// about the end of a line).
  int line() const { return line_number_; }
  int line_length() const { return static_cast<int>(text_.size()); }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(int line, int column, const std::string& message) const;

 private:
  std::string path_;
  std::ifstream in_;
  std::string text_;
  int line_number_ = 0;
};

/// A decimal number (std::from_chars syntax plus an optional leading '+')
/// that is finite as a float. "nan" and "inf" are not numbers here.
bool parse_number(const std::string& text, float& out);
/// A decimal integer with an optional sign.
bool parse_integer(const std::string& text, long long& out);

/// The spellings of a missing value, compared after unquoting and trimming
/// (so a quoted "NA" is missing too), case-sensitive:
///   (empty)  NA  N/A  n/a  NaN  nan  NAN  ?  NULL  null
bool is_missing(const std::string& text);
}  // namespace neurite::data
