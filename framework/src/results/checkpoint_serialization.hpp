// Boost.Serialization of TrainingCheckpoint (training/checkpoint.hpp), with
// the layout rules of serialization.hpp: class versions checked on load,
// fixed-width integers, name-value pairs, bounded sequence reads.
#pragma once
#include <neurite/training/checkpoint.hpp>

#include "results/serialization.hpp"

namespace boost::serialization {
template <class Archive>
void serialize(Archive& ar, neurite::PlateauState& p, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::PlateauState", version, 1);
  d::field(ar, "rate", p.rate);
  d::field(ar, "best", p.best);
  d::fixed<std::int32_t>(ar, "bad_epochs", p.bad_epochs);
  d::fixed<std::int32_t>(ar, "cooldown_left", p.cooldown_left);
}

template <class Archive>
void serialize(Archive& ar, neurite::Rng::State& s, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::Rng::State", version, 1);
  d::field(ar, "word0", s.words[0]);
  d::field(ar, "word1", s.words[1]);
  d::field(ar, "word2", s.words[2]);
  d::field(ar, "word3", s.words[3]);
  d::field(ar, "spare_normal", s.spare_normal);
  d::fixed<std::uint8_t>(ar, "has_spare_normal", s.has_spare_normal);
}

template <class Archive>
void serialize(Archive& ar, neurite::TrainingCheckpoint& c, const unsigned version) {
  namespace d = neurite::archive_detail;
  if constexpr (Archive::is_loading::value) d::check_version("neurite::TrainingCheckpoint", version, 1);
  d::flat_sequence(ar, "run_name", c.run_name);
  d::flat_sequence(ar, "yaml_text", c.yaml_text);
  d::field(ar, "seed", c.seed);
  d::flat_sequence(ar, "neurite_version", c.neurite_version);
  d::fixed<std::int32_t>(ar, "epochs_done", c.epochs_done);
  d::object_sequence(ar, "history", c.history);
  d::field(ar, "wall_seconds", c.wall_seconds);
  d::field(ar, "cpu_seconds", c.cpu_seconds);
  d::object_sequence(ar, "parameters", c.parameters);
  d::object_sequence(ar, "optimizer_state", c.optimizer_state);
  d::field(ar, "shuffle_rng", c.shuffle_rng);
  d::field(ar, "step_count", c.step_count);
  d::field(ar, "plateau", c.plateau);
  d::field(ar, "best_monitored", c.best_monitored);
  d::fixed<std::int32_t>(ar, "epochs_without_improvement", c.epochs_without_improvement);
  d::fixed<std::int32_t>(ar, "best_epoch", c.best_epoch);
  d::object_sequence(ar, "best_parameters", c.best_parameters);
}
}  // namespace boost::serialization

BOOST_CLASS_VERSION(neurite::PlateauState, 1)
BOOST_CLASS_VERSION(neurite::Rng::State, 1)
BOOST_CLASS_VERSION(neurite::TrainingCheckpoint, 1)
BOOST_CLASS_TRACKING(neurite::PlateauState, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::Rng::State, boost::serialization::track_never)
BOOST_CLASS_TRACKING(neurite::TrainingCheckpoint, boost::serialization::track_never)
