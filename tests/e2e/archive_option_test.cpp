// `neurite run --archive binary|text|xml`: each writes archives of that
// encoding which `compare` reads back with the same numbers; a bad name is a
// usage error listing the encodings.
#define BOOST_TEST_MODULE e2e_archive_option
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <fstream>
#include <iterator>
#include <string>

namespace {
const std::string kXor = std::string(NEURITE_SOURCE_DIR) + "/experiments/learning-path/02-xor-in-11-lines.yaml";

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_encoding_is_written_and_compared) {
  std::string tables[3];
  const char* encodings[] = {"binary", "text", "xml"};
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST_CONTEXT(encodings[i]) {
      e2e::TempDir dir("archive_option");
      const auto run = e2e::neurite("run '" + kXor + "' --quiet --format csv --set training.epochs=20 --archive " +
                                    encodings[i] + " --out " + dir.str());
      BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
      const std::string bytes = slurp(dir.path / "xor-11-lines.neurite");
      BOOST_TEST_REQUIRE(bytes.size() > 32u);
      BOOST_TEST(bytes[16] == static_cast<char>(i + 1));  // header: encoding
      if (std::string(encodings[i]) == "xml") BOOST_TEST(bytes.find("<name>xor-11-lines</name>") != std::string::npos);
      const auto compare = e2e::neurite("compare --format csv " + dir.str());
      BOOST_TEST_REQUIRE(compare.exit_code == 0, compare.err);
      const auto rows = e2e::parse_csv(compare.out);
      BOOST_TEST_REQUIRE(rows.size() == 2u);
      tables[i] = compare.out;
    }
  }
  // Same run, same seed: the same table whatever the encoding (timings aside).
  const auto strip_times = [](const std::string& csv) {
    auto rows = e2e::parse_csv(csv);
    std::string kept;
    for (std::size_t c = 0; c < rows[0].size(); ++c) {
      if (rows[0][c].find("seconds") != std::string::npos || rows[0][c].find("time") != std::string::npos) continue;
      kept += rows[0][c] + "=" + (c < rows[1].size() ? rows[1][c] : "") + ";";
    }
    return kept;
  };
  BOOST_TEST(strip_times(tables[0]) == strip_times(tables[1]));
  BOOST_TEST(strip_times(tables[0]) == strip_times(tables[2]));
}

BOOST_AUTO_TEST_CASE(unknown_encoding_is_a_usage_error) {
  e2e::TempDir dir("archive_option_bad");
  const auto run = e2e::neurite("run '" + kXor + "' --quiet --archive json --out " + dir.str());
  BOOST_TEST(run.exit_code == 2);
  BOOST_TEST(run.err.find("unknown archive encoding 'json' (known: binary, text, xml)") != std::string::npos, run.err);
}
