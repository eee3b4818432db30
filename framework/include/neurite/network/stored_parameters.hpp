// A network's parameters as results and checkpoints store them: one
// StoredParameter per parameter, layer by layer in parameters() order, named
// "<index>.<component>" and "<parameter>" ("0.dense", "weight").
#pragma once
#include <neurite/network/network.hpp>
#include <neurite/plugin/optimizer.hpp>
#include <neurite/results/run_result.hpp>

#include <string>
#include <vector>

namespace neurite {
/// Copies of every parameter (trainable or not: batch_norm's running
/// statistics belong to the model too).
std::vector<StoredParameter> store_parameters(Network& network);

/// Copies `stored` into the network. Error(data) prefixed with `source` when a
/// stored parameter's layer, name or shape differs from the network's, or the
/// counts differ; the network is then partly overwritten.
void load_parameters(const std::vector<StoredParameter>& stored, Network& network, const std::string& source);

/// The same for an optimizer's state (Optimizer::state()), stored under the
/// layer name "optimizer". load: Error(data) prefixed with `source` when a
/// stored matrix's values do not fill its shape.
std::vector<StoredParameter> store_optimizer_state(const Optimizer& optimizer);
std::vector<NamedMatrix> load_optimizer_state(const std::vector<StoredParameter>& stored, const std::string& source);
}  // namespace neurite
