// Mirrors framework/include/neurite/testing/gradcheck.hpp: the checker must
// pass correct gradients and catch wrong ones, including a backward() that
// assigns parameter gradients instead of adding to them.
#define BOOST_TEST_MODULE gradcheck
#include <boost/test/unit_test.hpp>

#include <neurite/testing/gradcheck.hpp>
#include <neurite/testing/plugins.hpp>

#include <vector>

namespace nt = neurite::testing;
using neurite::ConstMatrixRef;
using neurite::Index;
using neurite::Matrix;
using neurite::MatrixRef;

namespace {
// a = z^2 with a backward scaled by `factor` (1 is correct).
class Square final : public neurite::Activation {
 public:
  explicit Square(float factor) : factor_(factor) {}
  void forward(ConstMatrixRef z, MatrixRef a) const override { a.array() = z.array().square(); }
  void backward(ConstMatrixRef z, ConstMatrixRef, ConstMatrixRef da, MatrixRef dz) const override {
    dz.array() = factor_ * 2.0f * z.array() * da.array();
  }

 private:
  float factor_;
};

// y = x * s (one scalar parameter s); `accumulate` false assigns ds instead of adding.
class Scale final : public neurite::Layer {
 public:
  explicit Scale(bool accumulate) : accumulate_(accumulate) {}
  Index build(Index cols, neurite::Rng&) override {
    params_ = {{"scale", &s_, 1, 1, true}};
    return cols;
  }
  void reserve(neurite::Workspace& ws, Index rows) const override { ws.buffer(0).resize(rows, 3); ws.buffer(1).resize(rows, 3); }
  ConstMatrixRef forward(ConstMatrixRef x, neurite::Workspace& ws) const override {
    ws.remember_input(x);
    MatrixRef y = ws.rows(0, x.rows());
    y = s_ * x;
    return y;
  }
  ConstMatrixRef backward(ConstMatrixRef dy, neurite::Workspace& ws) const override {
    const float ds = dy.cwiseProduct(ws.input()).sum();
    if (accumulate_) ws.gradient(0)(0, 0) += ds;
    else ws.gradient(0)(0, 0) = ds;
    MatrixRef dx = ws.rows(1, dy.rows());
    dx = s_ * dy;
    return dx;
  }
  std::span<neurite::ParamView> parameters() override { return params_; }

 private:
  bool accumulate_;
  float s_ = 1.5f;
  std::vector<neurite::ParamView> params_;
};

// sum = sum(p^3); gradient left unassigned when `assign` is false.
class Cube final : public neurite::Loss {
 public:
  explicit Cube(bool assign) : assign_(assign) {}
  double sum(ConstMatrixRef p, ConstMatrixRef) const override { return p.cast<double>().array().cube().sum(); }
  void gradient(ConstMatrixRef p, ConstMatrixRef, float scale, MatrixRef d) const override {
    if (assign_) d.array() = scale * 3.0f * p.array().square();
  }
  Index terms_per_sample(Index cols) const override { return cols; }
  neurite::OutputKind output_kind() const override { return neurite::OutputKind::values; }

 private:
  bool assign_;
};
}  // namespace

BOOST_AUTO_TEST_CASE(passes_a_correct_activation_gradient) {
  const auto r = nt::gradcheck_activation(Square(1.0f), nt::random_matrix(4, 3, 1));
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
  BOOST_TEST_REQUIRE(r.tensors.size() == 1u);
  BOOST_TEST(r.tensors[0].name == "input");
}

BOOST_AUTO_TEST_CASE(fails_a_gradient_off_by_two_percent_and_says_where) {
  const auto r = nt::gradcheck_activation(Square(1.02f), nt::random_matrix(4, 3, 1), {.label = "square"});
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST(!r.pass);
  BOOST_TEST(r.tensors[0].failures > 0);
  BOOST_TEST(r.message.find("square") != std::string::npos);
  BOOST_TEST(r.message.find("FAIL") != std::string::npos);
  BOOST_TEST(r.message.find("worst") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(passes_a_layer_that_adds_parameter_gradients) {
  Scale layer(true);
  neurite::Rng rng(1);
  layer.build(3, rng);
  const auto r = nt::gradcheck_layer(layer, nt::random_matrix(5, 3, 2));
  BOOST_TEST_INFO(r.message);
  BOOST_TEST(r.pass);
  BOOST_TEST_REQUIRE(r.tensors.size() == 2u);
  BOOST_TEST(r.tensors[1].name == "scale");
}

BOOST_AUTO_TEST_CASE(fails_a_layer_that_assigns_parameter_gradients) {
  Scale layer(false);
  neurite::Rng rng(1);
  layer.build(3, rng);
  const auto r = nt::gradcheck_layer(layer, nt::random_matrix(5, 3, 2));
  BOOST_TEST_MESSAGE(r.message);
  BOOST_TEST(!r.pass);
  BOOST_TEST(r.tensors[0].pass);   // input gradient is right
  BOOST_TEST(!r.tensors[1].pass);  // parameter gradient was overwritten
}

BOOST_AUTO_TEST_CASE(layer_parameters_are_restored_exactly) {
  Scale layer(true);
  neurite::Rng rng(1);
  layer.build(3, rng);
  const float before = *layer.parameters()[0].data;
  nt::gradcheck_layer(layer, nt::random_matrix(5, 3, 2));
  BOOST_TEST(*layer.parameters()[0].data == before);
}

BOOST_AUTO_TEST_CASE(checks_losses_and_catches_an_unassigned_gradient) {
  const Matrix p = nt::random_matrix(3, 2, 3), t = Matrix::Zero(3, 2);
  const auto good = nt::gradcheck_loss(Cube(true), p, t);
  BOOST_TEST_INFO(good.message);
  BOOST_TEST(good.pass);
  BOOST_TEST(!nt::gradcheck_loss(Cube(false), p, t).pass);
}

BOOST_AUTO_TEST_CASE(random_matrix_is_deterministic_in_range_and_avoids_kinks) {
  const Matrix a = nt::random_matrix(50, 40, 9), b = nt::random_matrix(50, 40, 9);
  BOOST_TEST((a.array() == b.array()).all());
  BOOST_TEST((a.array() != nt::random_matrix(50, 40, 10).array()).any());
  BOOST_TEST(a.cwiseAbs().maxCoeff() <= 2.0f);
  const Matrix c = nt::random_matrix(50, 40, 9, 0.5f, 0.25f);
  BOOST_TEST(((c.array() - 0.5f).abs() >= 0.25f).all());
}
