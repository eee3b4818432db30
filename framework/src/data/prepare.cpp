// prepare_data() and prepare_fold(): make or load the data set, choose the
// rows of each split (split.hpp: seeded shuffle, optionally stratified, or
// k-fold), then fit the preprocessing on the training rows only and apply it
// to all three splits.
//   generated, idx, npy  the Dataset is split in place, then scaled
//   csv                  a raw Table (table.hpp) is split; imputation, one-hot
//                        encoding and scaling are fitted on its training rows
//                        (preprocess.hpp). With data.validation_path or
//                        data.test_path the files are the splits: the training
//                        file in file order, a file not given is an empty
//                        split, and the split ratios (and stratify) are unused;
//                        with folds, only the training file is folded.
#include "data/label_classes.hpp"
#include "data/preprocess.hpp"
#include "data/scaling.hpp"
#include "data/sources.hpp"
#include "data/split.hpp"
#include "data/table.hpp"

#include <neurite/errors.hpp>
#include <neurite/plugin/large_buffer.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace neurite {
namespace {
Dataset take_rows(const Dataset& all, const std::vector<Index>& order, std::size_t begin,
                  std::size_t end) {
  Dataset part;
  part.num_classes = all.num_classes;
  part.feature_names = all.feature_names;
  part.class_names = all.class_names;
  resize_large(part.features, static_cast<Index>(end - begin), all.features.cols());
  part.labels.reserve(all.labels.empty() ? 0 : end - begin);
  const bool has_targets = all.targets.rows() > 0;  // regression
  part.targets.resize(has_targets ? static_cast<Index>(end - begin) : 0, all.targets.cols());
  for (std::size_t i = begin; i < end; ++i) {
    part.features.row(static_cast<Index>(i - begin)) = all.features.row(order[i]);
    if (!all.labels.empty()) part.labels.push_back(all.labels[static_cast<std::size_t>(order[i])]);
    if (has_targets) part.targets.row(static_cast<Index>(i - begin)) = all.targets.row(order[i]);
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
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = all.labels[static_cast<std::size_t>(order[i])];
  // Regression targets (a few columns): permuted through a copy, like the labels.
  Matrix targets(all.targets.rows(), all.targets.cols());
  for (Index i = 0; i < targets.rows(); ++i) targets.row(i) = all.targets.row(order[static_cast<std::size_t>(i)]);
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
  all.targets = std::move(targets);
}

void check_options(const DataSpec& spec) {
  const auto one_of = [](const std::string& v, std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return v == n; });
  };
  if (!one_of(spec.scale, {"none", "standard", "minmax"}))
    throw Error(ExitCode::usage, spec.where, "unknown data.scale '" + spec.scale + "' (known: minmax, none, standard)");
  if (!one_of(spec.impute, {"none", "mean", "median", "most_frequent"}))
    throw Error(ExitCode::usage, spec.where,
                "unknown data.impute '" + spec.impute + "' (known: mean, median, most_frequent, none)");
}

data::RowSplit choose_rows(std::size_t n, const std::vector<int>& labels, const DataSpec& spec, std::uint64_t seed,
                           std::optional<std::pair<std::size_t, std::size_t>> fold) {
  return fold ? data::fold_rows(n, labels, spec, seed, fold->first, fold->second)
              : data::split_rows(n, labels, spec, seed);
}

// Generated and binary data: new row order train | validation | test, applied
// in place; validation and test are copied out, the training split keeps the
// data set's own storage, shrunk in place (realloc) to its first rows.
PreparedData split_dataset(Dataset all, const data::RowSplit& split, const std::string& scale) {
  const std::size_t n = static_cast<std::size_t>(all.samples());
  const std::size_t n_train = split.train.size(), n_validation = split.validation.size();
  std::vector<Index> order = split.train;
  order.insert(order.end(), split.validation.begin(), split.validation.end());
  order.insert(order.end(), split.test.begin(), split.test.end());
  permute_rows(all, order);
  std::vector<Index> identity(n);
  std::iota(identity.begin(), identity.end(), Index{0});
  PreparedData out;
  out.validation = take_rows(all, identity, n_train, n_train + n_validation);
  out.test = take_rows(all, identity, n_train + n_validation, n);
  out.train = std::move(all);
  out.train.features.conservativeResize(static_cast<Index>(n_train), out.train.features.cols());
  if (!out.train.labels.empty()) out.train.labels.resize(n_train);  // regression sets have none
  out.train.labels.shrink_to_fit();
  if (out.train.targets.rows() > 0)
    out.train.targets.conservativeResize(static_cast<Index>(n_train), out.train.targets.cols());

  Preprocessing& p = out.preprocessing;
  p.scale = scale;
  p.class_names = out.train.class_names;
  p.feature_names = out.train.feature_names;
  data::fit_scaling(out.train.features, std::vector<bool>(static_cast<std::size_t>(out.train.features.cols()), true), p);
  for (Dataset* part : {&out.train, &out.validation, &out.test}) data::apply_scaling(p, part->features);
  return out;
}

PreparedData prepare_csv(const DataSpec& spec, std::uint64_t seed,
                         std::optional<std::pair<std::size_t, std::size_t>> fold) {
  if (spec.path.empty()) throw Error(ExitCode::usage, spec.where, "data.path is required for source: csv");
  if (spec.label_column.empty()) throw Error(ExitCode::usage, spec.where, "data.label is required for source: csv");
  if (fold && !spec.validation_path.empty())
    throw Error(ExitCode::usage, spec.where,
                "data.validation_path cannot be combined with data.folds: each fold is the validation set");
  const bool allow_missing = spec.impute != "none";
  const data::Table train = data::load_table(spec.path, {spec.label_column, spec.categorical, allow_missing});
  std::optional<data::Table> validation, test;
  if (!spec.validation_path.empty()) validation = data::load_table_like(spec.validation_path, train, allow_missing);
  if (!spec.test_path.empty()) test = data::load_table_like(spec.test_path, train, allow_missing);
  std::vector<const data::Table*> tables{&train};
  if (validation) tables.push_back(&*validation);
  if (test) tables.push_back(&*test);
  const data::LabelClasses classes = data::label_classes(tables);
  const std::vector<int>& labels = classes.labels[0];

  data::RowSplit rows;
  if (fold || (!validation && !test)) {
    DataSpec folded = spec;
    if (test) folded.split.test = 0.0;  // the test file is the test set
    rows = choose_rows(train.rows(), labels, folded, seed, fold);
  } else {
    rows.train.resize(train.rows());
    std::iota(rows.train.begin(), rows.train.end(), Index{0});
  }
  const Preprocessing p =
      data::fit_preprocessing(train, rows.train, classes.names, spec.impute, spec.scale, spec.where);
  const auto all_rows = [](const data::Table& t) {
    std::vector<Index> r(t.rows());
    std::iota(r.begin(), r.end(), Index{0});
    return r;
  };
  PreparedData out;
  out.train = data::encode(p, train, labels, rows.train);
  out.validation = validation ? data::encode(p, *validation, classes.labels[1], all_rows(*validation))
                              : data::encode(p, train, labels, rows.validation);
  out.test = test ? data::encode(p, *test, classes.labels.back(), all_rows(*test))
                  : data::encode(p, train, labels, rows.test);
  out.preprocessing = p;
  return out;
}

PreparedData prepare(const DataSpec& spec, std::uint64_t seed,
                     std::optional<std::pair<std::size_t, std::size_t>> fold) {
  check_options(spec);
  if (spec.source == "csv") return prepare_csv(spec, seed, fold);
  Dataset all = make_dataset(spec, seed);
  const data::RowSplit rows = choose_rows(static_cast<std::size_t>(all.samples()), all.labels, spec, seed, fold);
  return split_dataset(std::move(all), rows, spec.scale);
}
}  // namespace

PreparedData prepare_data(const DataSpec& spec, std::uint64_t seed) {
  if (spec.folds != 0) return prepare_fold(spec, seed, spec.folds, spec.fold);
  return prepare(spec, seed, std::nullopt);
}

PreparedData prepare_fold(const DataSpec& spec, std::uint64_t seed, std::size_t folds, std::size_t fold) {
  return prepare(spec, seed, std::make_pair(folds, fold));
}
}  // namespace neurite
