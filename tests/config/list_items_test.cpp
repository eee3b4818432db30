// Mirrors framework/src/config/list_items.cpp: a plain block list of
// experiments is cut into items that parse alone with the file's own
// line:column marks, and planning a file item by item (in parallel) gives the
// same runs and the same errors as parsing it whole.
#define BOOST_TEST_MODULE list_items
#include <boost/test/unit_test.hpp>

#include "config/list_items.hpp"
#include "config/schema.hpp"

#include <neurite/config/experiment_file.hpp>

#include <tbb/global_control.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

using neurite::config::split_block_list;

namespace {
const std::string kList =
    "# two experiments\n"
    "- name: a\n"
    "  seed: 3\n"
    "  data: {source: xor, samples: 8}\n"
    "  model:\n"
    "    - dense: {units: 4}   # hidden\n"
    "    - activation: tanh\n"
    "    - dense: {units: 2}\n"
    "  loss: softmax_cross_entropy\n"
    "  optimizer: {name: adam, learning_rate: 0.01}\n"
    "\n"
    "# the second one\n"
    "-   name: b\n"
    "    data: {source: moons, samples: 40}\n"
    "    model: [{dense: {units: 2}}]\n"
    "    loss: softmax_cross_entropy\n"
    "    optimizer: sgd\n"
    "    sweep: {training.epochs: [1, 2]}\n";

// The same file, forced onto the whole-file path: an '&' anywhere sends it there.
std::string whole_file_variant(const std::string& text) { return text + "# & forces the whole-file parse\n"; }

std::string error_of(const std::string& yaml) {
  try {
    neurite::parse_experiments(yaml, "exp.yaml");
  } catch (const neurite::Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

BOOST_AUTO_TEST_CASE(items_are_cut_at_their_dashes_and_moved_left) {
  const auto items = split_block_list(kList);
  BOOST_REQUIRE(items);
  BOOST_REQUIRE_EQUAL(items->size(), 2u);
  BOOST_TEST(items->at(0).text.rfind("name: a\nseed: 3\n", 0) == 0);
  BOOST_TEST(items->at(0).text.find("  - dense: {units: 4}   # hidden\n") != std::string::npos);
  BOOST_TEST(items->at(1).text.rfind("name: b\ndata:", 0) == 0);
  // Each item alone is the same tree as the item in the whole file.
  const YAML::Node whole = YAML::Load(kList);
  for (std::size_t i = 0; i < 2; ++i) {
    YAML::Emitter alone, in_file;
    alone << YAML::Load(items->at(i).text);
    in_file << whole[i];
    BOOST_TEST(std::string(alone.c_str()) == std::string(in_file.c_str()));
  }
}

BOOST_AUTO_TEST_CASE(items_in_place_keep_the_files_lines_and_columns) {
  const auto items = split_block_list(kList);
  BOOST_REQUIRE(items);
  const YAML::Node whole = YAML::Load(kList);
  const YAML::Node a = YAML::Load(items->at(0).in_place);
  const YAML::Node b = YAML::Load(items->at(1).in_place);
  const auto same_mark = [](const YAML::Node& x, const YAML::Node& y) {
    return x.Mark().line == y.Mark().line && x.Mark().column == y.Mark().column;
  };
  BOOST_TEST(same_mark(a, whole[0]));
  BOOST_TEST(same_mark(a["model"][0]["dense"]["units"], whole[0]["model"][0]["dense"]["units"]));
  BOOST_TEST(same_mark(b["sweep"]["training.epochs"][1], whole[1]["sweep"]["training.epochs"][1]));
  BOOST_TEST(b["model"].Mark().line == 14);
  BOOST_TEST(b["model"].Mark().column == 11);
}

BOOST_AUTO_TEST_CASE(anything_that_could_tie_items_together_is_not_cut) {
  BOOST_TEST(!split_block_list("- &base {name: a}\n- <<: *base\n  name: b\n"));
  BOOST_TEST(!split_block_list("%YAML 1.2\n---\n- name: a\n"));
  BOOST_TEST(!split_block_list("---\n- name: a\n- name: b\n"));
  BOOST_TEST(!split_block_list("[{name: a}, {name: b}]\n"));
  BOOST_TEST(!split_block_list("-\n  name: a\n-\n  name: b\n"));         // item starts on the next line
  BOOST_TEST(!split_block_list("- name: a\n seed: 1\n- name: b\n"));      // indented less than the item
  BOOST_TEST(!split_block_list("- name: a\n\tseed: 1\n"));                // a tab
  BOOST_TEST(!split_block_list("name: a\nseed: 1\n"));                    // one experiment, not a list
  BOOST_TEST(!split_block_list("- name: a\n...\n"));                      // document end
  BOOST_TEST(!split_block_list("# only a comment\n"));
}

BOOST_AUTO_TEST_CASE(a_list_too_long_to_pad_is_not_cut) {
  std::string items;
  for (int i = 0; i < 200; ++i) items += "- name: e" + std::to_string(i) + "\n  seed: 1\n";
  BOOST_TEST(split_block_list(items).has_value());  // 200 items x 400 lines / 2: 40,000 lines of padding
  for (int i = 200; i < 400; ++i) items += "- name: e" + std::to_string(i) + "\n  seed: 1\n";
  BOOST_TEST(!split_block_list(items).has_value());  // 400 x 800 / 2: 160,000
}

BOOST_AUTO_TEST_CASE(planning_item_by_item_gives_the_runs_of_the_whole_file_parse) {
  for (const int threads : {1, 2, 4}) {
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const auto cut = neurite::parse_experiments(kList, "/exp/list.yaml");
    const auto whole = neurite::parse_experiments(whole_file_variant(kList), "/exp/list.yaml");
    BOOST_REQUIRE_EQUAL(cut.size(), 3u);
    BOOST_REQUIRE_EQUAL(cut.size(), whole.size());
    for (std::size_t i = 0; i < cut.size(); ++i) {
      BOOST_TEST(cut[i].name == whole[i].name);
      BOOST_TEST(cut[i].where.str() == whole[i].where.str());
      BOOST_TEST(cut[i].seed == whole[i].seed);
      BOOST_TEST(cut[i].training.epochs == whole[i].training.epochs);
      BOOST_TEST(cut[i].model.size() == whole[i].model.size());
      BOOST_TEST(neurite::config::resolved_yaml(cut[i]) == neurite::config::resolved_yaml(whole[i]));
    }
    // An unchanged item keeps its own text, comments and all; swept runs are emitted.
    BOOST_TEST(cut[0].yaml_text.find("# hidden") != std::string::npos);
    BOOST_TEST(YAML::Load(cut[0].yaml_text)["seed"].as<int>() == 3);
    BOOST_TEST(cut[1].name == "b[epochs=1]");
    BOOST_TEST(cut[2].yaml_text == whole[2].yaml_text);
  }
}

// kList with each (from, to) replaced; the error must be the same on both
// paths and contain `expected`.
void expect_same_error(const std::vector<std::pair<std::string, std::string>>& edits, const std::string& expected) {
  std::string text = kList;
  for (const auto& [from, to] : edits) {
    const auto at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  const std::string cut = error_of(text);
  BOOST_TEST(cut == error_of(whole_file_variant(text)));
  BOOST_TEST(cut.find(expected) != std::string::npos, cut << " lacks " << expected);
}

BOOST_AUTO_TEST_CASE(errors_are_the_same_on_both_paths) {
  // A schema error in the second item, at the file's line and column.
  expect_same_error({{"samples: 40", "samples: x"}}, "exp.yaml:14:");
  // Errors in two items: the first one in the file is reported.
  expect_same_error({{"samples: 40", "samples: x"}, {"seed: 3\n", "seed: x\n"}}, "exp.yaml:3:");
  // A syntax error inside an item is the whole file's syntax error.
  expect_same_error({{"{source: moons, samples: 40}", "{source: moons, samples: 40"}}, "invalid YAML");
  // A name used twice across items.
  expect_same_error({{"name: b", "name: a"}, {"    sweep: {training.epochs: [1, 2]}\n", ""}},
                    "duplicate experiment name 'a'");
}
