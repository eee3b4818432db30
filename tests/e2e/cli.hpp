// Running the real `neurite` binary from tests: command, stdout, stderr, exit code.
#pragma once
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace e2e {
struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

/// Runs NEURITE_BINARY with `args` (a shell-quoted string) and `env` prefix.
inline Outcome neurite(const std::string& args, const std::string& env = "") {
  static int counter = 0;
  const auto err_file = std::filesystem::temp_directory_path() /
                        ("neurite_e2e_err_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  const std::string command = env + " " + NEURITE_BINARY + " " + args + " 2>" + err_file.string();
  Outcome outcome;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return outcome;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) outcome.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  outcome.err.assign(std::istreambuf_iterator<char>(err), {});
  std::filesystem::remove(err_file);
  return outcome;
}

/// A fresh, empty temporary directory, removed when the object dies.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("neurite_" + tag + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string str() const { return path.string(); }
};

/// Splits CSV output (no quoted commas expected in these tests) into rows of cells.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream parts(line);
    while (std::getline(parts, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}
}  // namespace e2e
