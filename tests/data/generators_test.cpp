// Mirrors framework/src/data/{xor,moons,circles,random}.cpp through make_dataset().
#define BOOST_TEST_MODULE generators
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

using neurite::DataSpec;
using neurite::Dataset;
using neurite::make_dataset;

namespace {
DataSpec generator(const std::string& source, std::size_t samples, double noise) {
  DataSpec spec;
  spec.source = source;
  spec.samples = samples;
  spec.noise = noise;
  return spec;
}

long count(const Dataset& d, int label) { return std::count(d.labels.begin(), d.labels.end(), label); }
}  // namespace

BOOST_AUTO_TEST_CASE(shapes_and_labels_of_every_generator) {
  for (const char* source : {"xor", "moons", "circles"}) {
    BOOST_TEST_CONTEXT("source " << source) {
      const Dataset d = make_dataset(generator(source, 101, 0.1), 1);
      BOOST_TEST(d.samples() == 101);
      BOOST_TEST(d.features.cols() == 2);
      BOOST_TEST(d.labels.size() == 101u);
      BOOST_TEST(d.num_classes == 2);
      BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1"}), boost::test_tools::per_element());
      BOOST_TEST(d.feature_names.size() == 2u);
      BOOST_TEST(count(d, 0) + count(d, 1) == 101);
      BOOST_TEST(d.features.allFinite());
    }
  }
}

BOOST_AUTO_TEST_CASE(labels_are_balanced) {
  for (const char* source : {"xor", "moons", "circles"}) {
    BOOST_TEST_CONTEXT("source " << source) {
      const Dataset d = make_dataset(generator(source, 200, 0.3), 5);
      BOOST_TEST(count(d, 0) == 100);
      BOOST_TEST(count(d, 1) == 100);
    }
  }
}

BOOST_AUTO_TEST_CASE(same_seed_same_data_other_seed_other_data) {
  for (const char* source : {"xor", "moons", "circles"}) {
    BOOST_TEST_CONTEXT("source " << source) {
      const auto spec = generator(source, 64, 0.2);
      const Dataset a = make_dataset(spec, 42), b = make_dataset(spec, 42), c = make_dataset(spec, 43);
      BOOST_TEST((a.features == b.features));
      BOOST_TEST((a.labels == b.labels));
      BOOST_TEST((a.features != c.features));
    }
  }
}

BOOST_AUTO_TEST_CASE(xor_with_four_samples_is_the_truth_table) {
  const Dataset d = make_dataset(generator("xor", 4, 0.0), 9);
  const float want[4][3] = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(d.features(i, 0) == want[i][0]);
    BOOST_TEST(d.features(i, 1) == want[i][1]);
    BOOST_TEST(d.labels[static_cast<std::size_t>(i)] == static_cast<int>(want[i][2]));
  }
}

BOOST_AUTO_TEST_CASE(moons_without_noise_lie_on_two_half_circles) {
  const Dataset d = make_dataset(generator("moons", 101, 0.0), 3);  // 50 outer, 51 inner
  BOOST_TEST(count(d, 0) == 50);
  for (int i = 0; i < 101; ++i) {
    const double x = d.features(i, 0), y = d.features(i, 1);
    if (d.labels[static_cast<std::size_t>(i)] == 0) {
      BOOST_TEST(std::hypot(x, y) == 1.0, boost::test_tools::tolerance(1e-6));
      BOOST_TEST(y >= -1e-7);
    } else {
      BOOST_TEST(std::hypot(x - 1.0, y - 0.5) == 1.0, boost::test_tools::tolerance(1e-6));
      BOOST_TEST(y <= 0.5 + 1e-7);
    }
  }
  // Ends of the arcs, as numpy.linspace(0, pi) includes both ends.
  BOOST_TEST(d.features(0, 0) == 1.0f);
  BOOST_TEST(d.features(0, 1) == 0.0f);
  BOOST_TEST(d.features(49, 0) == -1.0f);
  BOOST_TEST(d.features(50, 0) == 0.0f);
  BOOST_TEST(d.features(50, 1) == 0.5f);
  BOOST_TEST(d.features(100, 0) == 2.0f);
}

BOOST_AUTO_TEST_CASE(circles_without_noise_have_radius_one_and_factor) {
  DataSpec spec = generator("circles", 40, 0.0);
  spec.factor = 0.5;
  const Dataset d = make_dataset(spec, 3);
  for (int i = 0; i < 40; ++i) {
    const double r = std::hypot(d.features(i, 0), d.features(i, 1));
    BOOST_TEST(r == (d.labels[static_cast<std::size_t>(i)] == 0 ? 1.0 : 0.5),
               boost::test_tools::tolerance(1e-6));
  }
  // linspace without endpoint: 20 distinct angles, the last one short of 2 pi.
  BOOST_TEST(d.features(0, 0) == 1.0f);
  const double last = std::atan2(d.features(19, 1), d.features(19, 0));
  BOOST_TEST(last == -2 * std::numbers::pi / 20, boost::test_tools::tolerance(1e-5));
}

BOOST_AUTO_TEST_CASE(noise_moves_points_off_the_curve) {
  const Dataset clean = make_dataset(generator("moons", 500, 0.0), 1);
  const Dataset noisy = make_dataset(generator("moons", 500, 0.1), 1);
  const double spread = std::sqrt((noisy.features - clean.features).cast<double>().array().square().mean());
  BOOST_TEST(spread == 0.1, boost::test_tools::tolerance(0.15));  // relative
}

namespace {
DataSpec random_spec(std::size_t samples, std::size_t features, int classes) {
  DataSpec spec = generator("random", samples, 0.0);
  spec.features = features;
  spec.classes = classes;
  return spec;
}
}  // namespace

BOOST_AUTO_TEST_CASE(random_has_the_shape_asked_for_and_values_in_unit_interval) {
  const Dataset d = make_dataset(random_spec(300, 17, 5), 1);
  BOOST_TEST(d.samples() == 300);
  BOOST_TEST(d.features.cols() == 17);
  BOOST_TEST(d.labels.size() == 300u);
  BOOST_TEST(d.num_classes == 5);
  BOOST_TEST(d.class_names == (std::vector<std::string>{"0", "1", "2", "3", "4"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(d.feature_names.size(), 17u);
  BOOST_TEST(d.feature_names.front() == "x1");
  BOOST_TEST(d.feature_names.back() == "x17");
  BOOST_TEST(d.features.minCoeff() >= 0.0f);
  BOOST_TEST(d.features.maxCoeff() < 1.0f);
  for (int label : d.labels) BOOST_TEST((label >= 0 && label < 5));
}

BOOST_AUTO_TEST_CASE(random_features_and_labels_are_uniform) {
  const Dataset d = make_dataset(random_spec(20000, 4, 4), 7);
  // Mean 1/2 and variance 1/12 of U[0, 1); 80,000 draws put both well within 2%.
  const double mean = d.features.cast<double>().mean();
  const double var = (d.features.cast<double>().array() - mean).square().mean();
  BOOST_TEST(mean == 0.5, boost::test_tools::tolerance(0.02));
  BOOST_TEST(var == 1.0 / 12.0, boost::test_tools::tolerance(0.02));
  for (int k = 0; k < 4; ++k) {
    BOOST_TEST_CONTEXT("class " << k) {
      BOOST_TEST(static_cast<double>(count(d, k)) == 5000.0, boost::test_tools::tolerance(0.05));
    }
  }
}

BOOST_AUTO_TEST_CASE(random_same_seed_same_data_other_seed_other_data) {
  const auto spec = random_spec(50, 8, 3);
  const Dataset a = make_dataset(spec, 42), b = make_dataset(spec, 42), c = make_dataset(spec, 43);
  BOOST_TEST((a.features == b.features));
  BOOST_TEST((a.labels == b.labels));
  BOOST_TEST((a.features != c.features));
  BOOST_TEST((a.labels != c.labels));
}

BOOST_AUTO_TEST_CASE(random_rejects_a_single_class_or_no_feature) {
  BOOST_CHECK_THROW(make_dataset(random_spec(10, 3, 1), 1), neurite::Error);
  BOOST_CHECK_THROW(make_dataset(random_spec(10, 0, 2), 1), neurite::Error);
}
