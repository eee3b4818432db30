// What prepare_data() fitted on the training split and applied to every
// split: the encoding of a CSV table's columns, imputation values, feature
// scaling and class names. Plain data (strings and doubles, no pointers) so it
// can later be stored with a result and re-applied to a new file (neurite
// predict, issue 11: not stored yet).
//
// Features are produced column by column, in the table's order, label skipped:
//   numeric column      one feature: the value, or `fill_number` where missing
//   categorical column  one feature per training category ("column=value"),
//                       1 for the row's category, else 0; a category never
//                       seen in the training rows encodes as all zeros; a
//                       missing value takes `fill_category`
// then every feature is scaled: x' = (x - shift) / divisor.
#pragma once
#include <string>
#include <vector>

namespace neurite {
/// How one feature column of a CSV table becomes features.
struct ColumnEncoding {
  std::string name;                     // header name
  bool categorical = false;             // one-hot over `categories`, else one numeric feature
  std::vector<std::string> categories;  // categorical: the training categories, sorted
  double fill_number = 0.0;             // numeric: imputed value (when imputing)
  std::string fill_category;            // categorical: imputed category (when imputing)
};

struct Preprocessing {
  std::string scale = "none";            // none | standard | minmax
  std::string impute = "none";           // none | mean | median | most_frequent
  std::string label_column;              // CSV: header name of the label column
  std::vector<std::string> class_names;  // class index -> label as written
  std::vector<ColumnEncoding> columns;   // CSV: feature columns in file order; else empty
  std::vector<std::string> feature_names;  // after encoding, one per feature
  // Per feature; empty when scale is none. standard: mean and population stddev;
  // minmax: min and max - min; a constant feature gets divisor 1. One-hot
  // features are never scaled (shift 0, divisor 1). Values are floats widened.
  std::vector<double> shift, divisor;
};
}  // namespace neurite
