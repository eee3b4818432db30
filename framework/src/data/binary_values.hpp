// Numbers stored in binary data files (IDX, NPY): element types, byte order,
// and reading them into features or integer labels, in bounded chunks so a
// large file is never held twice.
#pragma once
#include "data/byte_source.hpp"

#include <neurite/data/dataset.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace neurite::data {
enum class ElementType { u8, i8, u16, i16, u32, i32, u64, i64, f32, f64 };

struct ElementFormat {
  ElementType type = ElementType::u8;
  bool big_endian = false;
};

std::size_t element_size(ElementType type);
bool is_integer(ElementType type);
/// "unsigned byte", "float64", ... for messages.
std::string element_name(ElementType type);

/// a * b, or throws through `source.fail` naming `what` when it overflows 64 bits.
std::uint64_t checked_multiply(std::uint64_t a, std::uint64_t b, const ByteSource& source,
                               const std::string& what);

/// Reads rows x cols values into a new row-major matrix, each divided by
/// `divisor` (torchvision divides pixels by 255).
/// requires: the caller checked the byte count against the file.
/// Throws Error(data) at the first value that is not finite as a float
/// (NaN, or a double beyond float's range), naming its item and byte offset.
Matrix read_features(ByteSource& source, ElementFormat format, Index rows, Index cols, float divisor);

/// Reads `count` integer values. requires: is_integer(format.type). Throws
/// Error(data) for an unsigned 64-bit value beyond the signed range.
std::vector<std::int64_t> read_integers(ByteSource& source, ElementFormat format, std::uint64_t count);

/// Class indices from integer labels, as the CSV loader orders integer
/// labels: the distinct values sorted, class k being the k-th smallest;
/// class_names hold the values in decimal.
void index_integer_labels(const std::vector<std::int64_t>& values, Dataset& data);
}  // namespace neurite::data
