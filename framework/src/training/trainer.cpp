// Trainer implementation. Buffers (batch, shard workspaces, gradients) are
// sized in the constructor and on the first epoch; a training step itself
// does not allocate.
#include <neurite/errors.hpp>
#include <neurite/kernels/elementwise.hpp>
#include <neurite/kernels/gemm.hpp>
#include <neurite/plugin/large_buffer.hpp>
#include <neurite/network/stored_parameters.hpp>
#include <neurite/training/lr_schedule.hpp>
#include <neurite/training/regression_metrics.hpp>
#include <neurite/training/trainer.hpp>

#include "training/parameter_snapshot.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <type_traits>

namespace neurite {
namespace {
// Random stream ids derived from the experiment seed (see also data/ and network/).
constexpr std::uint64_t kShuffleStream = 0x5348554646ull;  // "SHUFF"
constexpr std::uint64_t kDropoutStream = 0x44524f50ull;    // "DROP"

// Automatic shard size. Two ways to use several threads on one mini-batch:
// shards (rows of the batch, each with its own gradient buffers, summed in a
// fixed order after the step), and parallel tiles of one large product
// (kernels/gemm.cpp). Shards parallelise everything, element-wise work
// included, but each adds a pass over all gradients; that pass is cheap while
// the gradients stay in cache and costs a memory-bound sweep once they do not.
// Measured (bench/README.md, "Shards or tiles"): C (0.9 MiB of parameters)
// is fastest in shards of 64 rows at 1 and 2 threads; D (25 MiB) in one shard
// of 256 rows with tiled products (1 thread 10% faster than shards of 128 and
// 20% than shards of 64, 2 threads as fast or faster).
// A shard must also carry enough work to pay for being a separate task
// (kMinShardFlops) and enough rows for its GEMMs to run near full speed
// (kMinShardRows); the batch is cut into equal shards. Depends only on the
// network and the batch size, never on the thread count.
//
// kMinShardFlops: handing a shard to the other thread means waking it, which
// on this VM takes from a few to about 100 microseconds. With 2 MFLOP shards,
// small networks ran slower at 2 threads than at 1 (medians of 5, samples/s,
// 1t / 2t): 784-32-32-10 at batch 128, 652k / 434k; now 688k / 692k (one
// shard). C keeps 2 shards of 64 rows (90 MFLOP each); LR, 1 shard instead of
// 2: 1.49M -> 1.58M at 1 thread. (Element-wise passes of 32 KiB-1 MiB still
// split: making them serial too looked better in short runs but gave C-adam
// 0.90x at 2 threads in a full bench run, against 1.85x before.)
constexpr double kMinShardFlops = 64.0e6;
constexpr Index kMinShardRows = 64;
constexpr double kMaxShardedParameterBytes = 4.0 * 1024 * 1024;

// Asks the memory system for a row of the next mini-batch, into L2 (T1): it is
// copied at the next step. The gather of randomly ordered rows is bound by
// memory latency (about 8-12 GB/s on one core here). One row of the next
// mini-batch is asked for after each row of this one is copied, so that the
// requests trickle out while the copy runs and land while the step's GEMMs
// leave the memory system idle; asking for all of them at once stalls on the
// core's miss buffers. LR samples/s, medians of 11-15 alternating runs
// (2026-11-26, data on huge pages): all rows after the gather 1.32M, one per
// copied row 1.38-1.42M; every 4th cache line only 1.30-1.32M (it was the
// best, 1.25M against 1.16M, before the data set had huge pages).
// Data sets smaller than this stay in the caches from one epoch to the next
// (A's 10,000 moons are 80 KB): no prefetch, which cost A 1.5%.
constexpr std::size_t kPrefetchAboveBytes = std::size_t{4} << 20;

void prefetch_row(const Matrix& features, Index row) {
  const char* data = reinterpret_cast<const char*>(features.row(row).data());
  const std::size_t bytes = sizeof(float) * static_cast<std::size_t>(features.cols());
  for (std::size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(data + offset, 0, 2);
}

// A row of the mini-batch gather. Rows of a few floats (moons, XOR, one-hot
// targets) are copied inline: a memcpy call per 8-byte row cost A's trainer
// more than its whole forward GEMM.
inline void copy_row(const float* from, float* to, Index cols) {
  if (cols <= 16) {
    for (Index c = 0; c < cols; ++c) to[c] = from[c];
  } else {
    std::memcpy(to, from, sizeof(float) * static_cast<std::size_t>(cols));
  }
}

// A class's target row, as targets_of builds it: P(class 1) for one column,
// one-hot for several. Written from the label, which is at hand, rather than
// gathered from the cached target matrix: that matrix is another random row
// per sample (2.4 MB for 60,000 samples of 10 classes), 12% of LR's step.
inline void write_class_target(int label, float* to, Index cols) {
  if (cols == 1) {
    to[0] = static_cast<float>(label);
    return;
  }
  for (Index c = 0; c < cols; ++c) to[c] = 0.0f;
  to[label] = 1.0f;
}

struct Diverged {
  std::string message;
};

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

Index auto_shard_rows(Network& network, Index batch) {
  for (std::size_t l = 0; l < network.size(); ++l)
    if (network.layer(l).needs_whole_batch()) return batch;  // batch statistics
  const double parameters = static_cast<double>(network.parameter_count());
  if (parameters * sizeof(float) > kMaxShardedParameterBytes) return batch;
  // Forward + two backward products: about 6 flops per dense parameter per
  // row, plus the element-wise work of activations.
  double flops_per_row = 6.0 * parameters;
  for (std::size_t l = 0; l < network.size(); ++l)
    if (network.entry(l).is_activation) flops_per_row += 20.0 * static_cast<double>(network.entry(l).output_cols);
  const double work = static_cast<double>(batch) * flops_per_row;
  const double shards = std::clamp(std::floor(work / kMinShardFlops), 1.0, static_cast<double>(batch));
  Index rows = static_cast<Index>(std::ceil(static_cast<double>(batch) / shards));
  rows = std::max<Index>(kMinShardRows, (rows + 7) / 8 * 8);
  return std::min(rows, batch);
}

ShardPlan plan_shards(Network& network, const TrainingSpec& spec) {
  ShardPlan plan;
  plan.batch = std::max(1, spec.batch_size);
  plan.rows = spec.shard_rows > 0 ? std::min<Index>(spec.shard_rows, plan.batch) : auto_shard_rows(network, plan.batch);
  for (std::size_t l = 0; l < network.size(); ++l)
    if (network.layer(l).needs_whole_batch() && plan.rows < plan.batch)
      throw Error(ExitCode::usage, spec.shard_rows_where,
                  "layer " + std::to_string(l) + " (" + network.entry(l).name +
                      ") computes statistics over the whole mini-batch; training.shard_rows " +
                      std::to_string(plan.rows) + " would split a batch of " + std::to_string(plan.batch) +
                      " (remove shard_rows, or make it at least batch_size)");
  plan.shards = (plan.batch + plan.rows - 1) / plan.rows;
  return plan;
}

// One shard's private state: a workspace per layer, gradient accumulators per
// layer parameter, the loss gradient, and evaluation targets.
struct Shard {
  std::vector<Workspace> workspaces;
  std::vector<std::vector<Matrix>> gradients;  // [layer][parameter]
  Matrix loss_gradient;
  double loss_sum = 0.0;
  Index correct = 0;                  // classification
  std::vector<double> squared_error;  // regression: per output column
  // Final evaluation only (Impl::record_confusion): counts[true * classes + predicted].
  std::vector<std::int64_t> confusion;
};

struct Trainer::Impl {
  Network& network;
  const Loss& loss;
  Optimizer& optimizer;
  TrainingSpec spec;
  Rng shuffle_rng, dropout_rng;
  Index shard_rows, max_shards, terms_per_sample;
  std::vector<Shard> shards;
  std::vector<ParamSlot> slots;
  // Regularised weights: a layer's "weight" parameters with its l1/l2 (Network).
  struct Penalty {
    float* param;
    float* grad;
    Index size;
    float l1, l2;
  };
  std::vector<Penalty> penalties;
  // The mini-batch gradient of every trainable parameter (shard 0's buffers,
  // which the optimizer's slots also point at), for clipping.
  struct Gradient {
    float* data;
    Index size;
  };
  std::vector<Gradient> trainable_gradients;
  Matrix batch_x, batch_t;
  std::vector<int> batch_labels;
  std::vector<Index> order;
  std::uint64_t step_count = 0;
  // Target matrices (one-hot rows, or the 0/1 column) of the data sets seen,
  // built once per data set so that steps copy rows instead of encoding them.
  std::vector<std::pair<const Dataset*, Matrix>> target_cache;
  // Regression: whether the batch buffers hold a regression set, and per-output
  // sums (regression_metrics.hpp) of the epoch and of an evaluation pass.
  bool batch_regression = false;
  std::vector<double> epoch_squared_error, eval_squared_error, total_squares_buffer;

  Impl(Network& n, const Loss& l, Optimizer& o, const TrainingSpec& s, const Rng& rng)
      : network(n), loss(l), optimizer(o), spec(s),
        shuffle_rng(rng.derive(kShuffleStream)), dropout_rng(rng.derive(kDropoutStream)) {
    const ShardPlan plan = plan_shards(network, spec);
    shard_rows = plan.rows;
    max_shards = plan.shards;
    terms_per_sample = loss.terms_per_sample(network.output_cols());
    const Index in = network.input_cols(), out = network.output_cols();

    std::vector<ParamView> all_params;
    std::vector<std::vector<Index>> shapes;  // [layer] -> rows, cols, rows, cols, ...
    for (std::size_t l = 0; l < network.size(); ++l) {
      shapes.emplace_back();
      for (const ParamView& p : network.layer(l).parameters()) {
        all_params.push_back(p);
        shapes[l].insert(shapes[l].end(), {p.rows, p.cols});
      }
    }
    optimizer.bind(all_params);

    shards.resize(static_cast<std::size_t>(max_shards));
    for (Shard& shard : shards) {
      shard.workspaces.resize(network.size());
      shard.gradients.resize(network.size());
      for (std::size_t l = 0; l < network.size(); ++l) {
        for (std::size_t k = 0; k < shapes[l].size(); k += 2)
          shard.gradients[l].push_back(large_matrix(shapes[l][k], shapes[l][k + 1], 0.0f));
        std::vector<MatrixMap> maps;  // taken after the vector is complete: pointers stay valid
        for (Matrix& g : shard.gradients[l]) maps.emplace_back(g.data(), g.rows(), g.cols());
        shard.workspaces[l].bind_gradients(std::move(maps));
        shard.workspaces[l].set_input_gradient_needed(l > 0);  // the data needs no gradient
        network.layer(l).reserve(shard.workspaces[l], shard_rows);
      }
      shard.loss_gradient.resize(shard_rows, out);
      shard.squared_error.assign(static_cast<std::size_t>(out), 0.0);
    }
    epoch_squared_error.assign(static_cast<std::size_t>(out), 0.0);
    eval_squared_error.assign(static_cast<std::size_t>(out), 0.0);
    total_squares_buffer.assign(static_cast<std::size_t>(out), 0.0);
    // The optimizer reads the mini-batch gradient from shard 0's buffers, into
    // which the other shards are summed (see step()).
    for (std::size_t l = 0, k = 0; l < network.size(); ++l)
      for (Matrix& g : shards[0].gradients[l]) {
        const ParamView& p = all_params[k++];
        slots.push_back({p, g.data()});
        if (p.trainable) trainable_gradients.push_back({g.data(), g.size()});
        const NetworkLayer& entry = network.entry(l);
        if ((entry.l1 > 0.0 || entry.l2 > 0.0) && p.trainable && std::string_view(p.name) == "weight")
          penalties.push_back({p.data, g.data(), p.size(), static_cast<float>(entry.l1), static_cast<float>(entry.l2)});
      }
    resize_large(batch_x, plan.batch, in);
    batch_t.resize(plan.batch, out);
    batch_labels.resize(static_cast<std::size_t>(plan.batch));
  }

  const Matrix& targets_of(const Dataset& data) {
    if (data.is_regression()) {  // the data set's own values, one column per output
      if (data.targets.rows() != data.samples() || data.targets.cols() != network.output_cols())
        throw std::invalid_argument("regression targets are " + std::to_string(data.targets.rows()) + "x" +
                                    std::to_string(data.targets.cols()) + " for " + std::to_string(data.samples()) +
                                    " samples and " + std::to_string(network.output_cols()) + " outputs");
      return data.targets;
    }
    for (const auto& [seen, targets] : target_cache)
      if (seen == &data && targets.rows() == data.samples()) return targets;
    const Index cols = network.output_cols();
    // Every label is checked here, once per data set, so the per-batch writes
    // (write_class_target) can index by label without a check of their own.
    const Index classes = std::max<Index>(cols, 2);
    for (Index i = 0; i < data.samples(); ++i)
      if (data.labels[i] < 0 || data.labels[i] >= classes)
        throw std::invalid_argument("label " + std::to_string(data.labels[i]) + " of sample " + std::to_string(i) +
                                    " is outside the network's " + std::to_string(classes) + " classes");
    Matrix targets = Matrix::Zero(data.samples(), cols);
    for (Index i = 0; i < data.samples(); ++i) write_class_target(data.labels[i], targets.row(i).data(), cols);
    target_cache.emplace_back(&data, std::move(targets));
    return target_cache.back().second;
  }

  /// The class row r of `out` predicts: argmax of k > 1 columns; one column
  /// is P(class 1) > 0.5, or a logit > 0.
  int predicted_class(ConstMatrixRef out, Index r) const {
    if (out.cols() == 1) {
      const float threshold = loss.output_kind() == OutputKind::logits ? 0.0f : 0.5f;
      return out(r, 0) > threshold ? 1 : 0;
    }
    Index best;
    out.row(r).maxCoeff(&best);
    return static_cast<int>(best);
  }

  Index count_correct(ConstMatrixRef out, const int* labels) const {
    Index correct = 0;
    for (Index r = 0; r < out.rows(); ++r) correct += predicted_class(out, r) == labels[r] ? 1 : 0;
    return correct;
  }

  /// Adds each row's (true, predicted) pair to `counts` (classes x classes).
  void count_confusion(ConstMatrixRef out, const int* labels, std::vector<std::int64_t>& counts) const {
    for (Index r = 0; r < out.rows(); ++r)
      ++counts[static_cast<std::size_t>(labels[r] * confusion_classes + predicted_class(out, r))];
  }

  // The final evaluation of each split also counts the confusion matrix
  // (fit(): record_confusion); the per-epoch passes and training steps do not.
  bool record_confusion = false;
  Index confusion_classes = 0;
  std::vector<std::int64_t> confusion_total;

  /// Sizes the per-shard counts for a classification set's classes. Outside
  /// the epochs: it allocates.
  void start_confusion(const Dataset& data) {
    confusion_classes = std::max<Index>({data.num_classes, network.output_cols(), 2});
    const auto cells = static_cast<std::size_t>(confusion_classes * confusion_classes);
    for (Shard& shard : shards) shard.confusion.assign(cells, 0);
    confusion_total.assign(cells, 0);
    record_confusion = true;
  }

  /// Forward (and backward when training) of one shard. Gradients of the
  /// shard are assigned zero first, then accumulated by the layers.
  void run_shard(Shard& shard, ConstMatrixRef x, ConstMatrixRef t, const int* labels, bool training,
                 float scale, std::uint64_t rng_stream) {
    std::optional<ConstMatrixRef> current;
    current.emplace(x);
    for (std::size_t l = 0; l < network.size(); ++l) {
      Workspace& ws = shard.workspaces[l];
      ws.set_training(training);
      if (training) ws.set_rng(dropout_rng.derive(rng_stream * network.size() + l));
      ConstMatrixRef y = network.layer(l).forward(*current, ws);
      current.emplace(y);
    }
    if (labels) {  // classification
      shard.correct = count_correct(*current, labels);
      if (record_confusion && !training) count_confusion(*current, labels, shard.confusion);
    } else {  // regression
      std::fill(shard.squared_error.begin(), shard.squared_error.end(), 0.0);
      add_squared_error(*current, t, shard.squared_error);
    }
    if (!training) {
      shard.loss_sum = loss.sum(*current, t);
      return;
    }

    for (auto& layer_grads : shard.gradients)
      for (Matrix& g : layer_grads) {
        float* const data = g.data();
        kernels::for_each_chunk(g.size(), [data](Index begin, Index end) {
          std::fill(data + begin, data + end, 0.0f);
        });
      }
    MatrixRef dout = shard.loss_gradient.topRows(x.rows());
    shard.loss_sum = loss.sum_and_gradient(*current, t, scale, dout);
    std::optional<ConstMatrixRef> grad;
    grad.emplace(dout);
    for (std::size_t l = network.size(); l-- > 0;) {
      ConstMatrixRef dx = network.layer(l).backward(*grad, shard.workspaces[l]);
      grad.emplace(dx);
    }
  }

  /// d(reduced loss) / d(sum of the loss's terms) for a mini-batch of `rows`.
  float reduction_scale(Index rows) const {
    return spec.loss_reduction == LossReduction::sum ? 1.0f : 1.0f / static_cast<float>(rows * terms_per_sample);
  }

  /// Adds the layers' L1/L2 penalties' gradients (l1 sign(W) + 2 l2 W) to the
  /// mini-batch gradient; returns the penalties' value (added to the loss).
  double add_penalties() {
    double value = 0.0;
    for (const Penalty& pen : penalties) {
      const Eigen::Map<const Eigen::ArrayXf> w(pen.param, pen.size);
      value += pen.l1 * w.abs().cast<double>().sum() + pen.l2 * w.square().cast<double>().sum();
      kernels::for_each_chunk(pen.size, [&](Index begin, Index end) {
        const Index n = end - begin;
        const Eigen::Map<const Eigen::ArrayXf> p(pen.param + begin, n);
        Eigen::Map<Eigen::ArrayXf> g(pen.grad + begin, n);
        g += pen.l1 * p.sign() + (2.0f * pen.l2) * p;
      });
    }
    return value;
  }

  /// clip_grad_norm_ (global L2 norm over every trainable gradient, PyTorch's
  /// coefficient max_norm / (norm + 1e-6)), then clip_grad_value_.
  void clip_gradients() {
    if (spec.clip_grad_norm > 0.0) {
      double squares = 0.0;
      for (const Gradient& g : trainable_gradients)
        squares += Eigen::Map<const Eigen::ArrayXf>(g.data, g.size).cast<double>().square().sum();
      const double coefficient = spec.clip_grad_norm / (std::sqrt(squares) + 1e-6);
      if (coefficient < 1.0)
        for (const Gradient& g : trainable_gradients) {
          const auto c = static_cast<float>(coefficient);
          kernels::for_each_chunk(g.size, [&g, c](Index begin, Index end) {
            Eigen::Map<Eigen::ArrayXf>(g.data + begin, end - begin) *= c;
          });
        }
    }
    if (spec.clip_grad_value > 0.0) {
      const auto v = static_cast<float>(spec.clip_grad_value);
      for (const Gradient& g : trainable_gradients)
        kernels::for_each_chunk(g.size, [&g, v](Index begin, Index end) {
          Eigen::Map<Eigen::ArrayXf> part(g.data + begin, end - begin);
          part = part.min(v).max(-v);
        });
    }
  }

  /// One optimizer step on rows [0, rows) of the batch buffers; returns the
  /// loss in units of the loss's term sum (penalties included).
  double step(Index rows, Index& correct) {
    const Index active = (rows + shard_rows - 1) / shard_rows;
    const float scale = reduction_scale(rows);
    auto work = [&](std::size_t s) {
      const Index begin = static_cast<Index>(s) * shard_rows;
      const Index n = std::min(shard_rows, rows - begin);
      run_shard(shards[s], batch_x.middleRows(begin, n), batch_t.middleRows(begin, n),
                batch_regression ? nullptr : batch_labels.data() + begin, true, scale,
                step_count * static_cast<std::uint64_t>(max_shards) + s);
    };
    if (active == 1) work(0);
    else tbb::parallel_for(std::size_t{0}, static_cast<std::size_t>(active), work);
    ++step_count;

    // Deterministic reduction: shard 0, then 1, 2, ... whatever ran where.
    double loss_sum = 0.0;
    correct = 0;
    for (Index s = 0; s < active; ++s) {
      loss_sum += shards[s].loss_sum;
      correct += shards[s].correct;
    }
    if (batch_regression)
      for (Index s = 0; s < active; ++s)
        for (std::size_t c = 0; c < epoch_squared_error.size(); ++c)
          epoch_squared_error[c] += shards[s].squared_error[c];
    // Summed into shard 0's buffers, which the optimizer's slots point at.
    for (std::size_t l = 0; l < network.size(); ++l)
      for (std::size_t i = 0; i < shards[0].gradients[l].size(); ++i) {
        Matrix& total = shards[0].gradients[l][i];
        kernels::for_each_chunk(total.size(), [&](Index begin, Index end) {
          for (Index s = 1; s < active; ++s)
            total.reshaped<Eigen::RowMajor>().segment(begin, end - begin) +=
                shards[s].gradients[l][i].reshaped<Eigen::RowMajor>().segment(begin, end - begin);
        });
      }
    if (!penalties.empty()) loss_sum += add_penalties() / scale;
    clip_gradients();
    optimizer.step(slots);
    return loss_sum;
  }
};

Trainer::Trainer(Network& network, const Loss& loss, Optimizer& optimizer, const TrainingSpec& spec,
                 const Rng& rng)
    : impl_(std::make_unique<Impl>(network, loss, optimizer, spec, rng)) {
  kernels::initialize();  // one-off JIT/library set-up stays out of the measured training time
}
Trainer::~Trainer() = default;

EpochMetrics Trainer::train_epoch(const Dataset& train, int epoch) {
  Impl& m = *impl_;
  const Index n = train.samples();
  if (static_cast<Index>(m.order.size()) != n) {
    m.order.resize(static_cast<std::size_t>(n));
  }
  for (Index i = 0; i < n; ++i) m.order[i] = i;  // reshuffle from identity: order depends only on the rng
  if (m.spec.shuffle) m.shuffle_rng.shuffle(m.order.begin(), m.order.end());

  const Index batch = m.batch_x.rows();
  const Matrix& targets = m.targets_of(train);
  const bool regression = train.is_regression();
  m.batch_regression = regression;
  std::fill(m.epoch_squared_error.begin(), m.epoch_squared_error.end(), 0.0);
  double loss_sum = 0.0;
  Index correct_total = 0;
  const bool prefetching = sizeof(float) * static_cast<std::size_t>(train.features.size()) > kPrefetchAboveBytes;
  for (Index start = 0, b = 0; start < n; start += batch, ++b) {
    const Index rows = std::min(batch, n - start);
    const Index in = m.batch_x.cols(), out = m.batch_t.cols();
    // One loop per kind, so that classification's gather has no per-row test.
    const Index next_rows = prefetching ? std::clamp<Index>(n - start - batch, 0, batch) : 0;
    const auto gather = [&](auto with_labels) {
      for (Index r = 0; r < rows; ++r) {  // rows are contiguous (row-major): plain copies
        const Index i = m.order[start + r];
        if (r < next_rows) prefetch_row(train.features, m.order[start + batch + r]);
        copy_row(train.features.row(i).data(), m.batch_x.row(r).data(), in);
        if constexpr (decltype(with_labels)::value) {
          const int label = train.labels[i];
          m.batch_labels[r] = label;
          write_class_target(label, m.batch_t.row(r).data(), out);
        } else {
          copy_row(targets.row(i).data(), m.batch_t.row(r).data(), out);
        }
      }
    };
    if (regression) gather(std::false_type{});
    else gather(std::true_type{});
    Index correct = 0;
    const double batch_loss = m.step(rows, correct);
    if (!std::isfinite(batch_loss)) {
      std::ostringstream os;
      os << "loss is " << batch_loss << " at epoch " << epoch << ", mini-batch " << b + 1
         << "; try a smaller learning_rate";
      throw Diverged{os.str()};
    }
    loss_sum += batch_loss;
    correct_total += correct;
  }
  EpochMetrics metrics;
  metrics.epoch = epoch;
  metrics.train_loss = n ? loss_sum / static_cast<double>(n * m.terms_per_sample) : 0.0;
  metrics.train_accuracy = n ? static_cast<double>(correct_total) / static_cast<double>(n) : 0.0;
  if (regression) {
    metrics.train_accuracy = kNotApplicable;
    if (n > 0) {
      total_squares(targets, m.total_squares_buffer);
      const RegressionScores scores = regression_scores(m.epoch_squared_error, m.total_squares_buffer, n);
      metrics.train_rmse = scores.rmse;
      metrics.train_r2 = scores.r2;
    }
  }
  return metrics;
}

SplitMetrics Trainer::evaluate(const Dataset& data) {
  Impl& m = *impl_;
  SplitMetrics result;
  const Index n = data.samples();
  const bool regression = data.is_regression();
  result.samples = static_cast<std::size_t>(n);
  if (regression) result.accuracy = kNotApplicable;
  if (n == 0) return result;
  const Matrix& targets = m.targets_of(data);
  double loss_sum = 0.0;
  Index correct = 0;
  std::fill(m.eval_squared_error.begin(), m.eval_squared_error.end(), 0.0);
  const Index group_rows = m.shard_rows * m.max_shards;
  for (Index start = 0; start < n; start += group_rows) {
    const Index rows = std::min(group_rows, n - start);
    const Index active = (rows + m.shard_rows - 1) / m.shard_rows;
    auto work = [&](std::size_t s) {
      const Index begin = start + static_cast<Index>(s) * m.shard_rows;
      const Index k = std::min(m.shard_rows, start + rows - begin);
      m.run_shard(m.shards[s], data.features.middleRows(begin, k), targets.middleRows(begin, k),
                  regression ? nullptr : data.labels.data() + begin, false, 0.0f, 0);
    };
    if (active == 1) work(0);
    else tbb::parallel_for(std::size_t{0}, static_cast<std::size_t>(active), work);
    for (Index s = 0; s < active; ++s) {
      loss_sum += m.shards[s].loss_sum;
      correct += m.shards[s].correct;
      if (m.record_confusion && !regression) {
        std::vector<std::int64_t>& counts = m.shards[s].confusion;
        for (std::size_t c = 0; c < counts.size(); ++c) m.confusion_total[c] += counts[c];
        std::fill(counts.begin(), counts.end(), 0);
      }
      if (regression)
        for (std::size_t c = 0; c < m.eval_squared_error.size(); ++c)
          m.eval_squared_error[c] += m.shards[s].squared_error[c];
    }
  }
  result.loss = loss_sum / static_cast<double>(n * m.terms_per_sample);
  if (regression) {
    total_squares(targets, m.total_squares_buffer);
    const RegressionScores scores = regression_scores(m.eval_squared_error, m.total_squares_buffer, n);
    result.rmse = scores.rmse;
    result.r2 = scores.r2;
  } else {
    result.accuracy = static_cast<double>(correct) / static_cast<double>(n);
    if (m.record_confusion) result.confusion = m.confusion_total;
  }
  return result;
}

namespace {
// The monitored value of early stopping (lower is better).
double monitored_value(const EarlyStoppingSpec& stopping, const EpochMetrics& metrics) {
  if (stopping.monitor == "train_loss") return metrics.train_loss;
  if (stopping.monitor == "validation_accuracy") return -metrics.validation_accuracy;
  return metrics.validation_loss;
}

std::vector<std::vector<float>> values_of(const std::vector<StoredParameter>& stored) {
  std::vector<std::vector<float>> values;
  for (const StoredParameter& p : stored) values.push_back(p.values);
  return values;
}
}  // namespace

TrainingOutcome Trainer::fit(const PreparedData& data, const EpochObserver& observer, const CheckpointHooks& hooks,
                             const std::string& hooks_source) {
  Impl& m = *impl_;
  const TrainingSpec& spec = m.spec;
  const EarlyStoppingSpec& stopping = spec.early_stopping;
  TrainingOutcome outcome;
  const auto start = Clock::now();
  double best = std::numeric_limits<double>::infinity();
  int epochs_without_improvement = 0;
  // restore_best_weights: the parameters of the best monitored epoch so far.
  ParameterSnapshot best_weights(m.network, stopping.enabled && stopping.restore_best_weights);
  LearningRateSchedule schedule(spec.lr_schedule, m.optimizer.learning_rate());
  int first_epoch = 1;
  double seconds_before = 0.0;  // training time of the run before it was resumed
  if (hooks.resume) {
    const TrainingCheckpoint& c = *hooks.resume;
    if (c.epochs_done < 0 || c.epochs_done > spec.epochs || static_cast<int>(c.history.size()) != c.epochs_done)
      throw Error(ExitCode::data, hooks_source + ": the checkpoint is after epoch " + std::to_string(c.epochs_done) +
                                      " with " + std::to_string(c.history.size()) + " epochs of history, of " +
                                      std::to_string(spec.epochs) + " planned");
    load_parameters(c.parameters, m.network, hooks_source);
    try {
      m.optimizer.load_state(load_optimizer_state(c.optimizer_state, hooks_source));
    } catch (const std::invalid_argument& e) {
      throw Error(ExitCode::data, hooks_source + ": the optimizer state does not fit: " + e.what());
    }
    m.shuffle_rng.set_state(c.shuffle_rng);
    m.step_count = c.step_count;
    schedule.set_plateau_state(c.plateau);
    best = c.best_monitored;
    epochs_without_improvement = c.epochs_without_improvement;
    outcome.restored_epoch = c.best_epoch;
    if (best_weights.enabled() && c.best_epoch > 0) best_weights.set_values(values_of(c.best_parameters), hooks_source);
    outcome.history = c.history;
    first_epoch = c.epochs_done + 1;
    seconds_before = c.wall_seconds;
  }
  const auto elapsed = [&] { return seconds_before + seconds_since(start); };
  auto last_checkpoint = Clock::now();
  // Everything a resumed run needs (checkpoint.hpp), after epoch `epoch`.
  const auto checkpoint = [&](int epoch) {
    TrainingCheckpoint c;
    c.epochs_done = epoch;
    c.history = outcome.history;
    c.wall_seconds = elapsed();
    c.parameters = store_parameters(m.network);
    c.optimizer_state = store_optimizer_state(m.optimizer);
    c.shuffle_rng = m.shuffle_rng.state();
    c.step_count = m.step_count;
    c.plateau = schedule.plateau_state();
    c.best_monitored = best;
    c.epochs_without_improvement = epochs_without_improvement;
    c.best_epoch = outcome.restored_epoch;
    if (best_weights.enabled() && outcome.restored_epoch > 0) {
      c.best_parameters = c.parameters;  // names and shapes; the values are the best epoch's
      for (std::size_t k = 0; k < c.best_parameters.size(); ++k) c.best_parameters[k].values = best_weights.values()[k];
    }
    hooks.save(c);
  };
  try {
    for (int epoch = first_epoch; epoch <= spec.epochs; ++epoch) {
      const auto epoch_start = Clock::now();
      const double rate = schedule.rate(epoch - 1);
      m.optimizer.set_learning_rate(rate);
      EpochMetrics metrics = train_epoch(data.train, epoch);
      metrics.learning_rate = rate;
      if (data.validation.samples() > 0) {
        const SplitMetrics v = evaluate(data.validation);
        metrics.validation_loss = v.loss;
        metrics.validation_accuracy = v.accuracy;
        metrics.validation_rmse = v.rmse;
        metrics.validation_r2 = v.r2;
      } else {
        metrics.validation_loss = metrics.validation_accuracy = std::nan("");
      }
      metrics.seconds = seconds_since(epoch_start);
      outcome.history.push_back(metrics);
      if (observer) observer(metrics, spec.epochs);
      schedule.end_epoch(epoch - 1, metrics);

      if (stopping.enabled) {
        const double monitored = monitored_value(stopping, metrics);
        if (monitored < best - stopping.min_delta) {
          best = monitored;
          epochs_without_improvement = 0;
          if (best_weights.enabled()) {
            best_weights.capture();
            outcome.restored_epoch = epoch;
          }
        } else if (++epochs_without_improvement >= stopping.patience) {
          outcome.stop_reason = "early_stopping";
          break;
        }
      }
      if (epoch == spec.epochs) break;
      // The budget is checked between epochs: the epoch that crosses it finishes.
      if (spec.time_limit > 0.0 && elapsed() >= spec.time_limit) {
        outcome.stop_reason = "time_limit";
        break;
      }
      const bool stop = hooks.stop && hooks.stop->load();
      if (hooks.save && (stop || (spec.checkpoint_every > 0 && epoch % spec.checkpoint_every == 0) ||
                         (spec.checkpoint_seconds > 0.0 && seconds_since(last_checkpoint) >= spec.checkpoint_seconds))) {
        checkpoint(epoch);
        last_checkpoint = Clock::now();
      }
      if (stop) {
        outcome.interrupted = true;
        break;
      }
    }
  } catch (const Diverged& d) {
    outcome.status = RunStatus::diverged;
    outcome.error = d.message;
  }
  outcome.wall_seconds = elapsed();
  if (outcome.interrupted) return outcome;
  if (outcome.status != RunStatus::ok) {
    outcome.stop_reason.clear();
    outcome.restored_epoch = 0;
  } else if (outcome.stop_reason.empty()) {
    outcome.stop_reason = "completed";
  }
  // Restored before the final evaluation, so the result's metrics and
  // parameters are the best epoch's (the history keeps every epoch).
  if (outcome.restored_epoch > 0) best_weights.restore();
  if (outcome.status == RunStatus::ok) {
    if (!data.train.is_regression()) m.start_confusion(data.train);
    const auto final_evaluation = [this](const Dataset& split) {
      std::fill(impl_->confusion_total.begin(), impl_->confusion_total.end(), 0);
      return evaluate(split);
    };
    outcome.train = final_evaluation(data.train);
    outcome.validation = final_evaluation(data.validation);
    outcome.test = final_evaluation(data.test);
    m.record_confusion = false;
  }
  return outcome;
}
}  // namespace neurite
