// npy: NumPy's array file format (numpy.lib.format, versions 1.0, 2.0, 3.0),
// plain or gzip-compressed (detected by the gzip magic bytes). A file is
//   "\x93NUMPY", major, minor, header length (uint16 LE in 1.x, uint32 LE in
//   2.x and 3.x), then a Python dict literal
//   {'descr': '<f4', 'fortran_order': False, 'shape': (150, 4), }
//   padded with spaces and a newline, then the values.
// `features` is an array of any rank >= 1 whose first axis counts items;
// each item flattens in C order to one row. dtypes: float32/float64 and
// signed/unsigned integers of 1-8 bytes, little-endian ('<') or single-byte
// ('|'); values load as stored (no 1/255 scaling: use `scale:`).
// `labels` of an integer dtype is 1-D: classes, the distinct values sorted,
// as the CSV loader orders integer labels. `labels` of a float dtype holds
// regression targets: 1-D (one output) or 2-D (items x outputs), loaded as
// Dataset::targets (never scaled).
// Refused, with the fix in the message: fortran_order True (save
// np.ascontiguousarray(a)), big-endian '>' dtypes (save a.astype('<f4')),
// bool, complex, object, string and structured dtypes.
// Every problem is Error(ExitCode::data) naming the file and byte offset;
// headers are checked in full before anything is allocated.
#include "data/binary_values.hpp"
#include "data/sources.hpp"

#include <neurite/errors.hpp>

#include <array>
#include <cctype>
#include <cstring>
#include <limits>
#include <map>
#include <optional>

namespace neurite::data {
namespace {
struct NpyHeader {
  ElementFormat format;
  std::string descr;
  std::vector<std::uint64_t> shape;
  std::uint64_t payload_bytes = 0;
};

// A tiny reader for the one dict literal numpy writes. `base` is the byte
// offset of the text in the file, for messages.
class DictParser {
 public:
  DictParser(const std::string& text, std::uint64_t base, const ByteSource& source)
      : text_(text), base_(base), source_(source) {}

  std::map<std::string, std::string> parse() {
    std::map<std::string, std::string> entries;
    expect('{');
    while (true) {
      skip_space();
      if (peek() == '}') break;
      const std::size_t key_at = pos_;
      const std::string key = string_literal();
      expect(':');
      skip_space();
      std::string value;
      if (peek() == '\'' || peek() == '"') value = "'" + string_literal() + "'";
      else if (peek() == '(') value = tuple();
      else if (peek() == '[') fail(pos_, "structured dtypes (a list in 'descr') are not supported");
      else value = word();
      if (!entries.emplace(key, value).second) fail(key_at, "key '" + key + "' appears twice");
      skip_space();
      if (peek() == ',') ++pos_;
      else if (peek() != '}') fail(pos_, "expected ',' or '}' in the header dict");
    }
    return entries;
  }

  [[noreturn]] void fail(std::size_t at, const std::string& message) const {
    source_.fail("byte " + std::to_string(base_ + at) + ": " + message);
  }

  std::vector<std::uint64_t> shape_of(const std::string& tuple_text) const {
    std::vector<std::uint64_t> shape;
    std::size_t i = 1;  // after '('
    while (i < tuple_text.size() && tuple_text[i] != ')') {
      while (tuple_text[i] == ' ' || tuple_text[i] == ',') ++i;
      if (tuple_text[i] == ')') break;
      std::uint64_t value = 0;
      if (!std::isdigit(static_cast<unsigned char>(tuple_text[i])))
        fail(shape_at_, "'shape' must be a tuple of non-negative integers, got " + tuple_text);
      while (std::isdigit(static_cast<unsigned char>(tuple_text[i]))) {
        if (__builtin_mul_overflow(value, 10u, &value) ||
            __builtin_add_overflow(value, static_cast<unsigned>(tuple_text[i] - '0'), &value))
          fail(shape_at_, "a size in 'shape' overflows 64 bits: " + tuple_text);
        ++i;
      }
      shape.push_back(value);
    }
    return shape;
  }

  std::size_t shape_at() const { return shape_at_; }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(pos_, std::string("expected '") + c + "' in the header dict");
    ++pos_;
  }
  std::string string_literal() {
    skip_space();
    const char quote = peek();
    if (quote != '\'' && quote != '"') fail(pos_, "expected a quoted key in the header dict");
    const std::size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string::npos) fail(pos_, "unterminated string in the header dict");
    std::string s = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return s;
  }
  std::string tuple() {
    const std::size_t end = text_.find(')', pos_);
    if (end == std::string::npos) fail(pos_, "unterminated tuple in the header dict");
    shape_at_ = pos_;
    std::string s = text_.substr(pos_, end - pos_ + 1);
    pos_ = end + 1;
    return s;
  }
  std::string word() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    if (pos_ == start) fail(pos_, "unexpected character in the header dict");
    return text_.substr(start, pos_ - start);
  }

  const std::string& text_;
  std::uint64_t base_;
  const ByteSource& source_;
  std::size_t pos_ = 0;
  std::size_t shape_at_ = 0;
};

ElementFormat parse_descr(const std::string& descr, const DictParser& parser, std::size_t at) {
  const std::string hint = " (numpy: np.save(path, a.astype('<f4')) for features, a.astype('<i8') for labels)";
  if (descr.size() < 3) parser.fail(at, "unsupported dtype '" + descr + "'" + hint);
  const char order = descr[0], kind = descr[1];
  const std::string width = descr.substr(2);
  if (order == '>') parser.fail(at, "big-endian dtype '" + descr + "' is not supported; save it little-endian" + hint);
  if (order != '<' && order != '|' && order != '=')
    parser.fail(at, "unsupported dtype '" + descr + "'" + hint);
  static const std::map<std::string, ElementType> known = {
      {"u1", ElementType::u8},  {"i1", ElementType::i8},  {"u2", ElementType::u16}, {"i2", ElementType::i16},
      {"u4", ElementType::u32}, {"i4", ElementType::i32}, {"u8", ElementType::u64}, {"i8", ElementType::i64},
      {"f4", ElementType::f32}, {"f8", ElementType::f64}};
  const auto it = known.find(std::string(1, kind) + width);
  if (it == known.end())
    parser.fail(at, "unsupported dtype '" + descr +
                        "' (known: float32, float64, int8-int64, uint8-uint64)" + hint);
  if (order == '|' && element_size(it->second) != 1)
    parser.fail(at, "dtype '" + descr + "' has no byte order" + hint);
  return {it->second, false};
}

NpyHeader read_header(ByteSource& source) {
  std::array<unsigned char, 8> prefix{};
  source.read(prefix.data(), prefix.size(), "the 8-byte NPY preamble");
  if (std::memcmp(prefix.data(), "\x93NUMPY", 6) != 0)
    source.fail("byte 0: not an NPY file: it must start with \\x93NUMPY");
  const unsigned major = prefix[6], minor = prefix[7];
  if (major < 1 || major > 3 || minor != 0)
    source.fail("byte 6: NPY format version " + std::to_string(major) + "." + std::to_string(minor) +
                " is not supported (supported: 1.0, 2.0, 3.0)");
  std::uint64_t length = 0;
  if (major == 1) {
    std::array<unsigned char, 2> b{};
    source.read(b.data(), b.size(), "the header length");
    length = b[0] | (std::uint64_t{b[1]} << 8);
  } else {
    std::array<unsigned char, 4> b{};
    source.read(b.data(), b.size(), "the header length");
    length = b[0] | (std::uint64_t{b[1]} << 8) | (std::uint64_t{b[2]} << 16) | (std::uint64_t{b[3]} << 24);
  }
  if (length > source.remaining_bound())
    source.fail("byte 8: the header length " + std::to_string(length) + " is longer than the file");
  const std::uint64_t base = source.offset();
  std::string text(static_cast<std::size_t>(length), '\0');
  source.read(text.data(), text.size(), "the header dict");

  DictParser parser(text, base, source);
  const auto entries = parser.parse();
  for (const auto& [key, value] : entries)
    if (key != "descr" && key != "fortran_order" && key != "shape")
      parser.fail(0, "unexpected key '" + key + "' in the header (expected descr, fortran_order, shape)");
  for (const char* key : {"descr", "fortran_order", "shape"})
    if (!entries.count(key)) parser.fail(0, std::string("the header has no '") + key + "'");

  NpyHeader header;
  const std::string& descr = entries.at("descr");
  if (descr.size() < 2 || descr.front() != '\'') parser.fail(0, "'descr' must be a dtype string, got " + descr);
  header.descr = descr.substr(1, descr.size() - 2);
  header.format = parse_descr(header.descr, parser, 0);
  const std::string& fortran = entries.at("fortran_order");
  if (fortran == "True")
    parser.fail(0, "fortran_order is True; neurite reads C order only: save np.ascontiguousarray(a)");
  if (fortran != "False") parser.fail(0, "'fortran_order' must be True or False, got " + fortran);
  const std::string& shape = entries.at("shape");
  if (shape.empty() || shape.front() != '(') parser.fail(0, "'shape' must be a tuple, got " + shape);
  header.shape = parser.shape_of(shape);
  if (header.shape.empty()) parser.fail(parser.shape_at(), "the array is a scalar (shape ()); expected one item per row");
  std::uint64_t elements = 1;
  for (const std::uint64_t size : header.shape) elements = checked_multiply(elements, size, source, "the element count");
  if (elements == 0) parser.fail(parser.shape_at(), "the array is empty (shape " + shape + ")");
  header.payload_bytes = checked_multiply(elements, element_size(header.format.type), source, "the data size");
  const std::uint64_t left = source.remaining_bound();
  if (source.remaining_exact() && left != header.payload_bytes)
    source.fail("shape " + shape + " of '" + header.descr + "' needs " + std::to_string(header.payload_bytes) +
                " bytes of data from byte " + std::to_string(source.offset()) + " but the file holds " +
                std::to_string(left) + (left < header.payload_bytes ? " (truncated)" : " (extra bytes at the end)"));
  if (!source.remaining_exact() && header.payload_bytes > left)
    source.fail("shape " + shape + " needs " + std::to_string(header.payload_bytes) +
                " bytes of data, more than the compressed file can hold");
  return header;
}

void check_trailing(ByteSource& source) {
  const std::uint64_t end = source.offset();
  if (const std::uint64_t extra = source.count_rest(); extra > 0)
    source.fail(std::to_string(extra) + " bytes of data after the array (from byte " + std::to_string(end) + ")");
}
}  // namespace

Dataset load_npy(const std::string& features_path, const std::string& labels_path) {
  ByteSource features(features_path), labels(labels_path);
  const NpyHeader feature_header = read_header(features);
  const NpyHeader label_header = read_header(labels);
  const bool regression = !is_integer(label_header.format.type);
  if (!regression && label_header.shape.size() != 1)
    labels.fail("integer labels (classes) must be a 1-D array, got " + std::to_string(label_header.shape.size()) +
                " dimensions");
  if (regression && label_header.shape.size() > 2)
    labels.fail("float labels (regression targets) must be 1-D or 2-D (items x outputs), got " +
                std::to_string(label_header.shape.size()) + " dimensions");
  const std::uint64_t count = feature_header.shape[0];
  if (label_header.shape[0] != count)
    labels.fail("holds " + std::to_string(label_header.shape[0]) + " labels but " + features_path + " holds " +
                std::to_string(count) + " items");
  if (count > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
    features.fail(std::to_string(count) + " items are more than neurite can index");
  const std::uint64_t cols = feature_header.payload_bytes / element_size(feature_header.format.type) / count;

  Dataset data;
  data.features = read_features(features, feature_header.format, static_cast<Index>(count),
                                static_cast<Index>(cols), 1.0f);
  check_trailing(features);
  if (regression) {  // Dataset's regression form: targets, no classes
    const std::uint64_t outputs = label_header.shape.size() == 2 ? label_header.shape[1] : 1;
    data.targets = read_features(labels, label_header.format, static_cast<Index>(count),
                                 static_cast<Index>(outputs), 1.0f);
  } else {
    index_integer_labels(read_integers(labels, label_header.format, count), data);
  }
  check_trailing(labels);
  data.feature_names.reserve(cols);
  for (std::uint64_t j = 0; j < cols; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  return data;
}
}  // namespace neurite::data
