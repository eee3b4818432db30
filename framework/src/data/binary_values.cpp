// Decoding of binary numbers: bytes are assembled in the file's byte order
// into an unsigned integer of the element's width, then reinterpreted (two's
// complement, IEEE 754), so the result does not depend on the host's order.
#include "data/binary_values.hpp"

#include <neurite/plugin/large_buffer.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>

namespace neurite::data {
namespace {
constexpr std::size_t kChunkBytes = 1 << 20;

std::uint64_t assemble(const unsigned char* p, std::size_t size, bool big_endian) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t shift = 8 * (big_endian ? size - 1 - i : i);
    v |= static_cast<std::uint64_t>(p[i]) << shift;
  }
  return v;
}

double decode(const unsigned char* p, ElementFormat f) {
  const std::uint64_t v = assemble(p, element_size(f.type), f.big_endian);
  switch (f.type) {
    case ElementType::u8: case ElementType::u16: case ElementType::u32: case ElementType::u64:
      return static_cast<double>(v);
    case ElementType::i8: return static_cast<std::int8_t>(v);
    case ElementType::i16: return static_cast<std::int16_t>(v);
    case ElementType::i32: return static_cast<std::int32_t>(v);
    case ElementType::i64: return static_cast<double>(static_cast<std::int64_t>(v));
    case ElementType::f32: return std::bit_cast<float>(static_cast<std::uint32_t>(v));
    case ElementType::f64: return std::bit_cast<double>(v);
  }
  return 0.0;
}
}  // namespace

std::size_t element_size(ElementType type) {
  switch (type) {
    case ElementType::u8: case ElementType::i8: return 1;
    case ElementType::u16: case ElementType::i16: return 2;
    case ElementType::u32: case ElementType::i32: case ElementType::f32: return 4;
    case ElementType::u64: case ElementType::i64: case ElementType::f64: return 8;
  }
  return 1;
}

bool is_integer(ElementType type) { return type != ElementType::f32 && type != ElementType::f64; }

std::string element_name(ElementType type) {
  switch (type) {
    case ElementType::u8: return "unsigned byte";
    case ElementType::i8: return "signed byte";
    case ElementType::u16: return "uint16";
    case ElementType::i16: return "int16";
    case ElementType::u32: return "uint32";
    case ElementType::i32: return "int32";
    case ElementType::u64: return "uint64";
    case ElementType::i64: return "int64";
    case ElementType::f32: return "float32";
    case ElementType::f64: return "float64";
  }
  return "?";
}

std::uint64_t checked_multiply(std::uint64_t a, std::uint64_t b, const ByteSource& source,
                               const std::string& what) {
  std::uint64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product))
    source.fail(what + " overflows 64 bits (" + std::to_string(a) + " x " + std::to_string(b) + ")");
  return product;
}

Matrix read_features(ByteSource& source, ElementFormat format, Index rows, Index cols, float divisor) {
  Matrix features;
  resize_large(features, rows, cols);
  const std::size_t size = element_size(format.type);
  const std::uint64_t total = static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols);
  const std::uint64_t start = source.offset();
  std::vector<unsigned char> chunk(std::min<std::uint64_t>(kChunkBytes, total * size));
  const std::size_t per_chunk = chunk.size() / size;
  float* out = features.data();
  for (std::uint64_t done = 0; done < total;) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(per_chunk, total - done));
    source.read(chunk.data(), n * size, "the data of " + std::to_string(rows) + " items");
    for (std::size_t i = 0; i < n; ++i) {
      const float value = static_cast<float>(decode(chunk.data() + i * size, format)) / divisor;
      if (!std::isfinite(value)) {
        const std::uint64_t index = done + i;
        source.fail("value " + std::to_string(index % static_cast<std::uint64_t>(cols)) + " of item " +
                    std::to_string(index / static_cast<std::uint64_t>(cols)) + " (byte " +
                    std::to_string(start + index * size) + ") is not a finite float: " +
                    std::to_string(decode(chunk.data() + i * size, format)));
      }
      out[done + i] = value;
    }
    done += n;
  }
  return features;
}

std::vector<std::int64_t> read_integers(ByteSource& source, ElementFormat format, std::uint64_t count) {
  const std::size_t size = element_size(format.type);
  std::vector<unsigned char> bytes(static_cast<std::size_t>(count) * size);
  const std::uint64_t start = source.offset();
  source.read(bytes.data(), bytes.size(), "the " + std::to_string(count) + " labels");
  std::vector<std::int64_t> values(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::uint64_t raw = assemble(bytes.data() + i * size, size, format.big_endian);
    switch (format.type) {
      case ElementType::i8: values[i] = static_cast<std::int8_t>(raw); break;
      case ElementType::i16: values[i] = static_cast<std::int16_t>(raw); break;
      case ElementType::i32: values[i] = static_cast<std::int32_t>(raw); break;
      case ElementType::i64: values[i] = static_cast<std::int64_t>(raw); break;
      default:
        if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
          source.fail("label " + std::to_string(i) + " (byte " + std::to_string(start + i * size) +
                      ") is " + std::to_string(raw) + ", beyond the int64 range");
        values[i] = static_cast<std::int64_t>(raw);
    }
  }
  return values;
}

void index_integer_labels(const std::vector<std::int64_t>& values, Dataset& data) {
  std::map<std::int64_t, int> index;
  for (const std::int64_t v : values) index.emplace(v, 0);
  data.class_names.clear();
  for (auto& [value, k] : index) {
    k = static_cast<int>(data.class_names.size());
    data.class_names.push_back(std::to_string(value));
  }
  data.labels.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) data.labels[i] = index[values[i]];
  data.num_classes = static_cast<int>(data.class_names.size());
}
}  // namespace neurite::data
