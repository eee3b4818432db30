// Imputation values, fitted on the training rows of one column (the rules of
// sklearn's SimpleImputer):
//   mean           arithmetic mean, accumulated in double
//   median         middle value; the mean of the two middle values for an
//                  even count (numpy.median)
//   most_frequent  the value seen most often; ties go to the smallest value
// Categorical columns always use most_frequent: with impute: mean or median,
// a missing category takes the most frequent training category.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace neurite::data {
/// requires: !values.empty(); method is mean, median or most_frequent.
double numeric_fill(std::vector<double> values, const std::string& method);

/// requires: some count > 0. `counts` is keyed (and so ordered) by category.
std::string most_frequent(const std::map<std::string, std::size_t>& counts);
}  // namespace neurite::data
