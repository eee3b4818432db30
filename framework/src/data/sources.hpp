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
/// The class count of a generator whose `data.classes` is left out (the
/// resolved values show it too): 3 for spirals and blobs, else 2.
int default_classes(const std::string& source);

/// `features` columns uniform in [0, 1) and labels uniform over `classes`.
Dataset make_random(std::size_t samples, std::size_t features, int classes, Rng& rng);
/// `classes` interleaved spiral arms in the plane (CS231n), noise on the angle.
Dataset make_spirals(std::size_t samples, int classes, double noise, Rng& rng);
/// scikit-learn make_blobs: Gaussian clusters round centres uniform in (-10, 10)^d.
Dataset make_blobs(std::size_t samples, std::size_t features, int classes, double cluster_std, Rng& rng);
/// Two classes either side of a random hyperplane through 0, `margin` apart.
Dataset make_linear(std::size_t samples, std::size_t features, double margin, Rng& rng);
/// Regression: y = sum_j sin(x_j) + N(0, noise^2), x_j uniform in [-pi, pi).
Dataset make_sine(std::size_t samples, std::size_t features, double noise, Rng& rng);
/// The CSV file spec.path as one Dataset (csv_loader.cpp): spec.label_column
/// is the class column, the others features, encoded (spec.categorical,
/// spec.impute) with statistics of all rows, unscaled. Errors are
/// Error(ExitCode::data) at file:line:column.
Dataset load_csv(const DataSpec& spec);
/// IDX (MNIST) images and labels, plain or gzip; unsigned-byte images scaled
/// by 1/255 (idx_loader.cpp). Errors are Error(ExitCode::data) naming the file.
Dataset load_idx(const std::string& images_path, const std::string& labels_path);
/// NPY features (any rank, first axis = items) and 1-D integer labels
/// (npy_loader.cpp). Errors are Error(ExitCode::data) naming the file.
Dataset load_npy(const std::string& features_path, const std::string& labels_path);

/// Two-feature, two-class Dataset skeleton shared by the generators.
Dataset two_class_plane(std::size_t samples);
}  // namespace neurite::data
