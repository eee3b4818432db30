// prepare_data(): make the data set, shuffle it with
// Rng(seed).derive(kDataSplitStream) (streams.hpp), split it into
//   n_train = round(n * train), n_validation = round(n * validation), test = the rest
// (validation and test may be empty, train may not), then, for scale: standard,
// fit mean/stddev on the training rows only and apply them to all three splits.
#include "data/sources.hpp"
#include "data/standardize.hpp"
#include "data/streams.hpp"

#include <neurite/errors.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace neurite {
namespace {
Dataset take_rows(const Dataset& all, const std::vector<Index>& order, std::size_t begin,
                  std::size_t end) {
  Dataset part;
  part.num_classes = all.num_classes;
  part.feature_names = all.feature_names;
  part.class_names = all.class_names;
  part.features.resize(static_cast<Index>(end - begin), all.features.cols());
  part.labels.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    part.features.row(static_cast<Index>(i - begin)) = all.features.row(order[i]);
    part.labels.push_back(all.labels[static_cast<std::size_t>(order[i])]);
  }
  return part;
}

// Reorders rows in place so that new row i is old row order[i] (following the
// permutation's cycles with one spare row): the data set is never copied whole,
// so a large one does not need twice its size while it is split.
void permute_rows(Dataset& all, const std::vector<Index>& order) {
  const Index n = all.samples();
  std::vector<bool> placed(static_cast<std::size_t>(n), false);
  RowVector spare(all.features.cols());
  std::vector<int> labels(all.labels.size());
  for (Index i = 0; i < n; ++i) labels[static_cast<std::size_t>(i)] = all.labels[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
  for (Index start = 0; start < n; ++start) {
    if (placed[static_cast<std::size_t>(start)]) continue;
    spare = all.features.row(start);
    Index j = start;
    for (;;) {
      placed[static_cast<std::size_t>(j)] = true;
      const Index from = order[static_cast<std::size_t>(j)];
      if (from == start) {
        all.features.row(j) = spare;
        break;
      }
      all.features.row(j) = all.features.row(from);
      j = from;
    }
  }
  all.labels = std::move(labels);
}

void check_split(const DataSpec& spec) {
  const SplitSpec& s = spec.split;
  const auto in_unit = [](double r) { return r >= 0.0 && r <= 1.0; };
  if (!(s.train > 0.0) || !in_unit(s.train) || !in_unit(s.validation) || !in_unit(s.test) ||
      std::abs(s.train + s.validation + s.test - 1.0) > 1e-6) {
    std::ostringstream message;
    message << "split ratios must lie in [0, 1] with train > 0 and sum to 1, got " << s.train
            << " + " << s.validation << " + " << s.test;
    throw Error(ExitCode::usage, spec.where, message.str());
  }
  if (spec.scale != "standard" && spec.scale != "none")
    throw Error(ExitCode::usage, spec.where,
                "unknown data.scale '" + spec.scale + "' (known: none, standard)");
}
}  // namespace

PreparedData prepare_data(const DataSpec& spec, std::uint64_t seed) {
  check_split(spec);
  Dataset all = make_dataset(spec, seed);
  const auto n = static_cast<std::size_t>(all.samples());

  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  Rng rng = Rng(seed).derive(data::kDataSplitStream);
  rng.shuffle(order.begin(), order.end());

  const auto rounded = [n](double ratio) {
    return static_cast<std::size_t>(std::llround(static_cast<double>(n) * ratio));
  };
  const std::size_t n_train = std::min(rounded(spec.split.train), n);
  const std::size_t n_validation = std::min(rounded(spec.split.validation), n - n_train);
  if (n_train == 0) {
    std::ostringstream message;
    message << "the training split is empty: " << n << " samples x train ratio "
            << spec.split.train << " rounds to 0";
    throw Error(ExitCode::usage, spec.where, message.str());
  }

  // Validation and test are copied out; the training split keeps the data
  // set's own storage, shrunk in place (realloc) to its first n_train rows.
  permute_rows(all, order);
  std::vector<Index> identity(n);
  std::iota(identity.begin(), identity.end(), Index{0});
  PreparedData out;
  out.validation = take_rows(all, identity, n_train, n_train + n_validation);
  out.test = take_rows(all, identity, n_train + n_validation, n);
  out.train = std::move(all);
  out.train.features.conservativeResize(static_cast<Index>(n_train), out.train.features.cols());
  out.train.labels.resize(n_train);
  out.train.labels.shrink_to_fit();
  if (spec.scale == "standard") {
    out.scaled = true;
    out.scaler = data::fit_standardizer(out.train.features);
    out.scaler.apply(out.train.features);
    out.scaler.apply(out.validation.features);
    out.scaler.apply(out.test.features);
  }
  return out;
}
}  // namespace neurite
