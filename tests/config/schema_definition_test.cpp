// Mirrors framework/src/config/schema_definition.cpp: the schema table is
// complete and self-consistent, its defaults are what a parsed experiment
// gets, and the README's reference table is its current output.
#define BOOST_TEST_MODULE schema_definition
#include <boost/test/unit_test.hpp>

#include <neurite/config/experiment_file.hpp>

#include "config/schema_definition.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

using neurite::config::experiment_schema;
using neurite::config::key_def;
using neurite::config::KeyDef;
using neurite::config::ValueKind;

BOOST_AUTO_TEST_CASE(every_key_is_documented_and_its_default_fits_its_own_rule) {
  for (const KeyDef& def : experiment_schema()) {
    BOOST_TEST_CONTEXT(def.path) {
      BOOST_TEST(!def.doc.empty());
      BOOST_TEST(def.expected() != "?");
      if (def.default_text.empty()) continue;
      BOOST_TEST(!def.required);
      if (def.kind == ValueKind::choice)
        BOOST_TEST((std::find(def.choices.begin(), def.choices.end(), def.default_text) != def.choices.end()));
      if (def.kind == ValueKind::integer || def.kind == ValueKind::real) {
        const double v = std::stod(def.default_text);
        BOOST_TEST((def.lo_open ? v > def.lo : v >= def.lo));
        BOOST_TEST((def.hi_open ? v < def.hi : v <= def.hi));
      }
      if (def.kind == ValueKind::boolean) BOOST_TEST((def.default_text == "true" || def.default_text == "false"));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_parent_section_is_itself_a_key) {
  for (const KeyDef& def : experiment_schema()) {
    const auto dot = def.path.rfind('.');
    if (dot == std::string::npos) continue;
    std::string parent = def.path.substr(0, dot);
    if (parent.size() > 2 && parent.compare(parent.size() - 2, 2, "[]") == 0) parent.resize(parent.size() - 2);
    BOOST_TEST_CONTEXT(def.path) { BOOST_CHECK_NO_THROW(key_def(parent)); }
  }
  BOOST_CHECK_THROW(key_def("training.epoch"), std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_minimal_experiment_gets_the_schema_defaults) {
  const auto spec = neurite::parse_experiments(
      "name: e\ndata: {source: moons}\nmodel: [{dense: {units: 2}}]\nloss: mse\noptimizer: sgd\n", "e.yaml")[0];
  BOOST_TEST(spec.seed == std::stoull(key_def("seed").default_text));
  BOOST_TEST(spec.data.samples == std::stoul(key_def("data.samples").default_text));
  BOOST_TEST(spec.data.noise == std::stod(key_def("data.noise").default_text));
  BOOST_TEST(spec.data.scale == key_def("data.scale").default_text);
  BOOST_TEST(spec.training.epochs == std::stoi(key_def("training.epochs").default_text));
  BOOST_TEST(spec.training.batch_size == std::stoi(key_def("training.batch_size").default_text));
  BOOST_TEST(spec.training.shard_rows == 0);  // auto
  BOOST_TEST(spec.training.shuffle);
  BOOST_TEST(!spec.training.early_stopping.enabled);
  BOOST_TEST(spec.training.lr_schedule.name == key_def("training.lr_schedule").default_text);
  // Defaults of a section that is given but left empty come from the schema too.
  const auto stop = neurite::parse_experiments(
      "name: e\ndata: {source: moons}\nmodel: [{dense: {units: 2}}]\nloss: mse\noptimizer: sgd\n"
      "training: {early_stopping: {}}\n", "e.yaml")[0].training.early_stopping;
  BOOST_TEST(stop.enabled);
  BOOST_TEST(stop.patience == std::stoi(key_def("training.early_stopping.patience").default_text));
  BOOST_TEST(stop.monitor == key_def("training.early_stopping.monitor").default_text);
}

BOOST_AUTO_TEST_CASE(the_readme_reference_table_is_the_schema) {
  std::ifstream in(std::string(NEURITE_SOURCE_DIR) + "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::string begin = "<!-- schema:begin -->\n", end = "<!-- schema:end -->";
  const auto a = readme.find(begin), b = readme.find(end);
  BOOST_REQUIRE(a != std::string::npos && b != std::string::npos);
  BOOST_TEST(readme.substr(a + begin.size(), b - a - begin.size()) == neurite::config::schema_markdown(),
             "README.md's schema table is out of date: run scripts/schema-docs");
}
