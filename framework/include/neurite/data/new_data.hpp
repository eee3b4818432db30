// New rows for a trained model (neurite predict, evaluate), read from a CSV
// file and prepared exactly as the run's training data was, with the run's
// stored Preprocessing (nothing is fitted again):
//   the run read a CSV table   the same columns by header name, in any order:
//                              imputation, one-hot categories and scaling
//                              from training; the label column is optional
//   other sources (generated,  a header row (any names), then the feature
//   idx, npy)                  columns in training order, optionally followed
//                              by the class label (classification) or the
//                              target columns (regression); then scaling
// Labels are the class names as written in training ("setosa", or "1" for a
// class first written "01": integer classes compare as integers).
#pragma once
#include <neurite/data/preprocessing.hpp>
#include <neurite/plugin/tensor.hpp>

#include <string>
#include <vector>

namespace neurite {
struct NewData {
  std::string path;
  Matrix features;            // rows x features, preprocessed
  bool has_truth = false;     // the file holds the labels / targets
  std::vector<int> labels;    // classification with has_truth: class index per row
  Matrix targets;             // regression with has_truth: rows x target_cols
  std::vector<int> lines;     // source line of every row
};

/// Reads and prepares `path`. `target_cols` is the model's output count
/// (regression). With require_truth, the labels or targets must be present.
/// Errors: Error(data) at file:line:column: a missing or unknown column, a
/// generated-data file of the wrong width, a bad number, a missing value
/// without fitted imputation, a label that is not one of the run's classes.
NewData read_new_data(const std::string& path, const Preprocessing& p, bool regression, Index target_cols,
                      bool require_truth);
}  // namespace neurite
