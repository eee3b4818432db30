// make_dataset(): dispatch on `data.source` to a generator or the CSV loader.
// Generators draw from Rng(seed).derive(kDataGenerationStream) (streams.hpp).
#include "data/sources.hpp"
#include "data/streams.hpp"

#include <neurite/errors.hpp>

#include <cmath>
#include <sstream>

namespace neurite {
namespace {
// The config stage checks these already; specs built in code get the same checks.
void check_generator(const DataSpec& spec) {
  std::ostringstream problem;
  if (spec.samples < 1)
    problem << "data.samples must be a positive integer, got " << spec.samples;
  else if (!(spec.noise >= 0.0) || !std::isfinite(spec.noise))
    problem << "data.noise must be a number >= 0, got " << spec.noise;
  else if (spec.source == "circles" && !(spec.factor > 0.0 && spec.factor < 1.0))
    problem << "data.factor must be in (0, 1), got " << spec.factor;
  else if (spec.source == "random" && spec.features < 1)
    problem << "data.features must be a positive integer, got " << spec.features;
  else if (spec.source == "random" && spec.classes < 2)
    problem << "data.classes must be an integer >= 2, got " << spec.classes;
  if (!problem.str().empty()) throw Error(ExitCode::usage, spec.where, problem.str());
}
}  // namespace

Dataset make_dataset(const DataSpec& spec, std::uint64_t seed) {
  if (spec.source == "csv") {
    if (spec.path.empty()) throw Error(ExitCode::usage, spec.where, "data.path is required for source: csv");
    if (spec.label_column.empty())
      throw Error(ExitCode::usage, spec.where, "data.label is required for source: csv");
    return data::load_csv(spec.path, spec.label_column);
  }
  if (spec.source != "xor" && spec.source != "moons" && spec.source != "circles" &&
      spec.source != "random")
    throw Error(ExitCode::usage, spec.where,
                "unknown data source '" + spec.source + "' (known: circles, csv, moons, random, xor)");
  check_generator(spec);
  Rng rng = Rng(seed).derive(data::kDataGenerationStream);
  if (spec.source == "xor") return data::make_xor(spec.samples, spec.noise, rng);
  if (spec.source == "moons") return data::make_moons(spec.samples, spec.noise, rng);
  if (spec.source == "random") return data::make_random(spec.samples, spec.features, spec.classes, rng);
  return data::make_circles(spec.samples, spec.noise, spec.factor, rng);
}
}  // namespace neurite
