// ByteSource: plain files are read directly; gzip files are inflated with
// zlib as they are read (inflateInit2 with 16 + MAX_WBITS accepts gzip
// framing only and checks the trailer's CRC-32 and length). A file of several
// gzip members (`cat a.gz b.gz`) reads as their concatenation, as gunzip does.
#include "data/byte_source.hpp"

#include <neurite/errors.hpp>

#include <zlib.h>

#include <array>
#include <filesystem>
#include <vector>

namespace neurite::data {
namespace {
constexpr std::uint64_t kMaxDeflateRatio = 1032;  // zlib's technical note: 1032:1 at best
constexpr std::size_t kInputChunk = 1 << 16;
}  // namespace

struct ByteSource::Gzip {
  z_stream z{};
  std::vector<unsigned char> input = std::vector<unsigned char>(kInputChunk);
  std::uint64_t compressed_read = 0;  // bytes of the file handed to zlib so far
  bool member_done = false;           // the current gzip member ended (Z_STREAM_END)
  bool finished = false;              // no more data: the last member ended at the file's end
  ~Gzip() { inflateEnd(&z); }
};

ByteSource::ByteSource(std::string path) : path_(std::move(path)) {
  file_.open(path_, std::ios::binary | std::ios::ate);
  if (!file_) {
    std::error_code ec;
    throw Error(ExitCode::data, SourceLocation{path_},
                std::filesystem::exists(path_, ec) ? "cannot open the file" : "no such file");
  }
  file_size_ = static_cast<std::uint64_t>(file_.tellg());
  file_.seekg(0);
  std::array<unsigned char, 2> magic{};
  file_.read(reinterpret_cast<char*>(magic.data()), 2);
  const bool gzip = file_.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  file_.clear();
  file_.seekg(0);
  if (!gzip) return;
  gzip_ = std::make_unique<Gzip>();
  if (inflateInit2(&gzip_->z, 16 + MAX_WBITS) != Z_OK) fail("cannot initialise zlib");
}

ByteSource::~ByteSource() = default;

std::uint64_t ByteSource::remaining_bound() const {
  if (!gzip_) return file_size_ - offset_;
  const std::uint64_t left = file_size_ - gzip_->compressed_read + gzip_->z.avail_in;
  return left * kMaxDeflateRatio;
}

void ByteSource::fail(const std::string& message) const {
  throw Error(ExitCode::data, SourceLocation{path_}, message);
}

std::size_t ByteSource::read_some(char* out, std::size_t n) {
  if (!gzip_) {
    file_.read(out, static_cast<std::streamsize>(n));
    return static_cast<std::size_t>(file_.gcount());
  }
  Gzip& g = *gzip_;
  if (g.finished) return 0;
  g.z.next_out = reinterpret_cast<Bytef*>(out);
  g.z.avail_out = static_cast<uInt>(n);
  while (g.z.avail_out == n) {  // until at least one byte came out
    if (g.z.avail_in == 0) {
      file_.read(reinterpret_cast<char*>(g.input.data()), static_cast<std::streamsize>(g.input.size()));
      const auto got = static_cast<std::size_t>(file_.gcount());
      g.compressed_read += got;
      g.z.next_in = g.input.data();
      g.z.avail_in = static_cast<uInt>(got);
      if (got == 0) {
        if (g.member_done) {
          g.finished = true;
          return 0;
        }
        fail("truncated gzip stream: the compressed data ends after " + std::to_string(offset_) +
             " decompressed bytes, before the gzip trailer");
      }
    }
    if (g.member_done) {  // more input after a member's end: the next member
      inflateReset(&g.z);
      g.member_done = false;
    }
    const int ret = inflate(&g.z, Z_NO_FLUSH);
    if (ret == Z_STREAM_END) {
      g.member_done = true;
    } else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT) {
      const std::uint64_t at = g.compressed_read - g.z.avail_in;
      fail("corrupt gzip data near compressed byte " + std::to_string(at) + " (" +
           (g.z.msg ? g.z.msg : "invalid deflate data") + ")");
    } else if (ret == Z_MEM_ERROR) {
      fail("out of memory while decompressing");
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      fail("zlib error " + std::to_string(ret) + " while decompressing");
    }
  }
  return n - g.z.avail_out;
}

void ByteSource::read(void* out, std::size_t n, const std::string& what) {
  char* to = static_cast<char*>(out);
  std::size_t done = 0;
  while (done < n) {
    // zlib counts in uInt: read at most 1 GiB per call.
    const std::size_t want = std::min<std::size_t>(n - done, std::size_t{1} << 30);
    const std::size_t got = read_some(to + done, want);
    if (got == 0) {
      fail("truncated: " + what + " needs " + std::to_string(n) + " bytes from byte " +
           std::to_string(offset_ - done) + ", but the " + (gzip_ ? "decompressed data ends" : "file ends") +
           " at byte " + std::to_string(offset_));
    }
    done += got;
    offset_ += got;
  }
}

std::uint64_t ByteSource::count_rest() {
  std::array<char, 1 << 14> scratch;
  std::uint64_t rest = 0;
  for (std::size_t got; (got = read_some(scratch.data(), scratch.size())) > 0;) rest += got;
  offset_ += rest;
  return rest;
}
}  // namespace neurite::data
