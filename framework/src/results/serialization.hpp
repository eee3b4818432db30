// Non-intrusive Boost.Serialization of RunResult and its parts (run_result.hpp).
//
// Layout rules, so that old archives stay readable:
//   - every stored type has a BOOST_CLASS_VERSION; serialize() checks the version
//     found on load and throws Error(data) naming the class, the version found and
//     the range supported. Add fields at the end, guarded by `if (version >= N)`.
//   - integers are stored with fixed widths (size_t as uint64, int as int32).
//   - strings and vectors are stored as a uint64 count followed by the elements, and
//     are read back in bounded chunks: a corrupt count makes the archive run out of
//     input (archive_exception) instead of allocating memory the file cannot fill.
//   - tracking is off: results hold no pointers, and a value loaded into a local
//     and moved into a vector must not be remembered by address.
#pragma once
#include <neurite/errors.hpp>
#include <neurite/results/run_result.hpp>

#include <boost/serialization/array_wrapper.hpp>
#include <boost/serialization/level.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace neurite::archive_detail {
inline constexpr std::uint64_t kChunk = 1u << 16;  // elements read per step

/// Error(data) unless 1 <= found <= supported.
inline void check_version(const char* type, unsigned found, unsigned supported) {
  if (found < 1 || found > supported)
    throw Error(ExitCode::data, "unsupported version " + std::to_string(found) + " of " + type +
                                    " (supported: 1.." + std::to_string(supported) + ")");
}

/// std::string or std::vector of arithmetic values: count, then raw elements.
template <class Archive, class Flat>
void flat_sequence(Archive& ar, Flat& seq) {
  if constexpr (Archive::is_saving::value) {
    std::uint64_t n = seq.size();
    ar & n;
    if (n > 0) ar& boost::serialization::make_array(seq.data(), seq.size());
  } else {
    std::uint64_t n = 0;
    ar & n;
    seq.clear();
    while (seq.size() < n) {
      const std::size_t old = seq.size();
      const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(n - old, kChunk));
      seq.resize(old + take);
      ar& boost::serialization::make_array(seq.data() + old, take);
    }
  }
}

/// std::vector<std::string>: count, then each string as a flat sequence.
template <class Archive>
void string_sequence(Archive& ar, std::vector<std::string>& seq) {
  if constexpr (Archive::is_saving::value) {
    std::uint64_t n = seq.size();
    ar & n;
    for (std::string& item : seq) flat_sequence(ar, item);
  } else {
    std::uint64_t n = 0;
    ar & n;
    seq.clear();
    for (std::uint64_t i = 0; i < n; ++i) {  // grows only as far as the input goes
      std::string item;
      flat_sequence(ar, item);
      seq.push_back(std::move(item));
    }
  }
}

/// std::vector of stored structs: count, then each element.
template <class Archive, class T>
void object_sequence(Archive& ar, std::vector<T>& seq) {
  if constexpr (Archive::is_saving::value) {
    std::uint64_t n = seq.size();
    ar & n;
    for (const T& item : seq) ar & item;
  } else {
    std::uint64_t n = 0;
    ar & n;
    seq.clear();
    for (std::uint64_t i = 0; i < n; ++i) {  // grows only as far as the input goes
      T item;
      ar & item;
      seq.push_back(std::move(item));
    }
  }
}

/// A size_t, int or enum stored as the fixed-width integer Stored.
template <class Stored, class Archive, class T>
void fixed(Archive& ar, T& value) {
  if constexpr (Archive::is_saving::value) {
    Stored stored = static_cast<Stored>(value);
    ar & stored;
  } else {
    Stored stored{};
    ar & stored;
    value = static_cast<T>(stored);
  }
}
}  // namespace neurite::archive_detail

namespace boost::serialization {
template <class Archive>
void serialize(Archive& ar, neurite::EpochMetrics& m, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::EpochMetrics", version, 3);
  d::fixed<std::int32_t>(ar, m.epoch);
  ar & m.train_loss & m.train_accuracy & m.validation_loss & m.validation_accuracy & m.seconds;
  if (version >= 2) ar & m.learning_rate;
  if (version >= 3) ar & m.train_rmse & m.train_r2 & m.validation_rmse & m.validation_r2;
}

template <class Archive>
void serialize(Archive& ar, neurite::SplitMetrics& m, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::SplitMetrics", version, 2);
  d::fixed<std::uint64_t>(ar, m.samples);
  ar & m.loss & m.accuracy;
  if (version >= 2) {
    ar & m.rmse & m.r2;
    d::flat_sequence(ar, m.confusion);
  }
}

template <class Archive>
void serialize(Archive& ar, neurite::StoredParameter& p, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) {
    d::check_version("neurite::StoredParameter", version, 1);
  }
  d::flat_sequence(ar, p.layer);
  d::flat_sequence(ar, p.name);
  ar & p.rows & p.cols;
  std::uint8_t trainable = p.trainable;  // a byte, not bool: a corrupt bool is UB
  ar & trainable;
  p.trainable = trainable != 0;
  d::flat_sequence(ar, p.values);
  if constexpr (Archive::is_loading::value) {
    if (trainable > 1)
      throw neurite::Error(neurite::ExitCode::data, "parameter " + p.layer + "." + p.name +
                                                        ": bad trainable flag " +
                                                        std::to_string(trainable));
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
  d::flat_sequence(ar, p.library);
  d::flat_sequence(ar, p.version);
  d::flat_sequence(ar, p.file);
}

template <class Archive>
void serialize(Archive& ar, neurite::ColumnEncoding& c, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::ColumnEncoding", version, 1);
  d::flat_sequence(ar, c.name);
  std::uint8_t categorical = c.categorical;  // a byte, not bool: a corrupt bool is UB
  ar & categorical;
  c.categorical = categorical != 0;
  d::string_sequence(ar, c.categories);
  ar & c.fill_number;
  d::flat_sequence(ar, c.fill_category);
}

template <class Archive>
void serialize(Archive& ar, neurite::Preprocessing& p, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::Preprocessing", version, 1);
  d::flat_sequence(ar, p.scale);
  d::flat_sequence(ar, p.impute);
  d::flat_sequence(ar, p.label_column);
  d::string_sequence(ar, p.class_names);
  d::object_sequence(ar, p.columns);
  d::string_sequence(ar, p.feature_names);
  d::flat_sequence(ar, p.shift);
  d::flat_sequence(ar, p.divisor);
}

template <class Archive>
void serialize(Archive& ar, neurite::RunSetting& s, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::RunSetting", version, 1);
  d::flat_sequence(ar, s.label);
  d::flat_sequence(ar, s.path);
  d::flat_sequence(ar, s.value);
}

template <class Archive>
void serialize(Archive& ar, neurite::RunResult& r, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::RunResult", version, 3);
  d::flat_sequence(ar, r.name);
  d::flat_sequence(ar, r.source_file);
  d::flat_sequence(ar, r.yaml_text);
  ar & r.seed;
  d::flat_sequence(ar, r.model_summary);
  d::flat_sequence(ar, r.loss);
  d::flat_sequence(ar, r.optimizer);
  d::fixed<std::int32_t>(ar, r.status);
  if constexpr (Archive::is_loading::value) {
    const auto s = static_cast<int>(r.status);
    if (s < 0 || s > static_cast<int>(neurite::RunStatus::diverged))
      throw neurite::Error(neurite::ExitCode::data, "unknown run status " + std::to_string(s));
  }
  d::flat_sequence(ar, r.error);
  d::fixed<std::uint64_t>(ar, r.parameter_count);
  d::fixed<std::int32_t>(ar, r.epochs_run);
  d::fixed<std::int32_t>(ar, r.threads);
  ar & r.wall_seconds;
  d::object_sequence(ar, r.history);
  ar & r.train & r.validation & r.test;
  d::object_sequence(ar, r.parameters);
  d::flat_sequence(ar, r.neurite_version);
  d::object_sequence(ar, r.plugins);
  if (version >= 2) d::object_sequence(ar, r.optimizer_state);
  if (version >= 3) {
    std::uint8_t regression = r.regression;  // a byte, not bool: a corrupt bool is UB
    ar & regression;
    if constexpr (Archive::is_loading::value) {
      if (regression > 1)
        throw neurite::Error(neurite::ExitCode::data, "bad regression flag " + std::to_string(regression));
    }
    r.regression = regression != 0;
    d::string_sequence(ar, r.class_names);
    d::string_sequence(ar, r.feature_names);
    d::flat_sequence(ar, r.stop_reason);
    d::fixed<std::int32_t>(ar, r.restored_epoch);
    d::flat_sequence(ar, r.experiment);
    d::object_sequence(ar, r.settings);
    ar & r.cpu_seconds;
    ar & r.preprocessing;
  }
}
}  // namespace boost::serialization

BOOST_CLASS_VERSION(neurite::EpochMetrics, 3)
BOOST_CLASS_VERSION(neurite::SplitMetrics, 2)
BOOST_CLASS_VERSION(neurite::StoredParameter, 1)
BOOST_CLASS_VERSION(neurite::PluginVersion, 1)
BOOST_CLASS_VERSION(neurite::RunSetting, 1)
BOOST_CLASS_VERSION(neurite::ColumnEncoding, 1)
BOOST_CLASS_VERSION(neurite::Preprocessing, 1)
BOOST_CLASS_VERSION(neurite::RunResult, 3)

BOOST_CLASS_TRACKING(neurite::EpochMetrics, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::SplitMetrics, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::StoredParameter, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::PluginVersion, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::RunSetting, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::ColumnEncoding, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::Preprocessing, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::RunResult, boost::serialization::track_never)
