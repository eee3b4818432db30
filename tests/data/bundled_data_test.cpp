// The CSVs of experiments/data (scripts/make-bundled-data) read through
// neurite's CSV loader: shape, classes as scikit-learn names them, class
// counts, the last row, and the sum of all features as a checksum
// (reference figures from numpy on the same files).
#define BOOST_TEST_MODULE bundled_data
#include <boost/test/unit_test.hpp>

#include <neurite/data/dataset.hpp>

#include <map>

namespace {
struct Expected {
  std::string file;
  neurite::Index rows, cols;
  std::map<std::string, int> class_counts;
  double feature_sum;                 // float32 features summed in double
  std::vector<float> last_row_start;  // first three features of the last row
  std::string last_label;
  std::string first_feature;
};

void check(const Expected& want) {
  neurite::DataSpec spec;
  spec.source = "csv";
  spec.path = std::string(NEURITE_SOURCE_DIR) + "/experiments/data/" + want.file;
  spec.label_column = "label";
  const neurite::Dataset d = neurite::make_dataset(spec, 0);
  BOOST_TEST_CONTEXT(want.file) {
    BOOST_TEST(d.samples() == want.rows);
    BOOST_TEST(d.features.cols() == want.cols);
    BOOST_TEST(d.feature_names.front() == want.first_feature);
    std::map<std::string, int> counts;
    for (const int label : d.labels) ++counts[d.class_names[static_cast<std::size_t>(label)]];
    BOOST_TEST((counts == want.class_counts));
    BOOST_TEST(d.num_classes == static_cast<int>(want.class_counts.size()));
    BOOST_TEST(d.features.cast<double>().sum() == want.feature_sum, boost::test_tools::tolerance(1e-9));
    for (std::size_t j = 0; j < want.last_row_start.size(); ++j)
      BOOST_TEST(d.features(want.rows - 1, static_cast<neurite::Index>(j)) == want.last_row_start[j]);
    BOOST_TEST(d.class_names[static_cast<std::size_t>(d.labels.back())] == want.last_label);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(iris) {
  check({"iris.csv", 150, 4, {{"setosa", 50}, {"versicolor", 50}, {"virginica", 50}}, 2078.69999640435,
         {5.9f, 3.0f, 5.1f}, "virginica", "sepal length (cm)"});
}

BOOST_AUTO_TEST_CASE(wine) {
  check({"wine.csv", 178, 13, {{"class_0", 59}, {"class_1", 71}, {"class_2", 48}}, 159975.29599502683,
         {14.13f, 4.1f, 2.74f}, "class_2", "alcohol"});
}

BOOST_AUTO_TEST_CASE(breast_cancer) {
  check({"breast_cancer.csv", 569, 30, {{"benign", 357}, {"malignant", 212}}, 1056474.4601555476,
         {7.76f, 24.54f, 47.92f}, "benign", "mean radius"});
}

BOOST_AUTO_TEST_CASE(digits) {
  check({"digits.csv", 1797, 64,
         {{"0", 178}, {"1", 182}, {"2", 177}, {"3", 183}, {"4", 181}, {"5", 182}, {"6", 181}, {"7", 179}, {"8", 174}, {"9", 180}},
         561718.0, {0.0f, 0.0f, 10.0f}, "8", "pixel_0_0"});
}
