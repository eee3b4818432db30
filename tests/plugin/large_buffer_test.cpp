// Mirrors framework/include/neurite/plugin/large_buffer.hpp: the helpers give
// the same matrices as Eigen's own calls, and on Linux with transparent huge
// pages available the whole 2 MiB pages of a large buffer carry the kernel's
// huge-page advice ("hg" in /proc/self/smaps), while small buffers are left alone.
#define BOOST_TEST_MODULE plugin_large_buffer
#include <boost/test/unit_test.hpp>

#include <neurite/plugin/large_buffer.hpp>

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

using namespace neurite;

namespace {
// The VmFlags of the mapping of /proc/self/smaps that holds `address`, if any.
std::optional<std::string> vm_flags_at(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  if (!smaps) return std::nullopt;
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  bool inside = false;
  std::string line;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-' && line.find(':') > line.find(' ')) {
      inside = begin <= at && at < end;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) return line.substr(8) + " ";
  }
  return std::nullopt;
}

// Whether this system can give huge pages to a process that asks (madvise or always).
bool huge_pages_available() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string setting;
  std::getline(f, setting);
  return f && setting.find("[never]") == std::string::npos;
}

const void* first_whole_huge_page(const Matrix& m) {
  const auto first = reinterpret_cast<std::uintptr_t>(m.data());
  return reinterpret_cast<const void*>((first + kHugePageBytes - 1) & ~(kHugePageBytes - 1));
}
}  // namespace

BOOST_AUTO_TEST_CASE(large_matrix_is_a_filled_matrix_of_the_shape_asked) {
  for (auto [rows, cols] : {std::pair<Index, Index>{3, 4}, {2048, 1024}, {1, 1}, {0, 5}}) {
    const Matrix m = large_matrix(rows, cols, 0.25f);
    BOOST_TEST(m.rows() == rows);
    BOOST_TEST(m.cols() == cols);
    BOOST_TEST((m.array() == 0.25f).all());
  }
}

BOOST_AUTO_TEST_CASE(resize_large_keeps_a_buffer_of_the_same_shape_and_reshapes_others) {
  Matrix m = Matrix::Constant(4, 8, 1.0f);
  const float* before = m.data();
  resize_large(m, 4, 8);
  BOOST_TEST(m.data() == before);  // unchanged: no reallocation, values kept
  BOOST_TEST((m.array() == 1.0f).all());
  resize_large(m, 1024, 1536);
  BOOST_TEST(m.rows() == 1024);
  BOOST_TEST(m.cols() == 1536);
  m.setConstant(2.0f);  // the whole buffer is writable
  BOOST_TEST(m.sum() == 2.0f * 1024 * 1536);
}

BOOST_AUTO_TEST_CASE(a_large_buffer_carries_the_huge_page_advice) {
  const Matrix m = large_matrix(2048, 2048, 0.0f);  // 16 MiB: several whole 2 MiB pages
  const std::optional<std::string> flags = vm_flags_at(first_whole_huge_page(m));
  if (!flags || !huge_pages_available()) {
    BOOST_TEST_MESSAGE("no /proc/self/smaps or transparent huge pages here: advice not checked");
    return;
  }
  BOOST_TEST(flags->find(" hg ") != std::string::npos, "VmFlags:" << *flags);
}

BOOST_AUTO_TEST_CASE(a_small_buffer_and_an_empty_range_are_left_alone) {
  Matrix small = large_matrix(16, 16, 3.0f);  // 1 KiB: no whole huge page inside
  advise_huge_pages(small.data(), 0);
  advise_huge_pages(small.data() + 1, 7);  // unaligned and tiny
  BOOST_TEST((small.array() == 3.0f).all());
  const std::optional<std::string> flags = vm_flags_at(small.data());
  if (flags) BOOST_TEST(flags->find(" hg ") == std::string::npos, "VmFlags:" << *flags);
}
