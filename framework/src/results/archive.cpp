// Result archives (archive.hpp): RunResult through archive_codec.hpp.
#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>

#include "results/archive_codec.hpp"
#include "results/atomic_file.hpp"
#include "results/serialization.hpp"

#include <algorithm>
#include <filesystem>

namespace neurite {
namespace {
namespace fs = std::filesystem;
constexpr const char* kRoot = "result";  // the XML root element
}  // namespace

const char* to_string(ArchiveEncoding encoding) {
  switch (encoding) {
    case ArchiveEncoding::binary: return "binary";
    case ArchiveEncoding::text: return "text";
    case ArchiveEncoding::xml: return "xml";
  }
  return "?";
}

ArchiveEncoding parse_archive_encoding(const std::string& name) {
  for (auto e : {ArchiveEncoding::binary, ArchiveEncoding::text, ArchiveEncoding::xml})
    if (name == to_string(e)) return e;
  throw Error(ExitCode::usage, "unknown archive encoding '" + name + "' (known: binary, text, xml)");
}

std::string encode_result(const RunResult& result, ArchiveEncoding encoding) {
  return archive_codec::encode(result, kRoot, ArchiveKind::result, encoding);
}

std::string encode_result_file(const RunResult& result, const std::string& path, ArchiveEncoding encoding) {
  return archive_codec::encode_for_file(result, kRoot, ArchiveKind::result, path, encoding);
}

void write_result(const RunResult& result, const std::string& path, ArchiveEncoding encoding) {
  archive_codec::write(result, kRoot, ArchiveKind::result, path, encoding);
}

RunResult decode_result(std::string_view file_bytes, const std::string& source) {
  return archive_codec::decode<RunResult>(file_bytes, kRoot, ArchiveKind::result, source);
}

RunResult read_result(const std::string& path) {
  const std::string bytes = read_whole_file(path);
  return decode_result(bytes, path);
}

std::vector<RunResult> read_results(const std::vector<std::string>& paths) {
  std::vector<RunResult> results;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      results.push_back(read_result(path));
      continue;
    }
    std::vector<fs::path> files;
    try {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.path().extension() == ".neurite" && entry.is_regular_file())
          files.push_back(entry.path());
      }
    } catch (const fs::filesystem_error& e) {
      throw archive_codec::data_error(path, std::string("cannot list directory: ") + e.code().message());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) results.push_back(read_result(file.string()));
  }
  return results;
}

std::string result_file_name(const RunResult& result) {
  std::string name = result.name.empty() ? std::string("unnamed") : result.name;
  for (char& c : name) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return name + ".neurite";
}
}  // namespace neurite
