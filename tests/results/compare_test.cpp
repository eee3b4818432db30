// Mirrors framework/src/results/compare.cpp: the comparison table in text,
// Markdown, CSV and JSON.
#define BOOST_TEST_MODULE results_compare
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/results/compare.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using neurite::RunResult;
using neurite::TableFormat;

namespace {
RunResult ok_run() {
  RunResult r;
  r.name = "moons-mlp";
  r.model_summary = "dense(16) tanh dense(2)";
  r.parameter_count = 82;
  r.epochs_run = 200;
  r.wall_seconds = 0.42;
  r.train = {700, 0.0712345, 0.97312};
  r.validation = {150, 0.08, 0.96};
  r.test = {150, 0.0853, 0.953333};
  r.history = {{1, 0.69, 0.5, 0.68, 0.52, 0.01}, {2, 0.5, 0.8, 0.49, 0.79, 0.01}};
  return r;
}

RunResult no_validation_run() {  // wide model, no validation split, long run
  RunResult r;
  r.name = "spirals-wide";
  r.model_summary = "dense(512) relu dense(512) relu dense(3)";
  r.parameter_count = 1234567;
  r.epochs_run = 50;
  r.wall_seconds = 125.0;
  r.train = {900, 1.5, 0.4};
  r.test = {100, 1.6, 0.35};
  r.history = {{1, 1.1, 0.3, std::numeric_limits<double>::quiet_NaN(), 0.0, 2.5}};
  return r;
}

RunResult diverged_run() {
  RunResult r;
  r.name = "moons-mlp-lr10";
  r.model_summary = "dense(16) tanh dense(2)";
  r.parameter_count = 82;
  r.status = neurite::RunStatus::diverged;
  r.error = "loss is NaN at epoch 3";
  r.epochs_run = 3;
  r.wall_seconds = 0.01;
  r.train = {700, std::numeric_limits<double>::quiet_NaN(), 0.5};
  return r;
}

RunResult regression_run() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  RunResult r;
  r.name = "sine-mlp";
  r.model_summary = "dense(16) tanh dense(1)";
  r.parameter_count = 49;
  r.epochs_run = 150;
  r.wall_seconds = 0.3;
  r.regression = true;
  r.train = {700, 0.0101, nan, 0.10049876, 0.9801};
  r.validation = {150, 0.0121, nan, 0.11, 0.97625};
  r.test = {150, 0.0144, nan, 0.12, 0.971234};
  neurite::EpochMetrics m{1, 0.4, nan, 0.35, nan, 0.01};
  m.train_rmse = 0.63;
  m.train_r2 = 0.2;
  m.validation_rmse = 0.59;
  m.validation_r2 = 0.3;
  r.history = {m};
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Minimal RFC 4180 reader: records of fields, quotes doubled inside quoted fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') records.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else records.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\n') {
      records.emplace_back(1);
    } else {
      records.back().back() += c;
    }
  }
  BOOST_TEST(!quoted);
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

// The screen column just after `title` in a header that may hold multi-byte
// UTF-8 ("R\u00b2"): continuation bytes take no column.
std::size_t column_after(const std::string& header, const std::string& title) {
  const std::size_t end = header.find(title) + title.size();
  std::size_t columns = 0;
  for (std::size_t i = 0; i < end; ++i) columns += (static_cast<unsigned char>(header[i]) & 0xC0) != 0x80;
  return columns;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_CASE(text_table_aligns_headers_and_values) {
  const std::string table =
      neurite::format_comparison({ok_run(), no_validation_run()}, TableFormat::text);
  BOOST_TEST_MESSAGE("\n" << table);
  const auto lines = lines_of(table);
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  const std::string& header = lines[0];
  for (const char* title : {"experiment", "model", "params", "train loss", "train acc", "val loss",
                            "val acc", "test loss", "test acc", "epochs", "time", "status"})
    BOOST_TEST(contains(header, title), title);
  BOOST_TEST(lines[1].find_first_not_of("- ") == std::string::npos);  // the rule
  // Every line is exactly as wide as the rule, except that the last column (text) is not padded.
  // Numeric columns are right-aligned: each value ends where its header ends.
  const auto end_of = [&](const std::string& title) { return header.find(title) + title.size(); };
  BOOST_TEST(lines[2].substr(0, lines[2].find("  ")) == "moons-mlp");
  BOOST_TEST(lines[2].find("97.3%") + 5 == end_of("train acc"));
  BOOST_TEST(lines[2].find("0.0712") + 6 == end_of("train loss"));
  BOOST_TEST(lines[2].find("95.3%") + 5 == end_of("test acc"));
  BOOST_TEST(lines[2].find("0.42s") + 5 == end_of("time"));
  BOOST_TEST(lines[3].find("1,234,567") + 9 == end_of("params"));
  BOOST_TEST(lines[3].find("2m05s") + 5 == end_of("time"));
  // Text columns are left-aligned: the model starts where its header starts.
  BOOST_TEST(lines[2].find("dense(16)") == header.find("model"));
  BOOST_TEST(lines[3].find("dense(512)") == header.find("model"));
  BOOST_TEST(lines[2].find("ok") == header.find("status"));
  for (const auto& line : lines) BOOST_TEST(line.back() != ' ', "no trailing blanks: '" << line << "'");
}

BOOST_AUTO_TEST_CASE(text_table_shows_dash_for_an_empty_split) {
  const auto lines = lines_of(neurite::format_comparison({no_validation_run()}, TableFormat::text));
  const std::string& header = lines[0];
  const std::string& row = lines[2];
  const auto cell_end = header.find("val loss") + std::string("val loss").size();
  BOOST_TEST(row[cell_end - 1] == '-');
  BOOST_TEST(row[cell_end - 2] == ' ');
  const auto acc_end = header.find("val acc") + std::string("val acc").size();
  BOOST_TEST(row[acc_end - 1] == '-');
  BOOST_TEST(contains(row, "40.0%"));
  BOOST_TEST(contains(row, "1.5000"));
}

BOOST_AUTO_TEST_CASE(text_table_lists_failed_runs_after_the_table) {
  RunResult failed = ok_run();
  failed.name = "bad-data";
  failed.status = neurite::RunStatus::failed;
  failed.error = "data.csv:3: expected 4 columns\nsecond line";
  failed.parameter_count = 0;
  failed.epochs_run = 0;
  failed.wall_seconds = 0;
  failed.train = failed.validation = failed.test = {};
  const std::string table =
      neurite::format_comparison({ok_run(), diverged_run(), failed}, TableFormat::text);
  BOOST_TEST_MESSAGE("\n" << table);
  const auto lines = lines_of(table);
  BOOST_TEST_REQUIRE(lines.size() == 9u);
  BOOST_TEST(contains(lines[3], "diverged"));
  BOOST_TEST(!contains(lines[3], "nan"));  // the NaN loss is the failure, shown as "-"
  BOOST_TEST(contains(lines[3], "50.0%"));  // a finite value is still shown
  BOOST_TEST(contains(lines[4], "failed"));
  BOOST_TEST(lines[5].empty());
  BOOST_TEST(lines[6] == "moons-mlp-lr10: diverged: loss is NaN at epoch 3");
  BOOST_TEST(lines[7] == "bad-data: failed: data.csv:3: expected 4 columns");
  BOOST_TEST(lines[8] == "  second line");
  // The failed run's meaningless columns are all "-".
  std::istringstream cells(lines[4]);
  std::vector<std::string> words;
  for (std::string w; cells >> w;) words.push_back(w);
  BOOST_TEST(words.front() == "bad-data");
  BOOST_TEST(words.back() == "failed");
  BOOST_TEST(std::count(words.begin(), words.end(), "-") == 9);  // params..time
}

BOOST_AUTO_TEST_CASE(text_table_of_no_runs_is_just_the_header) {
  BOOST_TEST(lines_of(neurite::format_comparison({}, TableFormat::text)).size() == 2u);
}

BOOST_AUTO_TEST_CASE(text_table_keeps_rows_on_one_line) {
  RunResult r = ok_run();
  r.name = "two\nlines";
  BOOST_TEST(lines_of(neurite::format_comparison({r}, TableFormat::text)).size() == 3u);
}

BOOST_AUTO_TEST_CASE(markdown_has_a_header_alignment_row_and_one_row_per_run) {
  RunResult piped = ok_run();
  piped.name = "a|b";
  const std::string md =
      neurite::format_comparison({ok_run(), piped, diverged_run()}, TableFormat::markdown);
  BOOST_TEST_MESSAGE("\n" << md);
  const auto lines = lines_of(md);
  BOOST_TEST_REQUIRE(lines.size() == 7u);
  BOOST_TEST(lines[0].rfind("| experiment | model | params |", 0) == 0);
  BOOST_TEST(lines[1].rfind("| --- | --- | ---: |", 0) == 0);
  const auto pipes = [](const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) n += s[i] == '|' && (i == 0 || s[i - 1] != '\\');
    return n;
  };
  for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(pipes(lines[i]) == 13u, "line " << i);
  BOOST_TEST(contains(lines[2], "| moons-mlp | dense(16) tanh dense(2) | 82 |"));
  BOOST_TEST(contains(lines[2], "| 97.3% |"));
  BOOST_TEST(contains(lines[3], "a\\|b"));
  BOOST_TEST(lines[5].empty());
  BOOST_TEST(lines[6] == "- moons-mlp-lr10: diverged: loss is NaN at epoch 3");
}

BOOST_AUTO_TEST_CASE(csv_parses_back_with_raw_numbers_and_quoting) {
  RunResult quoted = ok_run();
  quoted.name = "say \"hi\", twice";
  quoted.model_summary = "dense(4)\ndense(2)";
  const std::string csv = neurite::format_comparison(
      {ok_run(), no_validation_run(), diverged_run(), quoted}, TableFormat::csv);
  BOOST_TEST_MESSAGE("\n" << csv);
  const auto records = parse_csv(csv);
  BOOST_TEST_REQUIRE(records.size() == 5u);
  for (const auto& record : records) BOOST_TEST(record.size() == records[0].size());
  const auto& header = records[0];
  BOOST_TEST(header[0] == "experiment");
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  BOOST_TEST_REQUIRE(column("train_accuracy") < header.size());
  BOOST_TEST_REQUIRE(column("validation_loss") < header.size());
  BOOST_TEST_REQUIRE(column("error") < header.size());
  BOOST_TEST(records[1][column("train_accuracy")] == "0.97312");   // fraction, full precision
  BOOST_TEST(records[1][column("train_loss")] == "0.0712345");
  BOOST_TEST(records[1][column("wall_seconds")] == "0.42");
  BOOST_TEST(records[2][column("parameters")] == "1234567");
  BOOST_TEST(records[2][column("validation_loss")] == "");        // empty split
  BOOST_TEST(records[3][column("status")] == "diverged");
  BOOST_TEST(records[3][column("error")] == "loss is NaN at epoch 3");
  BOOST_TEST(records[4][column("experiment")] == "say \"hi\", twice");
  BOOST_TEST(records[4][column("model")] == "dense(4)\ndense(2)");
  BOOST_TEST(contains(csv, "\"say \"\"hi\"\", twice\""));
}

BOOST_AUTO_TEST_CASE(json_is_an_array_of_escaped_objects_with_history) {
  RunResult tricky = ok_run();
  tricky.name = "say \"hi\"\\";
  tricky.error = "line one\nline two\ttab\x01";
  const std::string json =
      neurite::format_comparison({ok_run(), no_validation_run(), tricky}, TableFormat::json);
  BOOST_TEST_MESSAGE("\n" << json);
  BOOST_TEST(json.front() == '[');
  BOOST_TEST(json.substr(json.size() - 2) == "]\n");
  BOOST_TEST(contains(json, R"("experiment": "moons-mlp")"));
  BOOST_TEST(contains(json, R"("train_accuracy": 0.97312)"));
  BOOST_TEST(contains(json, R"("validation_loss": null)"));  // empty split
  BOOST_TEST(contains(json, R"("experiment": "say \"hi\"\\")"));
  BOOST_TEST(contains(json, R"("error": "line one\nline two\ttab\u0001")"));
  BOOST_TEST(contains(json, R"("history": [)"));
  BOOST_TEST(contains(json, R"({"epoch": 2, "train_loss": 0.5, "train_accuracy": 0.8)"));
  BOOST_TEST(!contains(json, "nan"));  // NaN is not JSON
  // Structure: brackets balance outside strings, no raw control characters, no ",]" or ",}".
  int depth = 0;
  bool in_string = false;
  char last = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      BOOST_TEST(static_cast<unsigned char>(c) >= 0x20);
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') {
      BOOST_TEST(last != ',');
      --depth;
    }
    BOOST_TEST(depth >= 0);
    if (c != ' ' && c != '\n') last = c;
  }
  BOOST_TEST(depth == 0);
  BOOST_TEST(!in_string);
  BOOST_TEST(neurite::format_comparison({}, TableFormat::json) == "[]\n");
}

BOOST_AUTO_TEST_CASE(parse_table_format_accepts_the_four_names) {
  BOOST_TEST((neurite::parse_table_format("text") == TableFormat::text));
  BOOST_TEST((neurite::parse_table_format("markdown") == TableFormat::markdown));
  BOOST_TEST((neurite::parse_table_format("csv") == TableFormat::csv));
  BOOST_TEST((neurite::parse_table_format("json") == TableFormat::json));
}

BOOST_AUTO_TEST_CASE(parse_table_format_rejects_others_as_usage_errors) {
  for (const char* name : {"xml", "", "CSV", "md"}) {
    BOOST_TEST_CONTEXT("format '" << name << "'") {
      try {
        neurite::parse_table_format(name);
        BOOST_ERROR("no error");
      } catch (const neurite::Error& e) {
        BOOST_TEST((e.code() == neurite::ExitCode::usage));
        BOOST_TEST(contains(e.what(), "'" + std::string(name) + "'"));
        BOOST_TEST(contains(e.what(), "csv, json, markdown, text"));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(regression_runs_show_rmse_and_r2_instead_of_accuracy) {
  const std::string table = neurite::format_comparison({regression_run()}, TableFormat::text);
  BOOST_TEST_MESSAGE("\n" << table);
  const auto lines = lines_of(table);
  BOOST_TEST_REQUIRE(lines.size() == 3u);
  const std::string& header = lines[0];
  BOOST_TEST(!contains(header, "acc"));
  for (const char* title : {"train rmse", "train R\u00b2", "val rmse", "val R\u00b2", "test rmse", "test R\u00b2"})
    BOOST_TEST(contains(header, title), title);
  const auto end_of = [&](const std::string& title) { return column_after(header, title); };
  BOOST_TEST(lines[2].find("0.1005") + 6 == end_of("train rmse"));  // RMSE like a loss, 4 decimals
  BOOST_TEST(lines[2].find("0.9801") + 6 == end_of("train R\u00b2"));  // right-aligned
  BOOST_TEST(lines[2].find("0.9712") + 6 == end_of("test R\u00b2"));
  BOOST_TEST(contains(lines[2], "0.9712"));
  BOOST_TEST(!contains(lines[2], "nan"));
}

BOOST_AUTO_TEST_CASE(a_mixed_table_shows_both_kinds_of_scores_with_dashes_where_they_do_not_apply) {
  const std::string table = neurite::format_comparison({ok_run(), regression_run()}, TableFormat::text);
  BOOST_TEST_MESSAGE("\n" << table);
  const auto lines = lines_of(table);
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  const std::string& header = lines[0];
  const auto end_of = [&](const std::string& title) { return column_after(header, title); };
  BOOST_TEST(lines[2][end_of("test acc") - 1] == '%');
  BOOST_TEST(lines[2][end_of("test rmse") - 1] == '-');
  BOOST_TEST(lines[3][end_of("test acc") - 1] == '-');
  BOOST_TEST(lines[3].find("0.1200") + 6 == end_of("test rmse"));
  std::istringstream cells(lines[2]);
  std::vector<std::string> words;
  for (std::string w; cells >> w;) words.push_back(w);
  BOOST_TEST(std::count(words.begin(), words.end(), "-") == 6);  // rmse and R^2 of three splits

  const auto md = lines_of(neurite::format_comparison({ok_run(), regression_run()}, TableFormat::markdown));
  BOOST_TEST_REQUIRE(md.size() == 4u);
  BOOST_TEST(contains(md[0], "| train acc | train rmse | train R\u00b2 | val loss |"));
  BOOST_TEST(contains(md[3], "| - | 0.1005 | 0.9801 |"));
  BOOST_TEST(contains(md[2], "| 97.3% | - | - |"));
}

BOOST_AUTO_TEST_CASE(csv_and_json_carry_every_score_and_the_task) {
  const std::string csv = neurite::format_comparison({ok_run(), regression_run()}, TableFormat::csv);
  BOOST_TEST_MESSAGE("\n" << csv);
  const auto records = parse_csv(csv);
  BOOST_TEST_REQUIRE(records.size() == 3u);
  const auto& header = records[0];
  const auto column = [&](const std::string& name) {
    const auto at = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    BOOST_TEST_REQUIRE(at < header.size(), name);
    return at;
  };
  BOOST_TEST(records[1][column("task")] == "classification");
  BOOST_TEST(records[1][column("test_accuracy")] == "0.953333");
  BOOST_TEST(records[1][column("test_rmse")] == "");
  BOOST_TEST(records[1][column("test_r2")] == "");
  BOOST_TEST(records[2][column("task")] == "regression");
  BOOST_TEST(records[2][column("test_accuracy")] == "");
  BOOST_TEST(records[2][column("train_rmse")] == "0.10049876");
  BOOST_TEST(records[2][column("validation_r2")] == "0.97625");
  BOOST_TEST(records[2][column("test_loss")] == "0.0144");
  // Columns that existed before regression keep their positions; the new ones follow.
  const std::vector<std::string> first(header.begin(), header.begin() + 14);
  BOOST_TEST(first == (std::vector<std::string>{"experiment", "model", "parameters", "train_loss", "train_accuracy",
                                                "validation_loss", "validation_accuracy", "test_loss",
                                                "test_accuracy", "epochs", "wall_seconds", "status", "error", "task"}),
             boost::test_tools::per_element());

  const std::string json = neurite::format_comparison({ok_run(), regression_run()}, TableFormat::json);
  BOOST_TEST_MESSAGE("\n" << json);
  BOOST_TEST(contains(json, R"("task": "classification")"));
  BOOST_TEST(contains(json, R"("task": "regression")"));
  BOOST_TEST(contains(json, R"("test_r2": 0.971234)"));
  BOOST_TEST(contains(json, R"("test_rmse": null)"));      // the classification run
  BOOST_TEST(contains(json, R"("test_accuracy": null)"));  // the regression run
  BOOST_TEST(contains(json, R"("train_accuracy": null, "validation_loss": 0.35)"));
  BOOST_TEST(contains(json, R"("train_rmse": 0.63, "train_r2": 0.2, "validation_rmse": 0.59, "validation_r2": 0.3)"));
  BOOST_TEST(!contains(json, "nan"));
}
