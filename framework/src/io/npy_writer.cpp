// npy_float32() (npy_writer.hpp). The header is the magic "\x93NUMPY", version
// 1.0, a little-endian uint16 length, and a Python dict literal padded with
// spaces and a newline so that the data starts at a multiple of 64 bytes.
#include "io/npy_writer.hpp"

#include <cstring>

namespace neurite::io {
std::string npy_float32(const float* data, std::int64_t rows, std::int64_t cols) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                     std::to_string(cols) + "), }";
  const std::size_t preamble = 10;  // magic (6) + version (2) + header length (2)
  const std::size_t unpadded = preamble + dict.size() + 1;  // + the final newline
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(dict.size() & 0xff);
  out += static_cast<char>((dict.size() >> 8) & 0xff);
  out += dict;
  const std::size_t bytes = static_cast<std::size_t>(rows * cols) * sizeof(float);
  const std::size_t at = out.size();
  out.resize(at + bytes);
  if (bytes > 0) std::memcpy(out.data() + at, data, bytes);  // x86-64 and ARM64 are little-endian
  return out;
}
}  // namespace neurite::io
