// "Did you mean" hints for misspelt names: the closest known name by edit
// distance, and the sorted list of known names for the rest of the message.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace neurite {
/// Optimal string alignment distance: insertions, deletions, substitutions and
/// transpositions of adjacent characters ("sampels" -> "samples" is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// "; did you mean 'samples'?" when a candidate is close enough to `word`
/// (distance at most a third of the word's length, at least 1), else "".
/// Ties go to the alphabetically first candidate, so hints are stable.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// The candidates sorted and joined with ", ".
std::string sorted_list(std::vector<std::string> candidates);

/// "unknown key 'sampels' in 'data'; did you mean 'samples'? (allowed: ...)"
/// `what` names the kind of thing ("key", "data source"), `where` the context
/// (may be empty), `list_word` precedes the list ("allowed", "known").
std::string unknown_name_message(std::string_view what, std::string_view word,
                                 std::string_view where,
                                 const std::vector<std::string>& candidates,
                                 std::string_view list_word = "allowed");
}  // namespace neurite
