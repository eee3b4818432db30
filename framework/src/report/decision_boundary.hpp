// The decision-boundary picture of a 2-feature classification run: the model,
// rebuilt from its result (no training), evaluated over a grid of its two
// scaled inputs, with the data points regenerated or reloaded from the stored
// experiment (the data is deterministic for the run's seed).
#pragma once
#include <neurite/registry/plugin_registry.hpp>
#include <neurite/report/html_report.hpp>
#include <neurite/results/run_result.hpp>

#include <optional>

namespace neurite::report {
/// nullopt when the run is not an ok classification run on exactly two
/// features, or when its data or plugins are no longer available (the page
/// then simply has no picture for it; the reason goes to `why_not`).
std::optional<DecisionBoundary> decision_boundary(const RunResult& run, const PluginRegistry& registry,
                                                  std::string* why_not = nullptr);
}  // namespace neurite::report
