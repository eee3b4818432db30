// Encoding and decoding any stored root type (RunResult, TrainingCheckpoint)
// as a neurite archive: the header (archive_header.hpp) around a Boost archive
// in binary, text or XML. Used by archive.cpp and checkpoint_archive.cpp.
//
// Before a byte reaches Boost the header is checked, and the payload length
// compared with the file size: a truncated or corrupt file is a clear error,
// never a crash or an allocation the file cannot justify. After Boost, the
// payload must have been read to its end (text and XML: up to white space and
// the closing tag), so damage that Boost itself would let pass is reported too.
#pragma once
#include <neurite/errors.hpp>
#include <neurite/results/archive.hpp>

#include "results/archive_header.hpp"
#include "results/atomic_file.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/basic_archive.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/archive/xml_iarchive.hpp>
#include <boost/archive/xml_oarchive.hpp>
#include <boost/math/special_functions/nonfinite_num_facets.hpp>
#include <boost/serialization/nvp.hpp>

#include <bit>
#include <istream>
#include <locale>
#include <new>
#include <sstream>
#include <string>
#include <string_view>

namespace neurite::archive_codec {
inline Error data_error(const std::string& source, const std::string& what) {
  return Error(ExitCode::data, source + ": " + what);
}

// The binary payload is a native archive of fixed-width fields, written and
// read on little-endian machines only (the header is little-endian everywhere).
inline void require_little_endian(const std::string& source) {
  if constexpr (std::endian::native != std::endian::little)
    throw data_error(source, "binary archives need a little-endian machine; use the text or xml encoding");
}

// Text and XML archives print NaN and infinities ("nan", "-inf") and a signed
// zero; the classic locale alone writes "nan" but cannot read it back.
inline const std::locale& text_locale() {
  static const std::locale locale = [] {
    const std::locale with_put(std::locale::classic(),
                               new boost::math::nonfinite_num_put<char>(boost::math::signed_zero));
    return std::locale(with_put, new boost::math::nonfinite_num_get<char>);
  }();
  return locale;
}

// Reads a byte range in place (Boost needs a streambuf; no copy of the payload).
class SpanBuf : public std::streambuf {
 public:
  explicit SpanBuf(std::string_view bytes) {
    char* b = const_cast<char*>(bytes.data());  // get area only: never written through
    setg(b, b, b + bytes.size());
  }
  std::string_view rest() const { return {gptr(), static_cast<std::size_t>(egptr() - gptr())}; }
};

inline constexpr unsigned kTextFlags = boost::archive::no_codecvt;  // keep text_locale()

template <class OArchive, class T>
std::string save_text(const T& value, const char* name) {
  std::ostringstream out;
  out.imbue(text_locale());
  {
    OArchive archive(out, kTextFlags);
    archive << boost::serialization::make_nvp(name, const_cast<T&>(value));
  }
  return std::move(out).str();
}

template <class T>
std::string save_payload(const T& value, const char* name, ArchiveEncoding encoding) {
  switch (encoding) {
    case ArchiveEncoding::text: return save_text<boost::archive::text_oarchive>(value, name);
    case ArchiveEncoding::xml: return save_text<boost::archive::xml_oarchive>(value, name);
    case ArchiveEncoding::binary: break;
  }
  std::stringbuf buffer(std::ios::out | std::ios::binary);
  {
    boost::archive::binary_oarchive archive(buffer);
    archive << boost::serialization::make_nvp(name, const_cast<T&>(value));
  }
  return std::move(buffer).str();
}

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Boost reads its own signature as a string of the stored length, allocated
// before it is read: check the signature first.
inline void check_signature(std::string_view payload, ArchiveEncoding encoding, const std::string& source) {
  constexpr std::string_view signature = "serialization::archive";
  std::string expected;
  if (encoding == ArchiveEncoding::binary) {
    for (int i = 0; i < 8; ++i) expected.push_back(static_cast<char>(i == 0 ? signature.size() : 0));
    expected += signature;
  } else if (encoding == ArchiveEncoding::text) {
    expected = std::to_string(signature.size()) + " " + std::string(signature) + " ";
  } else {
    return;  // XML: parsed by a grammar, bounded by the input
  }
  if (payload.substr(0, expected.size()) != expected)
    throw data_error(source, "corrupt archive: no Boost.Serialization signature");
}

template <class T>
void load_payload(std::string_view payload, ArchiveEncoding encoding, T& value, const char* name,
                  const std::string& source) {
  SpanBuf buffer(payload);
  const auto corrupt_tail = [&](std::string_view rest) {
    return data_error(source, "corrupt archive: " + std::to_string(rest.size()) +
                                  " unexpected bytes after the " + name);
  };
  if (encoding == ArchiveEncoding::binary) {
    {
      boost::archive::binary_iarchive archive(buffer);
      archive >> boost::serialization::make_nvp(name, value);
    }
    if (!buffer.rest().empty()) throw corrupt_tail(buffer.rest());
    return;
  }
  std::istream in(&buffer);
  in.imbue(text_locale());
  if (encoding == ArchiveEncoding::text) {
    // Boost ends a text archive with a newline: without it, the last number
    // may have been cut short and would still read as a (different) number.
    if (payload.empty() || payload.back() != '\n')
      throw data_error(source, "corrupt archive: text does not end with a newline (cut short?)");
    {
      boost::archive::text_iarchive archive(in, kTextFlags);
      archive >> boost::serialization::make_nvp(name, value);
    }
    // Boost checks the stream only before each value: a last value that could
    // not be read shows only here.
    if (in.fail()) throw data_error(source, std::string("corrupt archive: ends inside the ") + name);
    if (!trim(buffer.rest()).empty()) throw corrupt_tail(trim(buffer.rest()));
    return;
  }
  // no_xml_tag_checking: Boost 1.74 compares an end tag with the expected name
  // by reading name[length of the tag found], past the end of a shorter name
  // (found by the fuzzer). Elements are read by position, as in text archives.
  boost::archive::xml_iarchive archive(in, kTextFlags | boost::archive::no_xml_tag_checking);
  archive >> boost::serialization::make_nvp(name, value);
  // Boost reads the closing tag in its destructor and ignores what it finds.
  constexpr std::string_view closing = "</boost_serialization>";
  const std::string_view rest = trim(buffer.rest());
  if (rest.size() < closing.size() || rest.substr(rest.size() - closing.size()) != closing)
    throw data_error(source, "corrupt archive: no closing " + std::string(closing));
  if (rest.size() > closing.size()) throw corrupt_tail(trim(rest.substr(0, rest.size() - closing.size())));
}

/// The archive's bytes (header and payload); `name` is the root's XML element.
template <class T>
std::string encode(const T& value, const char* name, ArchiveKind kind, ArchiveEncoding encoding) {
  return frame_archive(kind, encoding, save_payload(value, name, encoding));
}

/// The bytes of the file `path` would hold; Error(data) naming `path`.
template <class T>
std::string encode_for_file(const T& value, const char* name, ArchiveKind kind, const std::string& path,
                            ArchiveEncoding encoding) {
  if (path.empty()) throw Error(ExitCode::data, std::string("empty ") + to_string(kind) + " file name");
  if (encoding == ArchiveEncoding::binary) require_little_endian(path);
  try {
    return encode(value, name, kind, encoding);
  } catch (const boost::archive::archive_exception& e) {
    throw data_error(path, std::string("cannot serialize ") + to_string(kind) + ": " + e.what());
  }
}

/// Encodes `value` and writes it atomically; Error(data) naming `path`.
template <class T>
void write(const T& value, const char* name, ArchiveKind kind, const std::string& path, ArchiveEncoding encoding) {
  write_file_atomically(path, encode_for_file(value, name, kind, path, encoding));
}

/// Decodes an archive of `kind`; every failure is Error(data) naming `source`.
template <class T>
T decode(std::string_view file_bytes, const char* name, ArchiveKind kind, const std::string& source) {
  const ArchivePayload payload = unframe_archive(file_bytes, kind, source);
  if (payload.encoding == ArchiveEncoding::binary) require_little_endian(source);
  check_signature(payload.bytes, payload.encoding, source);
  T value;
  try {
    load_payload(payload.bytes, payload.encoding, value, name, source);
  } catch (const boost::archive::archive_exception& e) {
    if (e.code == boost::archive::archive_exception::incompatible_native_format)
      throw data_error(source, std::string("binary archive from a machine with other type sizes or byte order (") +
                                   e.what() + "); write it with --archive text or xml there");
    if (e.code == boost::archive::archive_exception::unsupported_version)
      throw data_error(source, "written by a newer Boost.Serialization (this build reads "
                               "library versions up to " +
                                   std::to_string(boost::archive::BOOST_ARCHIVE_VERSION()) + ")");
    throw data_error(source, std::string("corrupt ") + to_string(payload.encoding) + " archive: " + e.what());
  } catch (const Error& e) {  // a version or consistency check (serialization.hpp, load_payload)
    const std::string what = e.what();
    if (what.rfind(source + ": ", 0) == 0) throw;
    throw data_error(source, what);
  } catch (const std::bad_alloc&) {
    throw data_error(source, "corrupt archive: out of memory while loading");
  } catch (const std::exception& e) {  // e.g. length_error from a corrupt count
    throw data_error(source, std::string("corrupt archive: ") + e.what());
  }
  return value;
}
}  // namespace neurite::archive_codec
