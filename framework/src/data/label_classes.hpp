// Classes of a CSV label column, over every file of a data set (training,
// validation, test), so that the model has an output for each class written
// anywhere. If every label is an integer the classes are ordered numerically
// ("01" and "1" are one class, named as first written); otherwise they are
// the distinct strings in sorted (byte) order.
#pragma once
#include "data/table.hpp"

#include <string>
#include <vector>

namespace neurite::data {
struct LabelClasses {
  std::vector<std::string> names;        // class index -> label as written
  std::vector<std::vector<int>> labels;  // per table: class index of every row
};

/// requires: every table's label column is categorical without missing codes.
LabelClasses label_classes(const std::vector<const Table*>& tables);
}  // namespace neurite::data
