// `neurite report`: one self-contained HTML page comparing runs: the table,
// learning curves (Chart.js, compiled in), decision boundaries of 2-D models
// and confusion matrices. Everything is read from stored results; the page
// needs no network and no other file.
#pragma once
#include <neurite/results/run_result.hpp>

#include <optional>
#include <string>
#include <vector>

namespace neurite {
/// A model's predictions over a grid of its two (scaled) input features, and
/// the points drawn over it.
struct DecisionBoundary {
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  int nx = 0, ny = 0;           // grid cells along x and y
  int classes = 0;
  std::vector<int> predicted;   // ny * nx, row j (y) by column i (x), class index
  std::vector<double> confidence;  // the predicted class's probability per cell
  std::vector<double> points_x, points_y;
  std::vector<int> points_label;
  std::string points_split;     // "test split" or "training split"
};

/// The page. `boundaries` is empty or holds one entry per run.
std::string html_report(const std::vector<RunResult>& runs,
                        const std::vector<std::optional<DecisionBoundary>>& boundaries, const std::string& title);
}  // namespace neurite
