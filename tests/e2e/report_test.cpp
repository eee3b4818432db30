// `neurite report` through the real binary: the page is one self-contained
// file with every run, decision boundaries for the 2-D models and confusion
// matrices, and (when Debian's chromium is installed, as scripts/bootstrap
// does) it loads headless with no console error, runs all its scripts, and
// its screenshot is not blank.
#define BOOST_TEST_MODULE report
#include <boost/test/unit_test.hpp>

#include "e2e/cli.hpp"

#include <zlib.h>

#include <cstdlib>
#include <set>

namespace {
const char* kBatch = R"(
- name: moons-logreg
  seed: 4
  data: {source: moons, samples: 300, noise: 0.2, split: {train: 0.6, validation: 0.2, test: 0.2}}
  model: [{dense: {units: 1}}, {activation: sigmoid}]
  loss: binary_cross_entropy
  optimizer: {name: adam, learning_rate: 0.05}
  training: {epochs: 30, batch_size: 32}
- name: moons-mlp
  seed: 4
  data: {source: moons, samples: 300, noise: 0.2, split: {train: 0.6, validation: 0.2, test: 0.2}}
  model: [{dense: {units: 16}}, {activation: tanh}, {dense: {units: 2}}]
  loss: softmax_cross_entropy
  optimizer: {name: adam, learning_rate: 0.02}
  training: {epochs: 30, batch_size: 32}
- name: blobs-4d
  seed: 4
  data: {source: blobs, samples: 200, features: 4, classes: 3, split: {train: 0.7, test: 0.3}}
  model: [{dense: {units: 3}}]
  loss: softmax_cross_entropy
  optimizer: {name: adam, learning_rate: 0.05}
  training: {epochs: 10}
)";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool have_chromium() { return std::system("command -v chromium >/dev/null 2>&1") == 0; }

// Distinct byte values in a PNG's inflated image data: a blank (one-colour)
// page filters down to a handful, a drawn page to nearly all 256.
std::size_t distinct_pixel_bytes(const std::string& png) {
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(png[i]); };
    const std::size_t length = (std::size_t{byte(at)} << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3);
    if (png.compare(at + 4, 4, "IDAT") == 0) idat += png.substr(at + 8, length);
    at += 12 + length;
  }
  std::string pixels(64 << 20, '\0');
  uLongf size = pixels.size();
  if (uncompress(reinterpret_cast<Bytef*>(pixels.data()), &size, reinterpret_cast<const Bytef*>(idat.data()),
                 idat.size()) != Z_OK)
    return 0;
  std::set<unsigned char> seen(pixels.begin(), pixels.begin() + static_cast<std::ptrdiff_t>(size));
  return seen.size();
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_report_is_one_self_contained_page_that_loads_in_a_browser) {
  e2e::TempDir dir("report");
  const auto experiments = dir.path / "batch.yaml";
  std::ofstream(experiments) << kBatch;
  const auto run = e2e::neurite("run " + experiments.string() + " --quiet --out " + (dir.path / "results").string());
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto page_path = dir.path / "report.html";
  const auto report = e2e::neurite("report " + (dir.path / "results").string() + " -o " + page_path.string() +
                                   " --title 'Logistic regression & an MLP'");
  BOOST_REQUIRE_MESSAGE(report.exit_code == 0, report.err);
  BOOST_TEST(report.out.find("report written to " + page_path.string()) != std::string::npos, report.out);

  const std::string page = read_file(page_path);
  // Self-contained: nothing is fetched (no src/href attributes, no CSS urls).
  for (const char* outside : {" src=", " href=", "url(", "<link", "@import"})
    BOOST_TEST(page.find(outside) == std::string::npos, outside);
  BOOST_TEST(page.find("<title>Logistic regression &amp; an MLP</title>") != std::string::npos);
  for (const char* name : {"\"moons-logreg\"", "\"moons-mlp\"", "\"blobs-4d\""})
    BOOST_TEST(page.find(name) != std::string::npos, name);
  // Two 2-D models get a boundary; the 4-feature one does not.
  std::size_t boundaries = 0;
  for (auto at = page.find("\"boundary\":{"); at != std::string::npos; at = page.find("\"boundary\":{", at + 1))
    ++boundaries;
  BOOST_TEST(boundaries == 2u);
  BOOST_TEST(page.find("\"boundary\":null") != std::string::npos);
  BOOST_TEST(page.find("\"confusion\":{\"split\":\"test\"") != std::string::npos);

  if (!have_chromium()) {
    BOOST_TEST_MESSAGE("chromium is not installed: the browser half of this test is skipped");
    return;
  }
  const std::string chromium = "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
                               "--window-size=1280,2200 --enable-logging=stderr --v=0 ";
  const auto log = dir.path / "chromium.log";
  const auto dom = dir.path / "dom.html";
  BOOST_REQUIRE(std::system((chromium + "--dump-dom file://" + page_path.string() + " >" + dom.string() + " 2>" +
                             log.string()).c_str()) == 0);
  const std::string dumped = read_file(dom), console = read_file(log);
  BOOST_TEST(dumped.find("data-ready=\"yes\"") != std::string::npos, "the page's scripts did not all run");
  BOOST_TEST(console.find("Uncaught") == std::string::npos, console);
  BOOST_TEST(console.find(":ERROR:CONSOLE") == std::string::npos, console);
  const auto shot = dir.path / "shot.png";
  BOOST_REQUIRE(std::system((chromium + "--screenshot=" + shot.string() + " file://" + page_path.string() + " 2>>" +
                             log.string()).c_str()) == 0);
  BOOST_TEST(distinct_pixel_bytes(read_file(shot)) > 100u);
}
