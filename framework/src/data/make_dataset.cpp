// make_dataset(): dispatch on `data.source` to a generator or a file loader (csv, idx, npy).
// Generators draw from Rng(seed).derive(kDataGenerationStream) (streams.hpp).
#include "data/sources.hpp"
#include "data/streams.hpp"

#include <neurite/errors.hpp>

#include <cmath>
#include <initializer_list>
#include <sstream>

namespace neurite {
int data::default_classes(const std::string& source) { return source == "spirals" || source == "blobs" ? 3 : 2; }

namespace {
bool is_one_of(const std::string& source, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (source == name) return true;
  return false;
}

// data.classes left at 0 means the source's own default.
int classes_of(const DataSpec& spec) { return spec.classes != 0 ? spec.classes : data::default_classes(spec.source); }

// The config stage checks these already; specs built in code get the same checks.
void check_generator(const DataSpec& spec, int classes) {
  std::ostringstream problem;
  const bool has_features = is_one_of(spec.source, {"random", "blobs", "linear", "sine"});
  if (spec.samples < 1)
    problem << "data.samples must be a positive integer, got " << spec.samples;
  else if (!(spec.noise >= 0.0) || !std::isfinite(spec.noise))
    problem << "data.noise must be a number >= 0, got " << spec.noise;
  else if (spec.source == "circles" && !(spec.factor > 0.0 && spec.factor < 1.0))
    problem << "data.factor must be in (0, 1), got " << spec.factor;
  else if (has_features && spec.features < 1)
    problem << "data.features must be a positive integer, got " << spec.features;
  else if (is_one_of(spec.source, {"random", "spirals", "blobs"}) && classes < 2)
    problem << "data.classes must be an integer >= 2, got " << classes;
  else if (spec.source == "blobs" && !(spec.cluster_std >= 0.0 && std::isfinite(spec.cluster_std)))
    problem << "data.cluster_std must be a number >= 0, got " << spec.cluster_std;
  else if (spec.source == "linear" && !(spec.margin >= 0.0 && std::isfinite(spec.margin)))
    problem << "data.margin must be a number >= 0, got " << spec.margin;
  if (!problem.str().empty()) throw Error(ExitCode::usage, spec.where, problem.str());
}
}  // namespace

Dataset make_dataset(const DataSpec& spec, std::uint64_t seed) {
  if (spec.source == "csv") {
    if (spec.path.empty()) throw Error(ExitCode::usage, spec.where, "data.path is required for source: csv");
    if (spec.label_column.empty())
      throw Error(ExitCode::usage, spec.where, "data.label is required for source: csv");
    return data::load_csv(spec);
  }
  if (spec.source == "idx" || spec.source == "npy") {
    const bool idx = spec.source == "idx";
    const std::string& items = idx ? spec.images_path : spec.features_path;
    if (items.empty())
      throw Error(ExitCode::usage, spec.where,
                  std::string("data.") + (idx ? "images" : "path") + " is required for source: " + spec.source);
    if (spec.labels_path.empty())
      throw Error(ExitCode::usage, spec.where, "data.labels is required for source: " + spec.source);
    return idx ? data::load_idx(items, spec.labels_path) : data::load_npy(items, spec.labels_path);
  }
  if (!is_one_of(spec.source, {"xor", "moons", "circles", "random", "spirals", "blobs", "linear", "sine"}))
    throw Error(ExitCode::usage, spec.where,
                "unknown data source '" + spec.source +
                    "' (known: blobs, circles, csv, idx, linear, moons, npy, random, sine, spirals, xor)");
  const int classes = classes_of(spec);
  check_generator(spec, classes);
  Rng rng = Rng(seed).derive(data::kDataGenerationStream);
  if (spec.source == "xor") return data::make_xor(spec.samples, spec.noise, rng);
  if (spec.source == "moons") return data::make_moons(spec.samples, spec.noise, rng);
  if (spec.source == "random") return data::make_random(spec.samples, spec.features, classes, rng);
  if (spec.source == "spirals") return data::make_spirals(spec.samples, classes, spec.noise, rng);
  if (spec.source == "blobs") return data::make_blobs(spec.samples, spec.features, classes, spec.cluster_std, rng);
  if (spec.source == "linear") return data::make_linear(spec.samples, spec.features, spec.margin, rng);
  if (spec.source == "sine") return data::make_sine(spec.samples, spec.features, spec.noise, rng);
  return data::make_circles(spec.samples, spec.noise, spec.factor, rng);
}
}  // namespace neurite
