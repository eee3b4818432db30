// Writing NumPy .npy arrays (format version 1.0): a float32 matrix in C
// order, as numpy.load reads it (docs/export.md).
#pragma once
#include <cstdint>
#include <string>

namespace neurite::io {
/// The bytes of a .npy file holding `rows` x `cols` little-endian float32
/// values from `data` (row-major).
std::string npy_float32(const float* data, std::int64_t rows, std::int64_t cols);
}  // namespace neurite::io
