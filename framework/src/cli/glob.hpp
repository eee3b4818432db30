// Glob patterns among `neurite run`'s inputs, for patterns the shell did not
// expand (quoted, or from a script): `experiments/**/*.yaml`. Each path
// component is matched with fnmatch(3) (`*`, `?`, `[...]`; a leading dot
// only matches a pattern's leading dot); a component `**` matches any number
// of directories, zero included, except hidden ones (bash's globstar).
// Matches are sorted; an input that exists as written is never a pattern.
#pragma once
#include <string>
#include <vector>

namespace neurite::cli {
/// True when `text` holds a glob character (* ? [).
bool is_glob(const std::string& text);

/// The existing paths `pattern` matches, sorted, no duplicates.
std::vector<std::string> expand_glob(const std::string& pattern);

/// Replaces every input that is a glob pattern (and not an existing path) by
/// its matches; others pass through in place. A pattern that matches nothing
/// is Error(ExitCode::usage) naming it.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);
}  // namespace neurite::cli
