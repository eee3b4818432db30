// The data sources behind make_dataset(), one file each. Generators draw all
// randomness from the Rng they are given (see streams.hpp for its id).
#pragma once
#include <neurite/data/dataset.hpp>
#include <neurite/rng.hpp>

#include <cstddef>
#include <string>

namespace neurite::data {
/// Corners of the unit square in turn, label a XOR b, plus N(0, noise^2).
Dataset make_xor(std::size_t samples, double noise, Rng& rng);
/// scikit-learn make_moons (without its shuffle: prepare_data shuffles).
Dataset make_moons(std::size_t samples, double noise, Rng& rng);
/// scikit-learn make_circles (without its shuffle).
Dataset make_circles(std::size_t samples, double noise, double factor, Rng& rng);
/// `features` columns uniform in [0, 1) and labels uniform over `classes`.
Dataset make_random(std::size_t samples, std::size_t features, int classes, Rng& rng);
/// CSV with a header row; `label_column` names the class column, every other
/// column is a numeric feature. Errors are Error(ExitCode::data) at file:line:column.
Dataset load_csv(const std::string& path, const std::string& label_column);

/// Two-feature, two-class Dataset skeleton shared by the generators.
Dataset two_class_plane(std::size_t samples);
}  // namespace neurite::data
