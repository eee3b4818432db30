// Non-intrusive Boost.Serialization of RunResult and its parts (run_result.hpp),
// for binary, text and XML archives alike.
//
// Layout rules, so that old archives stay readable:
//   - every stored type has a BOOST_CLASS_VERSION; serialize() checks the version
//     found on load and throws Error(data) naming the class, the version found and
//     the range supported. Add fields at the end, guarded by `if (version >= N)`.
//   - integers are stored with fixed widths (size_t as uint64, int as int32).
//   - every field is a name-value pair: XML needs the names, binary and text
//     archives ignore them (the binary layout is the one written before XML).
//   - strings and vectors are stored as a uint64 count followed by the elements, and
//     are read back in bounded chunks: a corrupt count makes the archive run out of
//     input (archive_exception) instead of allocating memory the file cannot fill.
//     XML stores a string as its escaped text instead (Boost's XML parser reads it
//     character by character, so it is bounded by the input too). Text archives
//     keep the count form: Boost's own text string loader allocates the stored
//     length before reading a byte.
//   - tracking is off: results hold no pointers, and a value loaded into a local
//     and moved into a vector must not be remembered by address.
#pragma once
#include <neurite/errors.hpp>
#include <neurite/results/run_result.hpp>

#include <boost/serialization/array_wrapper.hpp>
#include <boost/serialization/level.hpp>
#include <boost/serialization/nvp.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/traits.hpp>
#include <boost/serialization/version.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace boost::archive {
class xml_iarchive;
class xml_oarchive;
}  // namespace boost::archive

namespace neurite::archive_detail {
inline constexpr std::uint64_t kChunk = 1u << 16;  // elements read per step

template <class Archive>
inline constexpr bool is_xml = std::is_same_v<Archive, boost::archive::xml_iarchive> ||
                               std::is_same_v<Archive, boost::archive::xml_oarchive>;

/// Error(data) unless 1 <= found <= supported; a newer version says so.
inline void check_version(const char* type, unsigned found, unsigned supported) {
  if (found > supported)
    throw Error(ExitCode::data, std::string("written by a newer neurite: ") + type + " version " +
                                    std::to_string(found) + ", this build reads up to " +
                                    std::to_string(supported));
  if (found < 1)
    throw Error(ExitCode::data, "unsupported version " + std::to_string(found) + " of " + type +
                                    " (supported: 1.." + std::to_string(supported) + ")");
}

// The wrappers below add no bytes of their own to binary and text archives
// (object_serializable, never tracked); in XML each is one element.
template <class T>
using Wrapper = boost::serialization::traits<T, boost::serialization::object_serializable,
                                             boost::serialization::track_never>;

/// std::string or std::vector of arithmetic values: count, then raw elements.
template <class Flat>
struct FlatSeq : Wrapper<FlatSeq<Flat>> {
  Flat& seq;
  explicit FlatSeq(Flat& s) : seq(s) {}
  template <class Archive>
  void serialize(Archive& ar, unsigned /*version*/) {
    using boost::serialization::make_nvp;
    if constexpr (Archive::is_saving::value) {
      std::uint64_t n = seq.size();
      ar& make_nvp("count", n);
      if (n > 0) ar& boost::serialization::make_array(seq.data(), seq.size());
    } else {
      std::uint64_t n = 0;
      ar& make_nvp("count", n);
      seq.clear();
      while (seq.size() < n) {
        const std::size_t old = seq.size();
        const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(n - old, kChunk));
        seq.resize(old + take);
        ar& boost::serialization::make_array(seq.data() + old, take);
      }
    }
  }
};

/// A flat sequence named `name`; a string in XML is the element's text.
template <class Archive, class Flat>
void flat_sequence(Archive& ar, const char* name, Flat& seq) {
  if constexpr (is_xml<Archive> && std::is_same_v<Flat, std::string>) {
    ar& boost::serialization::make_nvp(name, seq);
  } else {
    FlatSeq<Flat> wrapped(seq);
    ar& boost::serialization::make_nvp(name, wrapped);
  }
}

/// std::vector<std::string>: count, then each string as a flat sequence.
struct StringSeq : Wrapper<StringSeq> {
  std::vector<std::string>& seq;
  explicit StringSeq(std::vector<std::string>& s) : seq(s) {}
  template <class Archive>
  void serialize(Archive& ar, unsigned /*version*/) {
    std::uint64_t n = seq.size();
    ar& boost::serialization::make_nvp("count", n);
    if constexpr (Archive::is_saving::value) {
      for (std::string& item : seq) flat_sequence(ar, "item", item);
    } else {
      seq.clear();
      for (std::uint64_t i = 0; i < n; ++i) {  // grows only as far as the input goes
        std::string item;
        flat_sequence(ar, "item", item);
        seq.push_back(std::move(item));
      }
    }
  }
};

template <class Archive>
void string_sequence(Archive& ar, const char* name, std::vector<std::string>& seq) {
  StringSeq wrapped(seq);
  ar& boost::serialization::make_nvp(name, wrapped);
}

/// std::vector of stored structs: count, then each element.
template <class T>
struct ObjectSeq : Wrapper<ObjectSeq<T>> {
  std::vector<T>& seq;
  explicit ObjectSeq(std::vector<T>& s) : seq(s) {}
  template <class Archive>
  void serialize(Archive& ar, unsigned /*version*/) {
    std::uint64_t n = seq.size();
    ar& boost::serialization::make_nvp("count", n);
    if constexpr (Archive::is_saving::value) {
      for (T& item : seq) ar& boost::serialization::make_nvp("item", item);
    } else {
      seq.clear();
      for (std::uint64_t i = 0; i < n; ++i) {  // grows only as far as the input goes
        T item;
        ar& boost::serialization::make_nvp("item", item);
        seq.push_back(std::move(item));
      }
    }
  }
};

template <class Archive, class T>
void object_sequence(Archive& ar, const char* name, std::vector<T>& seq) {
  ObjectSeq<T> wrapped(seq);
  ar& boost::serialization::make_nvp(name, wrapped);
}

/// A size_t, int, bool or enum stored as the fixed-width integer Stored.
template <class Stored, class Archive, class T>
Stored fixed(Archive& ar, const char* name, T& value) {
  Stored stored = static_cast<Stored>(value);
  ar& boost::serialization::make_nvp(name, stored);
  if constexpr (Archive::is_loading::value) {
    if constexpr (std::is_same_v<T, bool>) {  // a byte, not bool: a corrupt bool is UB
      if (stored > 1)
        throw Error(ExitCode::data, std::string("bad ") + name + " flag " + std::to_string(stored));
      value = stored != 0;
    } else {
      value = static_cast<T>(stored);
    }
  }
  return stored;
}

/// A field stored as itself (doubles, fixed-width integers, stored structs).
template <class Archive, class T>
void field(Archive& ar, const char* name, T& value) {
  ar& boost::serialization::make_nvp(name, value);
}
}  // namespace neurite::archive_detail

namespace boost::serialization {
template <class Archive>
void serialize(Archive& ar, neurite::EpochMetrics& m, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::EpochMetrics", version, 3);
  d::fixed<std::int32_t>(ar, "epoch", m.epoch);
  d::field(ar, "train_loss", m.train_loss);
  d::field(ar, "train_accuracy", m.train_accuracy);
  d::field(ar, "validation_loss", m.validation_loss);
  d::field(ar, "validation_accuracy", m.validation_accuracy);
  d::field(ar, "seconds", m.seconds);
  if (version >= 2) d::field(ar, "learning_rate", m.learning_rate);
  if (version >= 3) {
    d::field(ar, "train_rmse", m.train_rmse);
    d::field(ar, "train_r2", m.train_r2);
    d::field(ar, "validation_rmse", m.validation_rmse);
    d::field(ar, "validation_r2", m.validation_r2);
  }
}

template <class Archive>
void serialize(Archive& ar, neurite::SplitMetrics& m, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::SplitMetrics", version, 2);
  d::fixed<std::uint64_t>(ar, "samples", m.samples);
  d::field(ar, "loss", m.loss);
  d::field(ar, "accuracy", m.accuracy);
  if (version >= 2) {
    d::field(ar, "rmse", m.rmse);
    d::field(ar, "r2", m.r2);
    d::flat_sequence(ar, "confusion", m.confusion);
  }
}

template <class Archive>
void serialize(Archive& ar, neurite::StoredParameter& p, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) {
    d::check_version("neurite::StoredParameter", version, 1);
  }
  d::flat_sequence(ar, "layer", p.layer);
  d::flat_sequence(ar, "name", p.name);
  d::field(ar, "rows", p.rows);
  d::field(ar, "cols", p.cols);
  try {
    d::fixed<std::uint8_t>(ar, "trainable", p.trainable);
  } catch (const neurite::Error& e) {
    throw neurite::Error(neurite::ExitCode::data, "parameter " + p.layer + "." + p.name + ": " + e.what());
  }
  d::flat_sequence(ar, "values", p.values);
  if constexpr (Archive::is_loading::value) {
    if (p.rows < 0 || p.cols < 0 ||
        static_cast<std::uint64_t>(p.rows) * static_cast<std::uint64_t>(p.cols) != p.values.size())
      throw neurite::Error(neurite::ExitCode::data,
                           "parameter " + p.layer + "." + p.name + " is " + std::to_string(p.rows) +
                               "x" + std::to_string(p.cols) + " but holds " +
                               std::to_string(p.values.size()) + " values");
  }
}

template <class Archive>
void serialize(Archive& ar, neurite::PluginVersion& p, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::PluginVersion", version, 1);
  d::flat_sequence(ar, "library", p.library);
  d::flat_sequence(ar, "version", p.version);
  d::flat_sequence(ar, "file", p.file);
}

template <class Archive>
void serialize(Archive& ar, neurite::ColumnEncoding& c, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::ColumnEncoding", version, 1);
  d::flat_sequence(ar, "name", c.name);
  d::fixed<std::uint8_t>(ar, "categorical", c.categorical);
  d::string_sequence(ar, "categories", c.categories);
  d::field(ar, "fill_number", c.fill_number);
  d::flat_sequence(ar, "fill_category", c.fill_category);
}

template <class Archive>
void serialize(Archive& ar, neurite::Preprocessing& p, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::Preprocessing", version, 1);
  d::flat_sequence(ar, "scale", p.scale);
  d::flat_sequence(ar, "impute", p.impute);
  d::flat_sequence(ar, "label_column", p.label_column);
  d::string_sequence(ar, "class_names", p.class_names);
  d::object_sequence(ar, "columns", p.columns);
  d::string_sequence(ar, "feature_names", p.feature_names);
  d::flat_sequence(ar, "shift", p.shift);
  d::flat_sequence(ar, "divisor", p.divisor);
}

template <class Archive>
void serialize(Archive& ar, neurite::RunSetting& s, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::RunSetting", version, 1);
  d::flat_sequence(ar, "label", s.label);
  d::flat_sequence(ar, "path", s.path);
  d::flat_sequence(ar, "value", s.value);
}

template <class Archive>
void serialize(Archive& ar, neurite::RunResult& r, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::RunResult", version, 4);
  d::flat_sequence(ar, "name", r.name);
  d::flat_sequence(ar, "source_file", r.source_file);
  d::flat_sequence(ar, "yaml_text", r.yaml_text);
  d::field(ar, "seed", r.seed);
  d::flat_sequence(ar, "model_summary", r.model_summary);
  d::flat_sequence(ar, "loss", r.loss);
  d::flat_sequence(ar, "optimizer", r.optimizer);
  const auto status = d::fixed<std::int32_t>(ar, "status", r.status);
  if constexpr (Archive::is_loading::value) {
    if (status < 0 || status > static_cast<std::int32_t>(neurite::RunStatus::diverged))
      throw neurite::Error(neurite::ExitCode::data, "unknown run status " + std::to_string(status));
  }
  d::flat_sequence(ar, "error", r.error);
  d::fixed<std::uint64_t>(ar, "parameter_count", r.parameter_count);
  d::fixed<std::int32_t>(ar, "epochs_run", r.epochs_run);
  d::fixed<std::int32_t>(ar, "threads", r.threads);
  d::field(ar, "wall_seconds", r.wall_seconds);
  d::object_sequence(ar, "history", r.history);
  d::field(ar, "train", r.train);
  d::field(ar, "validation", r.validation);
  d::field(ar, "test", r.test);
  d::object_sequence(ar, "parameters", r.parameters);
  d::flat_sequence(ar, "neurite_version", r.neurite_version);
  d::object_sequence(ar, "plugins", r.plugins);
  if (version >= 2) d::object_sequence(ar, "optimizer_state", r.optimizer_state);
  if (version >= 3) {
    d::fixed<std::uint8_t>(ar, "regression", r.regression);
    d::string_sequence(ar, "class_names", r.class_names);
    d::string_sequence(ar, "feature_names", r.feature_names);
    d::flat_sequence(ar, "stop_reason", r.stop_reason);
    d::fixed<std::int32_t>(ar, "restored_epoch", r.restored_epoch);
    d::flat_sequence(ar, "experiment", r.experiment);
    d::object_sequence(ar, "settings", r.settings);
    d::field(ar, "cpu_seconds", r.cpu_seconds);
    d::field(ar, "preprocessing", r.preprocessing);
  }
  if (version >= 4) d::flat_sequence(ar, "resolved_yaml", r.resolved_yaml);
}
}  // namespace boost::serialization

BOOST_CLASS_VERSION(neurite::EpochMetrics, 3)
BOOST_CLASS_VERSION(neurite::SplitMetrics, 2)
BOOST_CLASS_VERSION(neurite::StoredParameter, 1)
BOOST_CLASS_VERSION(neurite::PluginVersion, 1)
BOOST_CLASS_VERSION(neurite::RunSetting, 1)
BOOST_CLASS_VERSION(neurite::ColumnEncoding, 1)
BOOST_CLASS_VERSION(neurite::Preprocessing, 1)
BOOST_CLASS_VERSION(neurite::RunResult, 4)

BOOST_CLASS_TRACKING(neurite::EpochMetrics, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::SplitMetrics, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::StoredParameter, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::PluginVersion, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::RunSetting, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::ColumnEncoding, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::Preprocessing, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::RunResult, boost::serialization::track_never)
