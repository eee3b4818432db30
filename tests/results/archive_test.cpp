// Mirrors framework/src/results/archive.cpp: result files round-trip exactly
// in every encoding, writes are atomic, and every kind of damaged file is a
// clear Error(data) naming the file, never a crash. The header's own checks
// against committed malformed files: archive_header_test.cpp.
#define BOOST_TEST_MODULE results_archive
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>

#include <boost/crc.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <cmath>
#include <ostream>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
namespace bdata = boost::unit_test::data;
using neurite::ArchiveEncoding;
using neurite::ExitCode;
using neurite::RunResult;

namespace boost::test_tools::tt_detail {  // test names print the encoding
template <>
struct print_log_value<ArchiveEncoding> {
  void operator()(std::ostream& out, ArchiveEncoding e) { out << neurite::to_string(e); }
};
}  // namespace boost::test_tools::tt_detail

namespace {
constexpr std::size_t kHeaderSize = 32;  // format 2
const auto kEncodings = bdata::make({ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml});

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A fresh directory under the system temp dir, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path = fs::temp_directory_path() /
           ("neurite_archive_test." + std::to_string(::getpid()) + "." +
            std::to_string(counter++) + "." + std::to_string(random()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

RunResult full_result() {
  RunResult r;
  r.name = "moons-mlp[units=16]";
  r.source_file = "examples/moons.yaml";
  r.yaml_text = "name: moons-mlp\nseed: 7\nmodel:\n  - dense: {units: 16}\n";
  r.seed = 0xDEADBEEFCAFEull;
  r.model_summary = "dense(16) tanh dense(2)";
  r.loss = "softmax_cross_entropy";
  r.optimizer = "adam";
  r.status = neurite::RunStatus::diverged;
  r.error = "diverged: loss is NaN at epoch 3";
  r.parameter_count = 82;
  r.epochs_run = 3;
  r.threads = 4;
  r.wall_seconds = 0.4217;
  for (int e = 1; e <= 3; ++e) {
    neurite::EpochMetrics m;
    m.epoch = e;
    m.train_loss = 1.0 / e;
    m.train_accuracy = 0.5 + 0.1 * e;
    m.validation_loss = e == 3 ? std::numeric_limits<double>::quiet_NaN() : 0.9 / e;
    m.validation_accuracy = 0.45 + 0.1 * e;
    m.seconds = 0.01 * e;
    m.learning_rate = 0.1 / e;
    m.train_rmse = 0.25 / e;
    m.train_r2 = 0.5 + 0.01 * e;
    m.validation_rmse = e == 2 ? std::numeric_limits<double>::quiet_NaN() : 0.3 / e;
    m.validation_r2 = -0.125 * e;
    r.history.push_back(m);
  }
  r.train = {700, 0.0712, 0.973, 0.26, 0.91};
  r.validation = {150, 0.0801, 0.96, 0.31, -0.5};
  r.test = {0, 0.0, 0.0};
  neurite::StoredParameter w{"0.dense", "weight", 2, 3, true, {1.5f, -2.25f, 0.0f, 3e-8f, -0.0f, 7.0f}};
  neurite::StoredParameter b{"0.dense", "bias", 1, 3, false, {0.1f, 0.2f, 0.3f}};
  r.parameters = {w, b};
  r.neurite_version = "0.1.0";
  r.plugins = {{"neurite_layers", "0.1.0", "/usr/lib/neurite/plugins/libneurite_layers.so"},
               {"neurite_activations", "0.1.0", "/usr/lib/neurite/plugins/libneurite_activations.so"}};
  r.optimizer_state = {{"optimizer", "0.exp_avg", 2, 3, false, {0.5f, 0.25f, -1.0f, 0.0f, 2.0f, 3.0f}},
                       {"optimizer", "0.step", 1, 1, false, {7.0f}}};
  r.regression = true;
  r.class_names = {"setosa", "versicolor", "", "virginica \xce\xb1"};
  r.feature_names = {"sepal length", "petal,width"};
  r.stop_reason = "early_stopping";
  r.restored_epoch = 2;
  r.experiment = "moons-mlp";
  r.settings = {{"units", "model.0.dense.units", "20"}, {"seed", "seed", "2"}};
  r.cpu_seconds = 1.25;
  r.test.confusion = {5, 1, 0, 7};
  r.preprocessing.scale = "standard";
  r.preprocessing.impute = "median";
  r.preprocessing.label_column = "species";
  r.preprocessing.class_names = {"a", "b"};
  r.preprocessing.columns = {{"colour", true, {"blue", "red"}, 0.0, "red"}, {"size", false, {}, 2.5, ""}};
  r.preprocessing.feature_names = {"colour=blue", "colour=red", "size"};
  r.preprocessing.shift = {0.0, 0.0, 1.5};
  r.preprocessing.divisor = {1.0, 1.0, 0.25};
  return r;
}

bool same(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void check_same(const RunResult& a, const RunResult& b) {
  BOOST_TEST(a.name == b.name);
  BOOST_TEST(a.source_file == b.source_file);
  BOOST_TEST(a.yaml_text == b.yaml_text);
  BOOST_TEST(a.seed == b.seed);
  BOOST_TEST(a.model_summary == b.model_summary);
  BOOST_TEST(a.loss == b.loss);
  BOOST_TEST(a.optimizer == b.optimizer);
  BOOST_TEST(static_cast<int>(a.status) == static_cast<int>(b.status));
  BOOST_TEST(a.error == b.error);
  BOOST_TEST(a.parameter_count == b.parameter_count);
  BOOST_TEST(a.epochs_run == b.epochs_run);
  BOOST_TEST(a.threads == b.threads);
  BOOST_TEST(same(a.wall_seconds, b.wall_seconds));
  BOOST_TEST_REQUIRE(a.history.size() == b.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    const auto &x = a.history[i], &y = b.history[i];
    BOOST_TEST_INFO("epoch " << i);
    BOOST_TEST((x.epoch == y.epoch && same(x.train_loss, y.train_loss) &&
                same(x.train_accuracy, y.train_accuracy) && same(x.validation_loss, y.validation_loss) &&
                same(x.validation_accuracy, y.validation_accuracy) && same(x.seconds, y.seconds) &&
                same(x.learning_rate, y.learning_rate) && same(x.train_rmse, y.train_rmse) &&
                same(x.train_r2, y.train_r2) && same(x.validation_rmse, y.validation_rmse) &&
                same(x.validation_r2, y.validation_r2)));
  }
  for (auto [x, y] : {std::pair{&a.train, &b.train}, {&a.validation, &b.validation}, {&a.test, &b.test}})
    BOOST_TEST((x->samples == y->samples && same(x->loss, y->loss) && same(x->accuracy, y->accuracy) &&
                same(x->rmse, y->rmse) && same(x->r2, y->r2)));
  BOOST_TEST(a.regression == b.regression);
  BOOST_TEST(a.class_names == b.class_names, boost::test_tools::per_element());
  BOOST_TEST(a.feature_names == b.feature_names, boost::test_tools::per_element());
  BOOST_TEST(a.stop_reason == b.stop_reason);
  BOOST_TEST(a.restored_epoch == b.restored_epoch);
  BOOST_TEST(a.experiment == b.experiment);
  BOOST_TEST(a.cpu_seconds == b.cpu_seconds);
  BOOST_TEST(a.test.confusion == b.test.confusion, boost::test_tools::per_element());
  const auto &p = a.preprocessing, &q = b.preprocessing;
  BOOST_TEST((p.scale == q.scale && p.impute == q.impute && p.label_column == q.label_column));
  BOOST_TEST(p.class_names == q.class_names, boost::test_tools::per_element());
  BOOST_TEST(p.feature_names == q.feature_names, boost::test_tools::per_element());
  BOOST_TEST(p.shift == q.shift, boost::test_tools::per_element());
  BOOST_TEST(p.divisor == q.divisor, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(p.columns.size() == q.columns.size());
  for (std::size_t i = 0; i < p.columns.size(); ++i)
    BOOST_TEST((p.columns[i].name == q.columns[i].name && p.columns[i].categorical == q.columns[i].categorical &&
                p.columns[i].categories == q.columns[i].categories &&
                p.columns[i].fill_number == q.columns[i].fill_number &&
                p.columns[i].fill_category == q.columns[i].fill_category));
  BOOST_TEST_REQUIRE(a.settings.size() == b.settings.size());
  for (std::size_t i = 0; i < a.settings.size(); ++i)
    BOOST_TEST((a.settings[i].label == b.settings[i].label && a.settings[i].path == b.settings[i].path &&
                a.settings[i].value == b.settings[i].value));
  BOOST_TEST_REQUIRE(a.parameters.size() == b.parameters.size());
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    const auto &x = a.parameters[i], &y = b.parameters[i];
    BOOST_TEST(x.layer == y.layer);
    BOOST_TEST(x.name == y.name);
    BOOST_TEST(x.rows == y.rows);
    BOOST_TEST(x.cols == y.cols);
    BOOST_TEST(x.trainable == y.trainable);
    BOOST_TEST_REQUIRE(x.values.size() == y.values.size());
    for (std::size_t k = 0; k < x.values.size(); ++k)
      BOOST_TEST(std::bit_cast<std::uint32_t>(x.values[k]) == std::bit_cast<std::uint32_t>(y.values[k]));
  }
  BOOST_TEST(a.neurite_version == b.neurite_version);
  BOOST_TEST_REQUIRE(a.optimizer_state.size() == b.optimizer_state.size());
  for (std::size_t i = 0; i < a.optimizer_state.size(); ++i) {
    BOOST_TEST(a.optimizer_state[i].name == b.optimizer_state[i].name);
    BOOST_TEST((a.optimizer_state[i].values == b.optimizer_state[i].values));
  }
  BOOST_TEST_REQUIRE(a.plugins.size() == b.plugins.size());
  for (std::size_t i = 0; i < a.plugins.size(); ++i) {
    BOOST_TEST(a.plugins[i].library == b.plugins[i].library);
    BOOST_TEST(a.plugins[i].version == b.plugins[i].version);
    BOOST_TEST(a.plugins[i].file == b.plugins[i].file);
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>(v >> (8 * i));
}

void put_u64(std::string& bytes, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>(v >> (8 * i));
}

// Makes the header consistent with a (possibly damaged) payload, so the bytes
// get past neurite's own checks and reach Boost.
std::string with_valid_header(std::string bytes) {
  const std::string payload = bytes.substr(kHeaderSize);
  boost::crc_32_type crc;
  crc.process_bytes(payload.data(), payload.size());
  put_u64(bytes, 20, payload.size());
  put_u32(bytes, 28, crc.checksum());
  return bytes;
}

// Runs f, which must throw Error(data) whose message names `path` and contains `what`.
template <class F>
void expect_data_error(F f, const std::string& path, const std::string& what) {
  try {
    f();
  } catch (const neurite::Error& e) {
    const std::string message = e.what();
    BOOST_TEST_INFO("message: " << message);
    BOOST_TEST((e.code() == ExitCode::data));
    BOOST_TEST(message.find(path) != std::string::npos);
    BOOST_TEST(message.find(what) != std::string::npos);
    return;
  }
  BOOST_ERROR("no neurite::Error thrown; expected one containing '" << what << "'");
}

void expect_read_error(const std::string& path, const std::string& what) {
  expect_data_error([&] { neurite::read_result(path); }, path, what);
}

struct Written {  // a result file in a temp dir, and its bytes
  TempDir dir;
  std::string path = dir.file("run.neurite");
  std::string bytes;
  explicit Written(ArchiveEncoding encoding = ArchiveEncoding::binary) {
    neurite::write_result(full_result(), path, encoding);
    bytes = slurp(path);
  }
};
}  // namespace

BOOST_DATA_TEST_CASE(round_trip_preserves_every_field, kEncodings, encoding) {
  TempDir dir;
  const std::string path = dir.file("run.neurite");
  const RunResult original = full_result();
  neurite::write_result(original, path, encoding);
  check_same(original, neurite::read_result(path));
}

BOOST_DATA_TEST_CASE(round_trip_of_an_empty_result, kEncodings, encoding) {
  TempDir dir;
  const std::string path = dir.file("empty.neurite");
  neurite::write_result(RunResult{}, path, encoding);
  check_same(RunResult{}, neurite::read_result(path));
}

// Strings are bytes: control characters, NUL, markup and invalid UTF-8 survive
// every encoding (XML escapes what it must and keeps the rest as it is).
BOOST_DATA_TEST_CASE(strings_of_any_bytes_round_trip, kEncodings, encoding) {
  RunResult r = full_result();
  r.yaml_text = std::string(" lead\n\ttab\r\n<x a=\"1\">&amp;</x> ]]> \x01\x7f\xff\xce", 40) + '\0' + "end ";
  r.class_names = {"", " ", "\n", std::string(1, '\0')};
  r.error = std::string(70000, 'e');  // longer than one chunk of a flat sequence
  TempDir dir;
  neurite::write_result(r, dir.file("run.neurite"), encoding);
  check_same(r, neurite::read_result(dir.file("run.neurite")));
}

BOOST_DATA_TEST_CASE(file_starts_with_the_documented_header, kEncodings, encoding) {
  Written w(encoding);
  BOOST_TEST_REQUIRE(w.bytes.size() > kHeaderSize);
  BOOST_TEST(w.bytes.substr(0, 8) == std::string("NEURITE\0", 8));
  BOOST_TEST(w.bytes[8] == 2);    // format version
  BOOST_TEST(w.bytes[12] == 1);   // kind: run result
  BOOST_TEST(w.bytes[16] == static_cast<char>(encoding));
  std::uint64_t length = 0;
  for (int i = 0; i < 8; ++i) length |= std::uint64_t(static_cast<unsigned char>(w.bytes[20 + i])) << (8 * i);
  BOOST_TEST(length == w.bytes.size() - kHeaderSize);
  BOOST_TEST(neurite::encode_result(full_result(), encoding) == w.bytes);
}

BOOST_AUTO_TEST_CASE(text_and_xml_payloads_are_boost_archives) {
  const std::string text = Written(ArchiveEncoding::text).bytes.substr(kHeaderSize);
  BOOST_TEST(text.rfind("22 serialization::archive ", 0) == 0u);
  const std::string xml = Written(ArchiveEncoding::xml).bytes.substr(kHeaderSize);
  BOOST_TEST(xml.rfind("<?xml", 0) == 0u);
  BOOST_TEST(xml.find("<name>moons-mlp[units=16]</name>") != std::string::npos);
  BOOST_TEST(xml.find("<validation_loss>nan</validation_loss>") != std::string::npos);
  BOOST_TEST(xml.find("<item>-0.000000000e+00</item>") != std::string::npos);  // the sign of zero
}

BOOST_AUTO_TEST_CASE(archive_encoding_names) {
  for (auto e : {ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml})
    BOOST_TEST((neurite::parse_archive_encoding(neurite::to_string(e)) == e));
  try {
    neurite::parse_archive_encoding("json");
    BOOST_ERROR("no error");
  } catch (const neurite::Error& e) {
    BOOST_TEST((e.code() == ExitCode::usage));
    BOOST_TEST(std::string(e.what()) == "unknown archive encoding 'json' (known: binary, text, xml)");
  }
}

BOOST_AUTO_TEST_CASE(write_leaves_no_temporary_file) {
  TempDir dir;
  neurite::write_result(full_result(), dir.file("a.neurite"));
  neurite::write_result(full_result(), dir.file("b.neurite"));
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  BOOST_TEST(names == (std::vector<std::string>{"a.neurite", "b.neurite"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(write_creates_missing_parent_directories) {
  TempDir dir;
  const std::string path = dir.file("x/y/z/run.neurite");
  neurite::write_result(full_result(), path);
  BOOST_TEST(neurite::read_result(path).name == full_result().name);
}

BOOST_AUTO_TEST_CASE(write_overwrites_an_existing_result) {
  TempDir dir;
  const std::string path = dir.file("run.neurite");
  neurite::write_result(full_result(), path);
  RunResult second = full_result();
  second.name = "second";
  second.parameters.clear();
  neurite::write_result(second, path);
  check_same(second, neurite::read_result(path));
  BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(failed_write_names_the_file_and_leaves_no_temporary) {
  TempDir dir;
  const std::string path = dir.file("taken.neurite");
  fs::create_directories(fs::path(path) / "occupied");  // a non-empty directory: rename fails
  expect_data_error([&] { neurite::write_result(full_result(), path); }, path, "cannot rename");
  BOOST_TEST(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(write_into_a_file_as_directory_is_a_data_error) {
  TempDir dir;
  spit(dir.file("plain"), "x");
  const std::string path = dir.file("plain/run.neurite");
  expect_data_error([&] { neurite::write_result(full_result(), path); }, path, "directory");
}

BOOST_AUTO_TEST_CASE(missing_file_is_a_data_error) {
  TempDir dir;
  expect_read_error(dir.file("nothing.neurite"), "no such file");
}

BOOST_AUTO_TEST_CASE(directory_is_not_a_result_file) {
  TempDir dir;
  expect_read_error(dir.path.string(), "is a directory");
}

BOOST_AUTO_TEST_CASE(empty_file_is_a_data_error) {
  TempDir dir;
  spit(dir.file("empty.neurite"), "");
  expect_read_error(dir.file("empty.neurite"), "empty file");
}

BOOST_AUTO_TEST_CASE(wrong_magic_is_a_data_error) {
  Written w;
  std::string bytes = w.bytes;
  bytes[0] = 'X';
  spit(w.path, bytes);
  expect_read_error(w.path, "bad magic");
  spit(w.path, "name: moons-mlp\nseed: 7\n");  // someone passed a YAML file
  expect_read_error(w.path, "bad magic");
}

BOOST_DATA_TEST_CASE(truncated_file_is_a_data_error_at_every_cut, kEncodings, encoding) {
  Written w(encoding);
  const std::size_t size = w.bytes.size();
  for (std::size_t cut : {std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{20},
                          kHeaderSize - 1, kHeaderSize, kHeaderSize + 1, size / 2, size - 1}) {
    BOOST_TEST_CONTEXT("cut at " << cut << " of " << size) {
      spit(w.path, w.bytes.substr(0, cut));
      expect_read_error(w.path, "truncated");
    }
  }
}

BOOST_DATA_TEST_CASE(flipped_payload_byte_is_a_checksum_error, kEncodings, encoding) {
  Written w(encoding);
  for (std::size_t at : {kHeaderSize, kHeaderSize + 40, w.bytes.size() / 2, w.bytes.size() - 1}) {
    BOOST_TEST_CONTEXT("byte " << at) {
      std::string bytes = w.bytes;
      bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
      spit(w.path, bytes);
      expect_read_error(w.path, "checksum mismatch");
    }
  }
}

BOOST_AUTO_TEST_CASE(wrong_kind_is_a_data_error) {
  Written w;
  std::string bytes = w.bytes;
  put_u32(bytes, 12, 2);
  spit(w.path, bytes);
  expect_read_error(w.path, "is a checkpoint archive, not a result");
}

BOOST_AUTO_TEST_CASE(newer_format_version_names_found_and_supported) {
  Written w;
  std::string bytes = w.bytes;
  put_u32(bytes, 8, 3);
  spit(w.path, bytes);
  expect_read_error(w.path, "written by a newer neurite: format 3, this build reads up to 2");
}

BOOST_AUTO_TEST_CASE(trailing_bytes_are_a_data_error) {
  Written w;
  spit(w.path, w.bytes + "junk");
  expect_read_error(w.path, "unexpected bytes");
}

BOOST_AUTO_TEST_CASE(huge_payload_length_is_rejected_before_reading) {
  Written w;
  std::string bytes = w.bytes;
  put_u64(bytes, 20, std::uint64_t{1} << 62);
  spit(w.path, bytes);
  expect_read_error(w.path, "truncated");
}

// Damage behind a valid header and checksum reaches Boost itself: still
// Error(data), also where Boost would stop early without a word (the end of a
// text archive, the closing tag of an XML archive).
BOOST_DATA_TEST_CASE(damaged_payload_with_valid_checksum_is_a_data_error, kEncodings, encoding) {
  Written w(encoding);
  const std::string_view whole = trimmed(std::string_view(w.bytes).substr(kHeaderSize));
  for (std::size_t end = kHeaderSize; end < w.bytes.size(); end += 7) {
    if (encoding == ArchiveEncoding::xml && trimmed(std::string_view(w.bytes).substr(kHeaderSize, end - kHeaderSize)) == whole)
      continue;  // only trailing white space removed: still a whole XML archive
    BOOST_TEST_CONTEXT("payload cut at " << end) {
      spit(w.path, with_valid_header(w.bytes.substr(0, end)));
      expect_read_error(w.path, "corrupt");
    }
  }
  if (encoding != ArchiveEncoding::xml) {
    spit(w.path, with_valid_header(w.bytes + (encoding == ArchiveEncoding::binary ? "x" : "\n7\n")));
    expect_read_error(w.path, "unexpected bytes after the result");
    return;
  }
  spit(w.path, with_valid_header(w.bytes + "<extra/>\n"));
  expect_read_error(w.path, "no closing </boost_serialization>");
  std::string bytes = w.bytes;
  bytes.insert(bytes.rfind("</boost_serialization>"), "<extra/>\n");
  spit(w.path, with_valid_header(bytes));
  expect_read_error(w.path, "8 unexpected bytes after the result");
}

// Every byte flipped three ways behind a valid header: loads or Error(data).
BOOST_DATA_TEST_CASE(any_flipped_payload_byte_with_valid_checksum_never_crashes, kEncodings, encoding) {
  const std::string file = Written(encoding).bytes;
  const std::string source = "flipped.neurite";
  int errors = 0;
  std::vector<std::string> version_errors;
  for (std::size_t at = kHeaderSize; at < file.size(); ++at) {
    for (unsigned char mask : {0x01, 0x80, 0xff}) {
      std::string bytes = file;
      bytes[at] = static_cast<char>(bytes[at] ^ mask);
      try {
        neurite::decode_result(with_valid_header(bytes), source);  // may load: a flipped float is still a float
      } catch (const neurite::Error& e) {
        ++errors;
        BOOST_TEST_INFO("byte " << at << ": " << e.what());
        BOOST_TEST((e.code() == ExitCode::data));
        BOOST_TEST(std::string(e.what()).find(source + ": ") == 0u);
        if (std::string(e.what()).find("neurite::") != std::string::npos) version_errors.push_back(e.what());
      }
    }
  }
  BOOST_TEST(errors > 0);
  // Some flip hits a stored class version: the message names class, found and supported.
  if (encoding == ArchiveEncoding::binary) BOOST_TEST_REQUIRE(!version_errors.empty());
  if (!version_errors.empty()) BOOST_TEST_MESSAGE("e.g. " << version_errors.front());
  for (const std::string& message : version_errors) {
    const bool older = message.find(source + ": unsupported version ") == 0u &&
                       (message.find("(supported: 1..1)") != std::string::npos ||
                        message.find("(supported: 1..2)") != std::string::npos ||
                        message.find("(supported: 1..3)") != std::string::npos);
    const bool newer = message.find(source + ": written by a newer neurite: neurite::") == 0u &&
                       message.find(", this build reads up to ") != std::string::npos;
    BOOST_TEST((older || newer), message);
  }
}

BOOST_AUTO_TEST_CASE(read_results_searches_directories_recursively_in_path_order) {
  TempDir dir;
  const auto write_named = [&](const std::string& relative, const std::string& name) {
    RunResult r = full_result();
    r.name = name;
    neurite::write_result(r, dir.file(relative));
  };
  write_named("b/z.neurite", "b/z");
  write_named("a.neurite", "a");
  write_named("b/a/deep/c.neurite", "b/a/deep/c");
  write_named("c.neurite", "c");
  spit(dir.file("b/notes.txt"), "not a result");
  spit(dir.file("b/z.neurite.tmp.1.0"), "a temporary from a crashed writer");
  RunResult single = full_result();
  single.name = "single";
  const std::string single_path = dir.file("elsewhere/single.result");  // any name when explicit
  neurite::write_result(single, single_path);

  std::vector<std::string> names;
  for (const RunResult& r : neurite::read_results({single_path, dir.file("b"), dir.file("a.neurite")}))
    names.push_back(r.name);
  BOOST_TEST(names == (std::vector<std::string>{"single", "b/a/deep/c", "b/z", "a"}),
             boost::test_tools::per_element());

  names.clear();
  for (const RunResult& r : neurite::read_results({dir.path.string()})) names.push_back(r.name);
  BOOST_TEST(names == (std::vector<std::string>{"a", "b/a/deep/c", "b/z", "c"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(read_results_reports_the_damaged_file) {
  TempDir dir;
  neurite::write_result(full_result(), dir.file("good.neurite"));
  spit(dir.file("sub/bad.neurite"), "garbage");
  expect_data_error([&] { neurite::read_results({dir.path.string()}); }, dir.file("sub/bad.neurite"),
                    "bad magic");
  expect_data_error([&] { neurite::read_results({dir.file("missing")}); }, dir.file("missing"),
                    "no such file");
}

BOOST_AUTO_TEST_CASE(result_file_name_replaces_unsafe_characters) {
  RunResult r;
  r.name = "moons-mlp";
  BOOST_TEST(neurite::result_file_name(r) == "moons-mlp.neurite");
  r.name = "sweep/units=16 lr:0.1";
  BOOST_TEST(neurite::result_file_name(r) == "sweep_units_16_lr_0.1.neurite");
  r.name = "v1.2_final-B";
  BOOST_TEST(neurite::result_file_name(r) == "v1.2_final-B.neurite");
  r.name = "";
  BOOST_TEST(neurite::result_file_name(r) == "unnamed.neurite");
  r.name = "caf\xc3\xa9";
  BOOST_TEST(neurite::result_file_name(r) == "caf__.neurite");
}

// Archives written before RunResult and EpochMetrics grew to version 2 (no
// learning rate per epoch, no optimizer state) still load: a committed file
// written by the version-1 build (XOR MLP of experiments/logreg-vs-mlp).
BOOST_AUTO_TEST_CASE(a_version_1_archive_still_loads) {
  const std::string path = std::string(NEURITE_SOURCE_DIR) + "/tests/results/archives/v1-xor-mlp.neurite";
  const RunResult r = neurite::read_result(path);
  BOOST_TEST(r.name == "xor-mlp");
  BOOST_TEST(r.epochs_run > 0);
  BOOST_TEST(r.history.size() == static_cast<std::size_t>(r.epochs_run));
  BOOST_TEST(r.history.front().learning_rate == 0.0);  // not stored in version 1
  BOOST_TEST(r.optimizer_state.empty());
  BOOST_TEST(!r.parameters.empty());
  BOOST_TEST(r.train.accuracy == 1.0);
  // Fields of version 3 (regression scores, the data set's names) read as "not there".
  BOOST_TEST(!r.regression);
  BOOST_TEST(r.class_names.empty());
  BOOST_TEST(r.feature_names.empty());
  BOOST_TEST(std::isnan(r.train.rmse));
  BOOST_TEST(std::isnan(r.test.r2));
  BOOST_TEST(std::isnan(r.history.back().validation_r2));
  BOOST_TEST(r.stop_reason.empty());
  BOOST_TEST(r.restored_epoch == 0);
}

// Archives of version 2 (learning rate and optimizer state, no regression
// fields): the moons MLP result of experiments/logreg-vs-mlp as the version-2
// build wrote it.
BOOST_AUTO_TEST_CASE(a_version_2_archive_still_loads) {
  const std::string path = std::string(NEURITE_SOURCE_DIR) + "/tests/results/archives/v2-moons-mlp.neurite";
  const RunResult r = neurite::read_result(path);
  BOOST_TEST(r.name == "moons-mlp");
  BOOST_TEST(r.epochs_run == 200);
  BOOST_TEST(r.history.size() == 200u);
  BOOST_TEST(r.history.front().learning_rate == 0.01);
  BOOST_TEST(!r.optimizer_state.empty());
  BOOST_TEST(r.test.samples == 150u);
  BOOST_TEST(r.test.accuracy > 0.9);
  BOOST_TEST(!r.regression);
  BOOST_TEST(r.class_names.empty());
  BOOST_TEST(std::isnan(r.test.rmse));
  BOOST_TEST(std::isnan(r.history.front().train_r2));
}
