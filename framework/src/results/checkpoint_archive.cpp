#include <neurite/results/checkpoint_archive.hpp>

#include "results/archive_codec.hpp"
#include "results/atomic_file.hpp"
#include "results/checkpoint_serialization.hpp"

namespace neurite {
namespace {
constexpr const char* kRoot = "checkpoint";  // the XML root element
}  // namespace

void write_checkpoint(const TrainingCheckpoint& checkpoint, const std::string& path, ArchiveEncoding encoding) {
  archive_codec::write(checkpoint, kRoot, ArchiveKind::checkpoint, path, encoding);
}

std::string encode_checkpoint(const TrainingCheckpoint& checkpoint, ArchiveEncoding encoding) {
  return archive_codec::encode(checkpoint, kRoot, ArchiveKind::checkpoint, encoding);
}

TrainingCheckpoint decode_checkpoint(std::string_view file_bytes, const std::string& source) {
  return archive_codec::decode<TrainingCheckpoint>(file_bytes, kRoot, ArchiveKind::checkpoint, source);
}

TrainingCheckpoint read_checkpoint(const std::string& path) { return decode_checkpoint(read_whole_file(path), path); }

std::string checkpoint_file_name(const std::string& run_name) {
  RunResult named;
  named.name = run_name;
  std::string file = result_file_name(named);
  return file.substr(0, file.size() - std::string(".neurite").size()) + ".checkpoint";
}
}  // namespace neurite
