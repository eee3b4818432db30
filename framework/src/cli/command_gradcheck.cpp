// `neurite gradcheck NAME [--param k=v ...]` checks one loaded component's
// backward pass against central finite differences (neurite/testing/gradcheck.hpp,
// the checker the plugin tests use); `neurite gradcheck EXPERIMENT.yaml` checks
// the whole assembled network of each experiment on a sample batch of its own
// training data: d loss / d every parameter. Exit 0 when every tensor passes,
// 1 when one does not, 2/3/4 for usage, data and plugin errors as elsewhere.
#include <neurite/config/experiment_file.hpp>
#include <neurite/data/dataset.hpp>
#include <neurite/network/assemble.hpp>
#include <neurite/plugin/activation.hpp>
#include <neurite/plugin/layer.hpp>
#include <neurite/plugin/loss.hpp>
#include <neurite/testing/gradcheck.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>

namespace neurite::cli {
namespace {
namespace nt = neurite::testing;

struct Settings {
  Index rows, cols, inputs;
  std::uint64_t seed;
  nt::GradcheckOptions check;
};

// Random values in [lo, hi] kept at least `margin` from every integer: the
// kinks of the usual activations (relu and leaky_relu at 0, hardtanh at +-1,
// hardsigmoid at +-3) sit on integers.
Matrix away_from_integers(Index rows, Index cols, std::uint64_t seed, double lo, double hi, double margin = 0.05) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (Index i = 0; i < m.size(); ++i) {
    double v = rng.uniform(lo, hi);
    while (std::abs(v - std::round(v)) < margin) v = rng.uniform(lo, hi);
    m.data()[i] = static_cast<float>(v);
  }
  return m;
}

// Targets that fit what the loss expects of `pred`'s columns.
Matrix targets_for(const Loss& loss, Index rows, Index cols, std::uint64_t seed) {
  Rng rng(seed);
  Matrix t = Matrix::Zero(rows, cols);
  if (loss.output_kind() == OutputKind::values) {
    for (Index i = 0; i < t.size(); ++i) t.data()[i] = static_cast<float>(rng.uniform(-2.0, 2.0));
  } else if (cols == 1) {
    for (Index r = 0; r < rows; ++r) t(r, 0) = static_cast<float>(rng.below(2));
  } else {
    for (Index r = 0; r < rows; ++r) t(r, static_cast<Index>(rng.below(static_cast<std::uint64_t>(cols)))) = 1.0f;
  }
  return t;
}

int report(const nt::GradcheckResult& result) {
  std::cout << result.message << "\n";
  return result.pass ? 0 : static_cast<int>(ExitCode::run_failed);
}

int check_component(const PluginRegistry& registry, const std::string& name, const std::vector<std::string>& params,
                    const Settings& s) {
  ComponentSpec spec;
  spec.name = name;
  for (const std::string& kv : params) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(ExitCode::usage, "gradcheck: --param expects KEY=VALUE, got '" + kv + "'");
    spec.params.push_back({kv.substr(0, eq), kv.substr(eq + 1), {}});
  }
  std::optional<Kind> kind;
  std::vector<std::string> names;
  for (const auto& c : registry.components()) {
    names.push_back(c.info->name);
    if (c.info->name == name) kind = c.info->kind;
  }
  if (!kind) {
    const std::string hint = nearest_name(name, names);
    throw Error(ExitCode::plugin, "gradcheck: no component named '" + name + "'" +
                                      (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  nt::GradcheckOptions opt = s.check;
  opt.label = name;
  switch (*kind) {
    case Kind::activation: {
      const auto act = registry.make_activation(spec);
      return report(nt::gradcheck_activation(*act, away_from_integers(s.rows, s.cols, s.seed, -3.0, 3.0), opt));
    }
    case Kind::layer: {
      const auto layer = registry.make_layer(spec);
      Rng rng(s.seed);
      try {
        layer->build(s.inputs, rng);
      } catch (const std::invalid_argument& e) {
        throw Error(ExitCode::usage, "gradcheck: " + name + " cannot take " + std::to_string(s.inputs) +
                                         " input columns (" + e.what() + "); set --inputs");
      }
      return report(nt::gradcheck_layer(*layer, away_from_integers(s.rows, s.inputs, s.seed + 1, -2.0, 2.0), opt));
    }
    case Kind::loss: {
      const auto loss = registry.make_loss(spec);
      Matrix pred = away_from_integers(s.rows, s.cols, s.seed, -3.0, 3.0);
      if (loss->output_kind() == OutputKind::probabilities)  // inside (0, 1), away from the clamps
        pred = (pred.array() / 8.0f + 0.5f).matrix();
      return report(nt::gradcheck_loss(*loss, pred, targets_for(*loss, s.rows, s.cols, s.seed + 2), opt));
    }
    case Kind::optimizer:
      throw Error(ExitCode::usage, "gradcheck: '" + name +
                                       "' is an optimizer; it has no gradient to check (its tests compare "
                                       "trajectories with PyTorch)");
  }
  return 0;
}

// d (scale * loss.sum) / d every parameter of the assembled network, by
// backpropagation through the layers, against central differences.
nt::GradcheckResult check_network(Network& network, const Loss& loss, ConstMatrixRef x, ConstMatrixRef target,
                                  const nt::GradcheckOptions& opt) {
  std::vector<Workspace> workspaces(network.size());
  std::vector<std::vector<Matrix>> grads(network.size());
  for (std::size_t l = 0; l < network.size(); ++l) {
    std::vector<MatrixMap> maps;
    for (const ParamView& p : network.layer(l).parameters()) grads[l].push_back(Matrix::Zero(p.rows, p.cols));
    for (Matrix& g : grads[l]) maps.emplace_back(g.data(), g.rows(), g.cols());
    workspaces[l].bind_gradients(std::move(maps));
    workspaces[l].set_training(false);  // deterministic: dropout off, as in evaluation
    network.layer(l).reserve(workspaces[l], x.rows());
  }
  auto forward = [&]() -> Matrix {
    Matrix current = x;
    for (std::size_t l = 0; l < network.size(); ++l) current = network.layer(l).forward(current, workspaces[l]);
    return current;
  };
  // Forward keeping every layer's input alive (layers remember views of it).
  std::vector<Matrix> inputs(network.size() + 1);
  inputs[0] = x;
  for (std::size_t l = 0; l < network.size(); ++l)
    inputs[l + 1] = network.layer(l).forward(inputs[l], workspaces[l]);
  Matrix dout(inputs.back().rows(), inputs.back().cols());
  loss.gradient(inputs.back(), target, opt.loss_scale, dout);
  Matrix grad = dout;
  for (std::size_t l = network.size(); l-- > 0;) {
    const ConstMatrixRef dx = network.layer(l).backward(grad, workspaces[l]);
    grad = dx;
  }
  auto objective = [&] {
    const Matrix out = forward();
    return static_cast<double>(opt.loss_scale) * loss.sum(out, target);
  };
  std::vector<nt::TensorCheck> checks;
  for (std::size_t l = 0; l < network.size(); ++l) {
    const auto params = network.layer(l).parameters();
    for (std::size_t i = 0; i < params.size(); ++i)
      checks.push_back(nt::detail::check_tensor(std::to_string(l) + "." + network.entry(l).name + "." +
                                                    params[i].name,
                                                params[i].data, params[i].rows, params[i].cols, grads[l][i],
                                                objective, opt));
  }
  return nt::detail::finish("network", std::move(checks), opt);
}

int check_experiments(const PluginRegistry& registry, const std::string& file, const Settings& s) {
  int code = 0;
  for (const ExperimentSpec& spec : load_experiment_file(file)) {
    const PreparedData data = prepare_data(spec.data, spec.seed);
    if (data.train.samples() == 0) throw Error(ExitCode::usage, spec.data.where, "the training split is empty");
    AssembledModel model = assemble_model(spec, registry, data.train, Rng(spec.seed));
    const Index rows = std::min<Index>(s.rows, data.train.samples());
    const Index cols = model.network.output_cols();
    Matrix target = Matrix::Zero(rows, cols);
    if (data.train.is_regression())
      target = data.train.targets.topRows(rows);
    else
      for (Index r = 0; r < rows; ++r) {
        if (cols == 1) target(r, 0) = static_cast<float>(data.train.labels[r]);
        else target(r, data.train.labels[r]) = 1.0f;
      }
    nt::GradcheckOptions opt = s.check;
    opt.label = spec.name + " (" + model.network.summary() + ", " + std::to_string(rows) + " rows)";
    const int one = report(check_network(model.network, *model.loss, data.train.features.topRows(rows), target, opt));
    code = std::max(code, one);
  }
  return code;
}
}  // namespace

int gradcheck_command(const Args& args) {
  po::options_description options(
      "neurite gradcheck NAME [--param KEY=VALUE ...] | neurite gradcheck EXPERIMENT.yaml");
  options.add_options()("help,h", "show this help")
      ("param,p", po::value<std::vector<std::string>>()->composing(), "a component parameter, KEY=VALUE (repeatable)")
      ("rows", po::value<int>()->default_value(4), "rows of the random batch (experiments: of the training data)")
      ("cols", po::value<int>()->default_value(5), "columns of an activation's or loss's input")
      ("inputs", po::value<int>()->default_value(4), "input columns a layer is built for")
      ("tolerance", po::value<double>()->default_value(1e-3), "bound on |a - n| / max(1, |a|, |n|)")
      ("seed", po::value<std::uint64_t>()->default_value(1), "seed of the random inputs");
  add_plugin_options(options);
  const auto vm = parse(args, options, "subject");
  if (vm.count("help")) {
    std::cout << options << "\n";
    return 0;
  }
  const auto subjects = vm.count("subject") ? vm["subject"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (subjects.size() != 1)
    throw Error(ExitCode::usage, "gradcheck: give one component name or one experiment file (see --help)");
  Settings s{vm["rows"].as<int>(), vm["cols"].as<int>(), vm["inputs"].as<int>(), vm["seed"].as<std::uint64_t>(), {}};
  if (s.rows < 1 || s.cols < 1 || s.inputs < 1)
    throw Error(ExitCode::usage, "gradcheck: --rows, --cols and --inputs must be at least 1");
  s.check.tolerance = vm["tolerance"].as<double>();
  if (!(s.check.tolerance > 0.0)) throw Error(ExitCode::usage, "gradcheck: --tolerance must be positive");
  s.check.seed = s.seed;
  const PluginRegistry registry = load_plugins(vm);
  const std::string& subject = subjects[0];
  const bool is_file = subject.ends_with(".yaml") || subject.ends_with(".yml");
  const auto params = vm.count("param") ? vm["param"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (is_file) {
    if (!params.empty()) throw Error(ExitCode::usage, "gradcheck: --param applies to a component, not to a file");
    return check_experiments(registry, subject, s);
  }
  return check_component(registry, subject, params, s);
}
}  // namespace neurite::cli
