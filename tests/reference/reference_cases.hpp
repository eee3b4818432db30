// Reading the PyTorch fixtures that tests/reference/make_*reference.py write
// (format in make_reference.py's docstring) and comparing against them.
// Each area (activations, losses, ...) may keep its own script, fixture and
// test file; they all share this reader.
#pragma once
#include <neurite/plugin/component.hpp>
#include <neurite/plugin/tensor.hpp>
#include <neurite/registry/plugin_registry.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace neurite::testing::reference {
struct Case {
  std::string kind, name;
  ComponentSpec spec;
  std::map<std::string, Matrix> tensors;
  bool has(const std::string& key) const { return tensors.count(key) != 0; }
  const Matrix& at(const std::string& key) const {
    auto it = tensors.find(key);
    if (it == tensors.end()) throw std::runtime_error("fixture case " + name + " has no tensor '" + key + "'");
    return it->second;
  }
  /// A setting of the case line (e.g. "reduction"), or `otherwise`.
  std::string setting(const std::string& key, const std::string& otherwise = "") const {
    for (const auto& p : spec.params)
      if (p.key == key) return p.text;
    return otherwise;
  }
};

/// The cases of `kind` in tests/reference/<fixture> (e.g. "torch_reference.txt").
inline std::vector<Case> load_cases(const std::string& kind, const std::string& fixture = "torch_reference.txt") {
  const std::string path = std::string(NEURITE_SOURCE_DIR) + "/tests/reference/" + fixture;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream is(line);
    std::string head;
    is >> head;
    if (head == "case") {
      Case c;
      is >> c.kind >> c.name;
      c.spec.name = c.name;
      for (std::string kv; is >> kv;) {
        const auto eq = kv.find('=');
        c.spec.params.push_back({kv.substr(0, eq), kv.substr(eq + 1), {}});
      }
      cases.push_back(std::move(c));
    } else if (!head.empty() && head[0] != '#') {
      if (cases.empty()) throw std::runtime_error(path + ": tensor before the first case");
      Index rows = 0, cols = 0;
      is >> rows >> cols;
      Matrix m(rows, cols);
      for (Index i = 0; i < m.size(); ++i) is >> m.data()[i];
      if (!is) throw std::runtime_error("bad fixture line: " + line.substr(0, 60));
      cases.back().tensors[head] = std::move(m);
    }
  }
  std::erase_if(cases, [&](const Case& c) { return c.kind != kind; });
  return cases;
}

/// Largest |got - want| / max(1, |want|): absolute near zero, relative above.
inline double error(const Matrix& got, const Matrix& want) {
  BOOST_TEST_REQUIRE(got.rows() == want.rows());
  BOOST_TEST_REQUIRE(got.cols() == want.cols());
  double e = 0.0;
  for (Index i = 0; i < got.size(); ++i) {
    const double w = want.data()[i];
    e = std::max(e, std::abs(got.data()[i] - w) / std::max(1.0, std::abs(w)));
  }
  return e;
}

inline std::string describe(const Case& c) {
  std::string s = c.kind + " " + c.name;
  for (const auto& p : c.spec.params) s += " " + p.key + "=" + p.text;
  return s;
}
}  // namespace neurite::testing::reference
