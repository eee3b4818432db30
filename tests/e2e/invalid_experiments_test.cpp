// Every malformed experiment under tests/data/invalid/ is refused by
// `neurite validate` with its exit code and message. Each file's first line
// states what is expected:  # expect CODE: WHERE: MESSAGE
// with {file} standing for the file's own path and {data} for tests/data.
#define BOOST_TEST_MODULE invalid_experiments
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {
const std::string kData = NEURITE_TEST_DATA_DIR;

std::string substituted(std::string text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

struct Expectation {
  int code = -1;
  std::string message;
};

Expectation expectation_of(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  const std::string tag = "# expect ";
  Expectation e;
  if (line.rfind(tag, 0) != 0) return e;
  const auto colon = line.find(':', tag.size());
  e.code = std::stoi(line.substr(tag.size(), colon - tag.size()));
  e.message = substituted(substituted(line.substr(colon + 2), "{file}", file.string()), "{data}", kData);
  return e;
}
}  // namespace

BOOST_AUTO_TEST_CASE(each_malformed_file_gets_its_error_and_exit_code) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kData + "/invalid"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  BOOST_TEST(files.size() >= 20u);
  for (const auto& file : files) {
    BOOST_TEST_CONTEXT(file.filename().string()) {
      const Expectation expected = expectation_of(file);
      BOOST_REQUIRE_MESSAGE(expected.code > 0, "first line must be '# expect CODE: WHERE: MESSAGE'");
      const auto outcome = e2e::neurite("validate --quiet " + file.string());
      BOOST_TEST(outcome.exit_code == expected.code);
      BOOST_TEST(outcome.err.find("neurite: error: " + expected.message) != std::string::npos,
                 "want: " << expected.message << "\ngot:  " << outcome.err);
      BOOST_TEST(outcome.err.find("Segmentation") == std::string::npos);
    }
  }
}
