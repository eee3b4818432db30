#include "training/parameter_snapshot.hpp"

#include <neurite/errors.hpp>

#include <algorithm>

namespace neurite {
ParameterSnapshot::ParameterSnapshot(Network& network, bool enabled) : network_(network), enabled_(enabled) {
  if (!enabled_) return;
  for (std::size_t l = 0; l < network_.size(); ++l)
    for (const ParamView& p : network_.layer(l).parameters()) values_.emplace_back(static_cast<std::size_t>(p.size()));
}

void ParameterSnapshot::capture() {
  std::size_t k = 0;
  for (std::size_t l = 0; l < network_.size(); ++l)
    for (const ParamView& p : network_.layer(l).parameters()) std::copy_n(p.data, p.size(), values_[k++].data());
}

void ParameterSnapshot::restore() const {
  std::size_t k = 0;
  for (std::size_t l = 0; l < network_.size(); ++l)
    for (ParamView& p : network_.layer(l).parameters()) std::copy_n(values_[k++].data(), p.size(), p.data);
}

void ParameterSnapshot::set_values(const std::vector<std::vector<float>>& values, const std::string& source) {
  bool same_shape = values.size() == values_.size();
  for (std::size_t k = 0; same_shape && k < values.size(); ++k) same_shape = values[k].size() == values_[k].size();
  if (!same_shape)
    throw Error(ExitCode::data, source + ": the stored best weights do not fit the network (" + network_.summary() + ")");
  values_ = values;
}
}  // namespace neurite
