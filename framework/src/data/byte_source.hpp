// Sequential reading of a binary data file (IDX, NPY) that may be gzip
// compressed. Compression is detected by the gzip magic bytes (1f 8b), never
// by the file name. Offsets in messages count bytes of the decompressed data,
// which is what the format's header describes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

namespace neurite::data {
class ByteSource {
 public:
  /// Opens `path`; throws Error(ExitCode::data) naming it when it cannot.
  explicit ByteSource(std::string path);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  const std::string& path() const { return path_; }
  bool compressed() const { return gzip_ != nullptr; }
  /// Bytes delivered so far (decompressed).
  std::uint64_t offset() const { return offset_; }

  /// The most bytes that can still follow: exact for a plain file; for gzip
  /// the compressed bytes left times deflate's largest ratio (1032:1), so a
  /// forged header cannot make us allocate more than the file can hold.
  std::uint64_t remaining_bound() const;
  /// Exact for a plain file; false when compressed (then unknown until read).
  bool remaining_exact() const { return !compressed(); }

  /// ensures: `out` holds the next n bytes. Throws Error(data) when the data
  /// (or the compressed stream) ends first or the gzip stream is corrupt.
  /// `what` names what was being read ("the image data") for the message.
  void read(void* out, std::size_t n, const std::string& what);

  /// Reads to the end and returns how many bytes were left (0 at the end).
  std::uint64_t count_rest();

  /// Throws Error(ExitCode::data) at this file: "<path>: <message>".
  [[noreturn]] void fail(const std::string& message) const;

 private:
  struct Gzip;
  std::size_t read_some(char* out, std::size_t n);  // 0 only at the end of the data
  std::string path_;
  std::ifstream file_;
  std::uint64_t file_size_ = 0;
  std::uint64_t offset_ = 0;
  std::unique_ptr<Gzip> gzip_;
};
}  // namespace neurite::data
