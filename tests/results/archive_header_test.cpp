// Mirrors framework/src/results/archive_header.cpp: the header's layout, its
// kinds, and every committed malformed archive (tests/results/archives/bad-*,
// written by make_malformed.py there) read back as one clear Error(data)
// naming the file.
#define BOOST_TEST_MODULE results_archive_header
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>

#include "results/archive_header.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

using neurite::ArchiveEncoding;
using neurite::ArchiveKind;
using neurite::ExitCode;

namespace {
const std::string kArchives = std::string(NEURITE_SOURCE_DIR) + "/tests/results/archives/";

// Runs f, which must throw Error(data) whose message is `source + ": "` followed by text containing `what`.
template <class F>
void expect_error(F f, const std::string& source, const std::string& what) {
  try {
    f();
  } catch (const neurite::Error& e) {
    const std::string message = e.what();
    BOOST_TEST_INFO("message: " << message);
    BOOST_TEST((e.code() == ExitCode::data));
    BOOST_TEST(message.rfind(source + ": ", 0) == 0u);
    BOOST_TEST(message.find(what) != std::string::npos);
    return;
  }
  BOOST_ERROR("no neurite::Error thrown; expected one containing '" << what << "'");
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_committed_malformed_archive_is_a_clear_data_error) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"bad-empty", "empty file, not a neurite result"},
      {"bad-magic", "not a neurite result file (bad magic)"},
      {"bad-short-header", "truncated header (10 bytes)"},
      {"bad-truncated-header", "truncated header (20 of 32 bytes)"},
      {"bad-format-zero", "corrupt header: format version 0"},
      {"bad-newer-format", "written by a newer neurite: format 3, this build reads up to 2"},
      {"bad-checkpoint-kind", "is a checkpoint archive, not a result"},
      {"bad-unknown-kind", "unknown archive kind 7 (known: 1 result, 2 checkpoint)"},
      {"bad-unknown-encoding", "unknown archive encoding 9 (known: 1 binary, 2 text, 3 xml)"},
      {"bad-truncated-payload", "truncated: payload has 27 of 54 bytes"},
      {"bad-huge-length", "truncated: payload has 54 of 4611686018427387904 bytes"},
      {"bad-trailing-bytes", "corrupt: 4 unexpected bytes after the payload"},
      {"bad-checksum", "corrupt: checksum mismatch"},
      {"bad-signature", "corrupt archive: no Boost.Serialization signature"},
      {"bad-newer-boost", "written by a newer Boost.Serialization"},
      {"bad-other-type-sizes", "binary archive from a machine with other type sizes or byte order"},
      {"bad-newer-result-binary", "written by a newer neurite: neurite::RunResult version 5, this build reads up to 4"},
      {"bad-newer-result-text", "written by a newer neurite: neurite::RunResult version 5, this build reads up to 4"},
      {"bad-newer-result-xml", "written by a newer neurite: neurite::RunResult version 5, this build reads up to 4"},
      {"bad-huge-count-binary", "corrupt binary archive: input stream error"},
      {"bad-huge-count-text", "corrupt text archive: input stream error"},
      {"bad-unclosed-xml", "corrupt xml archive"},
      {"bad-encoding-mismatch", "corrupt xml archive"},
  };
  std::size_t committed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kArchives))
    committed += entry.path().filename().string().rfind("bad-", 0) == 0;
  BOOST_TEST(committed == cases.size());  // a new malformed file needs its case here
  for (const auto& [name, what] : cases) {
    BOOST_TEST_CONTEXT(name) {
      const std::string path = kArchives + name + ".neurite";
      BOOST_TEST_REQUIRE(std::filesystem::exists(path));
      expect_error([&] { neurite::read_result(path); }, path, what);
    }
  }
}

BOOST_AUTO_TEST_CASE(frame_then_unframe_gives_back_the_payload) {
  for (auto encoding : {ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml}) {
    const std::string file = neurite::frame_archive(ArchiveKind::checkpoint, encoding, "payload\0!");
    BOOST_TEST(file.size() == 32u + 7u);  // "payload" only: the literal stops at NUL
    const auto payload = neurite::unframe_archive(file, ArchiveKind::checkpoint, "c");
    BOOST_TEST(payload.format_version == 2u);
    BOOST_TEST((payload.encoding == encoding));
    BOOST_TEST(payload.bytes == "payload");
  }
  const std::string empty = neurite::frame_archive(ArchiveKind::result, ArchiveEncoding::text, "");
  BOOST_TEST(neurite::unframe_archive(empty, ArchiveKind::result, "e").bytes.empty());
}

BOOST_AUTO_TEST_CASE(a_result_is_not_a_checkpoint_and_back) {
  const std::string result = neurite::frame_archive(ArchiveKind::result, ArchiveEncoding::binary, "x");
  expect_error([&] { neurite::unframe_archive(result, ArchiveKind::checkpoint, "r.neurite"); }, "r.neurite",
               "is a result archive, not a checkpoint");
  const std::string checkpoint = neurite::frame_archive(ArchiveKind::checkpoint, ArchiveEncoding::binary, "x");
  expect_error([&] { neurite::unframe_archive(checkpoint, ArchiveKind::result, "c.neurite"); }, "c.neurite",
               "is a checkpoint archive, not a result");
  expect_error([&] { neurite::unframe_archive("", ArchiveKind::checkpoint, "e"); }, "e",
               "empty file, not a neurite checkpoint");
  BOOST_TEST(std::string(neurite::to_string(ArchiveKind::checkpoint)) == "checkpoint");
  BOOST_TEST(std::string(neurite::to_string(ArchiveKind::result)) == "result");
}

// Format 1 (28-byte header, binary payload, no encoding field) is still read.
BOOST_AUTO_TEST_CASE(a_format_1_header_is_read_as_binary) {
  const std::string file = [] {
    std::ifstream in(kArchives + "v1-xor-mlp.neurite", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  BOOST_TEST_REQUIRE(file.size() > 28u);
  BOOST_TEST(file[8] == 1);
  const auto payload = neurite::unframe_archive(file, ArchiveKind::result, "v1");
  BOOST_TEST(payload.format_version == 1u);
  BOOST_TEST((payload.encoding == ArchiveEncoding::binary));
  BOOST_TEST(payload.bytes.size() == file.size() - 28u);
  BOOST_TEST(payload.bytes.substr(8, 22) == "serialization::archive");
}
