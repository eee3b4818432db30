// Grouping runs by experiment and settings (aggregate.hpp).
#include <neurite/errors.hpp>
#include <neurite/results/aggregate.hpp>

#include <algorithm>

namespace neurite {
namespace {
const std::string* setting_value(const RunResult& run, const std::string& label) {
  for (const RunSetting& s : run.settings)
    if (s.label == label) return &s.value;
  return nullptr;
}

std::string label_of(const RunResult& run, const std::vector<std::string>& keys) {
  const bool by_experiment = std::find(keys.begin(), keys.end(), "experiment") != keys.end();
  std::string settings;
  for (const std::string& key : keys) {
    if (key == "experiment") continue;
    const std::string* value = setting_value(run, key);
    // With the experiment in the label, a setting the experiment does not
    // have is left out ("moons-logreg", not "moons-logreg[units=-]").
    if (!value && by_experiment) continue;
    settings += (settings.empty() ? "" : ",") + key + "=" + (value ? *value : "-");
  }
  if (!by_experiment) return settings;
  const std::string& experiment = run.experiment.empty() ? run.name : run.experiment;
  return settings.empty() ? experiment : experiment + "[" + settings + "]";
}
}  // namespace

std::vector<std::string> grouping_keys(const std::vector<RunResult>& runs) {
  std::vector<std::string> keys = {"experiment"};
  for (const RunResult& run : runs)
    for (const RunSetting& s : run.settings)
      if (std::find(keys.begin(), keys.end(), s.label) == keys.end()) keys.push_back(s.label);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<RunGroup> group_runs(const std::vector<RunResult>& runs, const std::vector<std::string>& keys) {
  const std::vector<std::string> known = grouping_keys(runs);
  for (const std::string& key : keys)
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      throw Error(ExitCode::usage, "compare: --group-by '" + key +
                                       "' is neither 'experiment' nor a setting of any run (known: " + list + ")");
    }
  std::vector<RunGroup> groups;
  for (const RunResult& run : runs) {
    const std::string label = label_of(run, keys);
    auto at = std::find_if(groups.begin(), groups.end(), [&](const RunGroup& g) { return g.label == label; });
    if (at == groups.end()) groups.push_back({label, {&run}});
    else at->runs.push_back(&run);
  }
  return groups;
}
}  // namespace neurite
