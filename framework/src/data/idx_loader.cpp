// idx: the format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST
// DATABASE of handwritten digits"), plain or gzip-compressed (detected by the
// gzip magic bytes). A file is
//   byte 0-1  zero
//   byte 2    type code: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16,
//             0x0C int32, 0x0D float32, 0x0E float64
//   byte 3    number of dimensions d >= 1
//   then d big-endian uint32 sizes, then the values, big-endian, C order.
// `images` holds one item per index of the first dimension; items of any rank
// flatten to one row (28x28 -> 784 features, row by row). `labels` is 1-D of
// an integer type, one per item; classes are the distinct label values,
// sorted (as the CSV loader orders integer labels).
// Unsigned-byte images are divided by 255 into [0, 1] (torchvision's
// ToTensor), the convention every MNIST recipe assumes; other types load
// as stored. `scale: standard` then standardises as for any source.
// Both headers are checked in full before anything is allocated: magic,
// type, dimensions, that the sizes multiply without overflow and match the
// file's length, and that the counts agree. Every problem is
// Error(ExitCode::data) naming the file and the byte offset.
#include "data/binary_values.hpp"
#include "data/sources.hpp"

#include <neurite/errors.hpp>

#include <array>
#include <cstdio>
#include <limits>

namespace neurite::data {
namespace {
struct IdxHeader {
  ElementFormat format{ElementType::u8, true};
  std::vector<std::uint64_t> dims;
  std::uint64_t payload_bytes = 0;  // product of dims x element size
};

std::string hex(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", value);
  return text;
}

IdxHeader read_header(ByteSource& source) {
  std::array<unsigned char, 4> magic{};
  source.read(magic.data(), magic.size(), "the 4-byte IDX magic number");
  if (magic[0] != 0 || magic[1] != 0)
    source.fail("byte 0: not an IDX file: the magic number must start with two zero bytes, got " +
                hex(magic[0]) + " " + hex(magic[1]));
  IdxHeader header;
  switch (magic[2]) {
    case 0x08: header.format.type = ElementType::u8; break;
    case 0x09: header.format.type = ElementType::i8; break;
    case 0x0B: header.format.type = ElementType::i16; break;
    case 0x0C: header.format.type = ElementType::i32; break;
    case 0x0D: header.format.type = ElementType::f32; break;
    case 0x0E: header.format.type = ElementType::f64; break;
    default:
      source.fail("byte 2: unknown IDX type code " + hex(magic[2]) +
                  " (known: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, "
                  "0x0D float32, 0x0E float64)");
  }
  const unsigned rank = magic[3];
  if (rank == 0) source.fail("byte 3: the number of dimensions is 0; expected at least 1");
  std::vector<unsigned char> sizes(4 * rank);
  source.read(sizes.data(), sizes.size(), "the " + std::to_string(rank) + " dimension sizes");
  std::uint64_t elements = 1;
  for (unsigned d = 0; d < rank; ++d) {
    const unsigned char* p = sizes.data() + 4 * d;
    const std::uint64_t size = (std::uint64_t{p[0]} << 24) | (std::uint64_t{p[1]} << 16) |
                               (std::uint64_t{p[2]} << 8) | p[3];
    if (size == 0) source.fail("byte " + std::to_string(4 + 4 * d) + ": dimension " + std::to_string(d) + " has size 0");
    header.dims.push_back(size);
    elements = checked_multiply(elements, size, source, "the element count");
  }
  header.payload_bytes = checked_multiply(elements, element_size(header.format.type), source, "the data size");
  return header;
}

// The data must be exactly as long as the header says (for gzip: no longer
// than the compressed file could expand to; exactness is checked on reading).
void check_length(const ByteSource& source, const IdxHeader& header) {
  const std::uint64_t left = source.remaining_bound();
  const std::uint64_t at = source.offset();
  if (source.remaining_exact() && left != header.payload_bytes)
    source.fail("the header (" + std::to_string(at) + " bytes) announces " +
                std::to_string(header.payload_bytes) + " bytes of data but the file holds " +
                std::to_string(left) + (left < header.payload_bytes ? " (truncated)" : " (extra bytes at the end)"));
  if (!source.remaining_exact() && header.payload_bytes > left)
    source.fail("the header announces " + std::to_string(header.payload_bytes) +
                " bytes of data, more than the compressed file can hold");
}

void check_trailing(ByteSource& source) {
  const std::uint64_t end = source.offset();
  if (const std::uint64_t extra = source.count_rest(); extra > 0)
    source.fail(std::to_string(extra) + " bytes of data after the last item (from byte " +
                std::to_string(end) + ")");
}
}  // namespace

Dataset load_idx(const std::string& images_path, const std::string& labels_path) {
  ByteSource images(images_path), labels(labels_path);
  const IdxHeader image_header = read_header(images);
  check_length(images, image_header);
  const IdxHeader label_header = read_header(labels);
  if (label_header.dims.size() != 1)
    labels.fail("byte 3: labels must have 1 dimension, got " + std::to_string(label_header.dims.size()));
  if (!is_integer(label_header.format.type))
    labels.fail("byte 2: labels must be of an integer type, got " + element_name(label_header.format.type));
  check_length(labels, label_header);
  const std::uint64_t count = image_header.dims[0];
  if (label_header.dims[0] != count)
    labels.fail("holds " + std::to_string(label_header.dims[0]) + " labels but " + images_path + " holds " +
                std::to_string(count) + " items");
  const std::uint64_t cols = image_header.payload_bytes / element_size(image_header.format.type) / count;
  if (count > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
    images.fail(std::to_string(count) + " items are more than neurite can index");

  Dataset data;
  const float divisor = image_header.format.type == ElementType::u8 ? 255.0f : 1.0f;
  data.features = read_features(images, image_header.format, static_cast<Index>(count),
                                static_cast<Index>(cols), divisor);
  check_trailing(images);
  index_integer_labels(read_integers(labels, label_header.format, count), data);
  check_trailing(labels);
  data.feature_names.reserve(cols);
  for (std::uint64_t j = 0; j < cols; ++j) data.feature_names.push_back("x" + std::to_string(j + 1));
  return data;
}
}  // namespace neurite::data
