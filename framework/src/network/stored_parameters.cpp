#include <neurite/errors.hpp>
#include <neurite/network/stored_parameters.hpp>

#include <algorithm>

namespace neurite {
namespace {
std::string shape(Index rows, Index cols) { return std::to_string(rows) + "x" + std::to_string(cols); }

Error data_error(const std::string& source, const std::string& what) {
  return Error(ExitCode::data, source + ": " + what);
}
}  // namespace

std::vector<StoredParameter> store_parameters(Network& network) {
  std::vector<StoredParameter> stored;
  for (std::size_t l = 0; l < network.size(); ++l) {
    for (const ParamView& p : network.layer(l).parameters()) {
      StoredParameter s;
      s.layer = std::to_string(l) + "." + network.entry(l).name;
      s.name = p.name;
      s.rows = p.rows;
      s.cols = p.cols;
      s.trainable = p.trainable;
      s.values.assign(p.data, p.data + p.size());
      stored.push_back(std::move(s));
    }
  }
  return stored;
}

void load_parameters(const std::vector<StoredParameter>& stored, Network& network, const std::string& source) {
  std::size_t k = 0;
  for (std::size_t l = 0; l < network.size(); ++l) {
    const std::string layer = std::to_string(l) + "." + network.entry(l).name;
    for (const ParamView& p : network.layer(l).parameters()) {
      const std::string want = layer + "." + p.name + " (" + shape(p.rows, p.cols) + ")";
      if (k >= stored.size())
        throw data_error(source, "stores " + std::to_string(stored.size()) +
                                     " parameters, but the rebuilt network needs " + want + " as parameter " +
                                     std::to_string(k + 1));
      const StoredParameter& s = stored[k++];
      if (s.layer != layer || s.name != p.name || s.rows != p.rows || s.cols != p.cols ||
          s.values.size() != static_cast<std::size_t>(p.size()))
        throw data_error(source, "stored parameter " + std::to_string(k) + " is " + s.layer + "." + s.name + " (" +
                                     shape(s.rows, s.cols) + "), but the rebuilt network has " + want +
                                     " there (experiment: " + network.summary() + ")");
      std::copy(s.values.begin(), s.values.end(), p.data);
    }
  }
  if (k != stored.size())
    throw data_error(source, "stores " + std::to_string(stored.size()) + " parameters, but the rebuilt network (" +
                                 network.summary() + ") has " + std::to_string(k) + "; first extra: " +
                                 stored[k].layer + "." + stored[k].name);
}

std::vector<StoredParameter> store_optimizer_state(const Optimizer& optimizer) {
  std::vector<StoredParameter> stored;
  for (const NamedMatrix& m : optimizer.state()) {
    StoredParameter s;
    s.layer = "optimizer";
    s.name = m.name;
    s.rows = m.value.rows();
    s.cols = m.value.cols();
    s.trainable = false;
    s.values.assign(m.value.data(), m.value.data() + m.value.size());
    stored.push_back(std::move(s));
  }
  return stored;
}

std::vector<NamedMatrix> load_optimizer_state(const std::vector<StoredParameter>& stored, const std::string& source) {
  std::vector<NamedMatrix> state;
  for (const StoredParameter& s : stored) {
    if (s.rows < 0 || s.cols < 0 || s.values.size() != static_cast<std::size_t>(s.rows * s.cols))
      throw data_error(source, "optimizer state " + s.name + " is " + shape(s.rows, s.cols) + " but holds " +
                                   std::to_string(s.values.size()) + " values");
    NamedMatrix m{s.name, Matrix(s.rows, s.cols)};
    std::copy(s.values.begin(), s.values.end(), m.value.data());
    state.push_back(std::move(m));
  }
  return state;
}
}  // namespace neurite
