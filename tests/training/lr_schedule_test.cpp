// Mirrors framework/src/training/lr_schedule.cpp: every schedule against the
// rates torch.optim.lr_scheduler 1.13 gives over 20 epochs (fixture written by
// tests/reference/make_training_reference.py), read through the real
// `training.lr_schedule` YAML schema. Tolerance: 1e-6 relative (the fixture
// stores float32; PyTorch's chainable forms differ from the closed forms in
// the last double bits only).
#define BOOST_TEST_MODULE lr_schedule
#include <boost/test/unit_test.hpp>

#include <neurite/training/lr_schedule.hpp>

#include "config/schema.hpp"
#include "reference/reference_cases.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>

using namespace neurite;
using namespace neurite::testing::reference;

namespace {
// The case's settings (but the base rate) as a `training:` mapping.
TrainingSpec training_spec(const Case& c) {
  std::string yaml = "{lr_schedule: {name: " + c.name;
  for (const auto& p : c.spec.params)
    if (p.key != "learning_rate") yaml += ", " + p.key + ": " + p.text;
  yaml += "}}";
  return config::read_training("fixture.yaml", YAML::Load(yaml));
}
}  // namespace

BOOST_AUTO_TEST_CASE(schedules_match_torch_lr_scheduler) {
  const auto cases = load_cases("schedule", "training_reference.txt");
  BOOST_TEST(cases.size() == 11u);
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(describe(c)) {
      const TrainingSpec spec = training_spec(c);
      LearningRateSchedule schedule(spec.lr_schedule, std::stod(c.setting("learning_rate")));
      const Matrix& want = c.at("rates");
      for (Index e = 0; e < want.cols(); ++e) {
        const double got = schedule.rate(static_cast<int>(e));
        BOOST_TEST_INFO("epoch " << e);
        BOOST_TEST(std::abs(got - want(0, e)) <= 1e-6 * std::abs(want(0, e)));
        if (c.has("metric")) {
          EpochMetrics m;
          m.train_loss = m.validation_loss = m.validation_accuracy = c.at("metric")(0, e);
          schedule.end_epoch(static_cast<int>(e), m);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(plateau_without_its_metric_keeps_the_rate) {
  LrScheduleSpec spec;
  spec.name = "reduce_on_plateau";
  spec.patience = 0;
  LearningRateSchedule schedule(spec, 0.5);
  EpochMetrics m;
  m.validation_loss = std::nan("");  // no validation split
  for (int e = 0; e < 5; ++e) schedule.end_epoch(e, m);
  BOOST_TEST(schedule.rate(5) == 0.5);
}

BOOST_AUTO_TEST_CASE(schema_rejects_keys_of_other_schedules_and_bad_milestones) {
  auto error_of = [](const std::string& yaml) -> std::string {
    try {
      config::read_training("t.yaml", YAML::Load(yaml));
    } catch (const Error& e) {
      BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(ExitCode::usage));
      return e.what();
    }
    return "";
  };
  BOOST_TEST(error_of("{lr_schedule: {name: step, t_max: 3}}").find("is not used with name: step") !=
             std::string::npos);
  BOOST_TEST(error_of("{lr_schedule: {name: multistep, milestones: [5, 3]}}").find("milestones must increase") !=
             std::string::npos);
  BOOST_TEST(error_of("{lr_schedule: {name: multistep}}").find("milestones") != std::string::npos);
  BOOST_TEST(error_of("{lr_schedule: {name: cosin}}").find("cosine") != std::string::npos);
  BOOST_TEST(error_of("{lr_schedule: {name: reduce_on_plateau, factor: 1.5}}").find("factor") != std::string::npos);
  BOOST_TEST(error_of("{clip_grad_norm: 0}").find("clip_grad_norm") != std::string::npos);
  BOOST_TEST(error_of("{lr_schedule: exponential}").empty());
}
