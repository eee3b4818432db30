// Mirrors framework/src/results/atomic_file.cpp: files written as a group land
// under their names together, one that cannot land does not keep the others
// out, and nothing is ever left half-written or as a stray temporary.
#define BOOST_TEST_MODULE atomic_file
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"
#include "results/atomic_file.hpp"

#include <filesystem>
#include <string>

using namespace neurite;
using e2e::TempDir;
namespace fs = std::filesystem;

namespace {
std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) n += entry.is_regular_file();
  return n;
}

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_group_lands_only_when_committed) {
  const TempDir dir("atomic-group");
  const std::string a = (dir.path / "a.bin").string(), b = (dir.path / "sub" / "b.bin").string();
  write_file_atomically(a, "old");
  AtomicFileGroup group;
  group.add(a, "new a");
  group.add(b, "new b");
  BOOST_TEST(read_whole_file(a) == "old");  // not yet: only temporaries exist
  BOOST_TEST(!fs::exists(b));
  const auto outcome = group.commit();
  BOOST_REQUIRE_EQUAL(outcome.size(), 2u);
  BOOST_TEST(!outcome[0]);
  BOOST_TEST(!outcome[1]);
  BOOST_TEST(read_whole_file(a) == "new a");
  BOOST_TEST(read_whole_file(b) == "new b");
  BOOST_TEST(files_in(dir.path) == 2u);  // no temporary left
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_land_does_not_keep_the_others_out) {
  const TempDir dir("atomic-group-fail");
  const fs::path blocked = dir.path / "blocked";
  fs::create_directories(blocked / "inside");  // a non-empty directory cannot be renamed over
  AtomicFileGroup group;
  group.add((dir.path / "first").string(), "1");
  group.add(blocked.string(), "2");
  group.add((dir.path / "third").string(), "3");
  const auto outcome = group.commit();
  BOOST_REQUIRE_EQUAL(outcome.size(), 3u);
  BOOST_TEST(!outcome[0]);
  BOOST_REQUIRE(outcome[1]);
  BOOST_TEST((outcome[1]->code() == ExitCode::data));
  BOOST_TEST(std::string(outcome[1]->what()).find(blocked.string()) != std::string::npos);
  BOOST_TEST(!outcome[2]);
  BOOST_TEST(read_whole_file((dir.path / "third").string()) == "3");
  BOOST_TEST(fs::is_directory(blocked));
  BOOST_TEST(files_in(dir.path) == 2u);  // the failed one's temporary is gone too
}

BOOST_AUTO_TEST_CASE(a_group_holds_its_temporaries_open_only_until_commit_or_destruction) {
  // The group keeps each temporary's descriptor from add() to its fsync in
  // commit(); none may outlive either (a batch commits thousands of archives).
  const TempDir dir("atomic-group-fds");
  const std::size_t before = open_descriptors();
  {
    AtomicFileGroup group;
    for (int i = 0; i < 10; ++i) group.add((dir.path / ("f" + std::to_string(i))).string(), "bytes");
    BOOST_TEST(open_descriptors() == before + 10);
    for (const auto& failed : group.commit()) BOOST_TEST(!failed);
    BOOST_TEST(open_descriptors() == before);
    group.add((dir.path / "uncommitted").string(), "bytes");
  }
  BOOST_TEST(open_descriptors() == before);
  BOOST_TEST(files_in(dir.path) == 10u);
  BOOST_TEST(read_whole_file((dir.path / "f9").string()) == "bytes");
}

BOOST_AUTO_TEST_CASE(a_group_never_committed_leaves_nothing) {
  const TempDir dir("atomic-group-drop");
  {
    AtomicFileGroup group;
    group.add((dir.path / "x").string(), "x");
  }
  BOOST_TEST(files_in(dir.path) == 0u);
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_started_is_an_error_naming_it) {
  const TempDir dir("atomic-group-start");
  write_file_atomically((dir.path / "plain").string(), "a file, not a directory");
  AtomicFileGroup group;
  const std::string under_file = (dir.path / "plain" / "x").string();
  BOOST_CHECK_EXCEPTION(group.add(under_file, "x"), Error, [&](const Error& e) {
    return e.code() == ExitCode::data && std::string(e.what()).find(under_file) != std::string::npos;
  });
  BOOST_CHECK_THROW(group.add("", "x"), Error);
  BOOST_TEST(group.commit().empty());
}
