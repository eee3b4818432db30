// Mirrors fuzz/archive_fuzzer.cpp: replays the committed seed corpus and the
// malformed archives through the fuzzer's own checks (archive_fuzz_input.hpp),
// so the normal test suite runs them without clang or libFuzzer. The checks
// abort on a finding, as under the fuzzer.
#define BOOST_TEST_MODULE fuzz_archive_fuzzer
#include <boost/test/unit_test.hpp>

#include "../../fuzz/archive_fuzz_input.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {
std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".neurite" || entry.path().extension() == ".checkpoint")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(seed_corpus_and_malformed_archives_replay_cleanly) {
  const fs::path root(NEURITE_SOURCE_DIR);
  std::size_t replayed = 0;
  for (const fs::path& dir : {root / "fuzz/corpus", root / "tests/results/archives"}) {
    for (const fs::path& file : files_in(dir)) {
      BOOST_TEST_CHECKPOINT(file.string());
      neurite::fuzz::fuzz_archive_input(slurp(file));
      ++replayed;
    }
  }
  BOOST_TEST(replayed >= 30u);
}

// Checkpoint seeds are checkpoints in every encoding, and load as such (the
// replay above sends them to decode_checkpoint by their header's kind).
BOOST_AUTO_TEST_CASE(checkpoint_seeds_load_in_every_encoding) {
  for (const char* encoding : {"binary", "text", "xml"}) {
    const fs::path file = fs::path(NEURITE_SOURCE_DIR) / "fuzz/corpus" / (std::string(encoding) + "-moons.checkpoint");
    const neurite::TrainingCheckpoint c = neurite::read_checkpoint(file.string());
    BOOST_TEST(c.run_name == "moons-checkpoint");
    BOOST_TEST(c.epochs_done >= 3);
    BOOST_TEST(c.history.size() == static_cast<std::size_t>(c.epochs_done));
    BOOST_TEST(!c.best_parameters.empty());
    BOOST_TEST(neurite::fuzz::decode_as_its_kind(slurp(file)));
  }
}

// The corpus covers the three encodings and the old header format (results
// and checkpoints alike).
BOOST_AUTO_TEST_CASE(seed_corpus_has_every_encoding) {
  std::vector<std::string> kinds;
  for (const fs::path& file : files_in(fs::path(NEURITE_SOURCE_DIR) / "fuzz/corpus")) {
    const std::string bytes = slurp(file);
    BOOST_TEST_REQUIRE(bytes.size() > 32u);
    kinds.push_back(bytes[8] == 1 ? "format 1" : std::to_string(static_cast<int>(bytes[16])));
  }
  for (const std::string kind : {"format 1", "1", "2", "3"})
    BOOST_TEST(std::count(kinds.begin(), kinds.end(), kind) >= 1, kind);
}

// The repaired header lets a damaged payload reach Boost: a flipped byte is
// then no longer a checksum error.
BOOST_AUTO_TEST_CASE(repaired_header_matches_the_payload) {
  std::string file = slurp(fs::path(NEURITE_SOURCE_DIR) / "fuzz/corpus/binary-xor.neurite");
  file.back() = static_cast<char>(file.back() ^ 0x40);
  file += "xy";
  const auto repaired = neurite::fuzz::with_repaired_header(file);
  BOOST_TEST_REQUIRE(repaired.has_value());
  try {
    neurite::decode_result(*repaired, "r");
  } catch (const neurite::Error& e) {
    BOOST_TEST(std::string(e.what()).find("checksum") == std::string::npos, e.what());
    BOOST_TEST(std::string(e.what()).find("truncated") == std::string::npos, e.what());
  }
  BOOST_TEST(!neurite::fuzz::with_repaired_header("NEURITE").has_value());
  BOOST_TEST(!neurite::fuzz::with_repaired_header(std::string("NEURITE\0\3\0\0\0", 12) + std::string(40, 'x')).has_value());
}
