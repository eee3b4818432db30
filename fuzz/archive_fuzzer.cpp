// libFuzzer harness for the result loader: every input is a candidate result
// file (archive_fuzz_input.hpp says what is checked). Built and run by
// scripts/fuzz-archive with clang++ -fsanitize=fuzzer,address,undefined;
// results and the command used are in docs/archives.md.
#include "archive_fuzz_input.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  neurite::fuzz::fuzz_archive_input(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
