// Mirrors framework/src/cli/glob.cpp on a directory tree made by the test.
#define BOOST_TEST_MODULE glob
#include <boost/test/unit_test.hpp>

#include "cli/glob.hpp"
#include "e2e/cli.hpp"

#include <neurite/errors.hpp>

#include <fstream>

using namespace neurite::cli;

namespace {
struct Tree {
  e2e::TempDir dir{"glob"};
  std::string root = dir.str();
  Tree() {
    for (const char* f : {"a.yaml", "b.yml", "notes.txt", "sub/c.yaml", "sub/deep/d.yaml", ".hidden/e.yaml", "sub/.f.yaml"}) {
      const auto path = dir.path / f;
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path) << "x";
    }
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(star_and_question_mark_match_within_a_directory) {
  Tree t;
  BOOST_TEST(expand_glob(t.root + "/*.yaml") == (std::vector<std::string>{t.root + "/a.yaml"}), boost::test_tools::per_element());
  BOOST_TEST(expand_glob(t.root + "/?.y*ml") == (std::vector<std::string>{t.root + "/a.yaml", t.root + "/b.yml"}),
             boost::test_tools::per_element());
  BOOST_TEST(expand_glob(t.root + "/s*/[c]*") == (std::vector<std::string>{t.root + "/sub/c.yaml"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(double_star_matches_any_depth_but_not_hidden_entries) {
  Tree t;
  const std::vector<std::string> want{t.root + "/a.yaml", t.root + "/sub/c.yaml", t.root + "/sub/deep/d.yaml"};
  BOOST_TEST(expand_glob(t.root + "/**/*.yaml") == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(inputs_keep_plain_paths_and_expand_patterns_in_place) {
  Tree t;
  const auto out = expand_inputs({t.root + "/notes.txt", t.root + "/sub/**/*.yaml", t.root + "/sub"});
  BOOST_TEST(out == (std::vector<std::string>{t.root + "/notes.txt", t.root + "/sub/c.yaml", t.root + "/sub/deep/d.yaml", t.root + "/sub"}),
             boost::test_tools::per_element());
  // A file whose name holds a glob character is taken as written.
  std::ofstream(t.dir.path / "odd[1].yaml") << "x";
  BOOST_TEST(expand_inputs({t.root + "/odd[1].yaml"}).at(0) == t.root + "/odd[1].yaml");
}

BOOST_AUTO_TEST_CASE(a_pattern_matching_nothing_is_a_usage_error_naming_it) {
  Tree t;
  try {
    expand_inputs({t.root + "/**/*.json"});
    BOOST_FAIL("no error");
  } catch (const neurite::Error& e) {
    BOOST_TEST((e.code() == neurite::ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == "run: no file or directory matches the pattern '" + t.root + "/**/*.json'");
  }
}
