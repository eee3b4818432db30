#include "cli/glob.hpp"

#include <neurite/errors.hpp>

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace neurite::cli {
namespace {
std::string join(const std::string& base, const std::string& name) {
  if (base.empty()) return name;
  return base.back() == '/' ? base + name : base + "/" + name;
}

bool is_directory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path.empty() ? "." : path, ec);
}

// `base` and every directory below it, hidden ones excluded: what `**` matches.
void all_directories(const std::string& base, std::vector<std::string>& out) {
  out.push_back(base);
  std::error_code ec;
  std::vector<std::string> children;
  for (fs::directory_iterator it(base.empty() ? "." : base, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code dir_ec;
    if (name.front() != '.' && it->is_directory(dir_ec)) children.push_back(join(base, name));
  }
  std::sort(children.begin(), children.end());
  for (const auto& child : children) all_directories(child, out);
}
}  // namespace

bool is_glob(const std::string& text) { return text.find_first_of("*?[") != std::string::npos; }

std::vector<std::string> expand_glob(const std::string& pattern) {
  std::vector<std::string> components;
  for (std::size_t start = 0; start <= pattern.size();) {
    const std::size_t slash = std::min(pattern.find('/', start), pattern.size());
    if (slash > start) components.push_back(pattern.substr(start, slash - start));
    start = slash + 1;
  }
  std::vector<std::string> current{pattern.rfind('/', 0) == 0 ? "/" : ""};
  for (std::size_t c = 0; c < components.size(); ++c) {
    const std::string& part = components[c];
    const bool last = c + 1 == components.size();
    std::vector<std::string> next;
    for (const auto& base : current) {
      if (!is_directory(base)) continue;
      if (part == "**") {
        all_directories(base, next);
      } else if (!is_glob(part)) {
        std::error_code ec;
        const std::string path = join(base, part);
        if (fs::exists(path, ec)) next.push_back(path);
      } else {
        std::error_code ec;
        for (fs::directory_iterator it(base.empty() ? "." : base, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
          const std::string name = it->path().filename().string();
          if (fnmatch(part.c_str(), name.c_str(), FNM_PERIOD) == 0) next.push_back(join(base, name));
        }
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    if (last && part == "**") next.erase(std::remove(next.begin(), next.end(), std::string()), next.end());
    current = std::move(next);
  }
  if (components.empty()) current.clear();
  return current;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!is_glob(input) || fs::exists(input, ec)) {
      out.push_back(input);
      continue;
    }
    const auto matches = expand_glob(input);
    if (matches.empty()) throw Error(ExitCode::usage, "run: no file or directory matches the pattern '" + input + "'");
    out.insert(out.end(), matches.begin(), matches.end());
  }
  return out;
}
}  // namespace neurite::cli
