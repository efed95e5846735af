// SPDX-License-Identifier: MIT
// The shipped sensitivity plan fits the shipped scenarios, and the order of a pair is read
// from its paired difference's interval.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "models/scenario_error.h"
#include "models/sensitivity.h"
#include "models/sensitivity_plan.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

using testing::load_example;
using testing::scenario_path;

std::vector<HeadlineKpi> tornado_as_headline(const SensitivityPlan& plan) {
  std::vector<HeadlineKpi> headline;
  for (const auto& t : plan.tornado) headline.push_back({t.name, t.stage, t.name, ""});
  return headline;
}

TEST(SensitivityPlan, TheShippedPlanNamesTheShippedScenariosAndEachRangeHoldsTheirResolvedValues) {
  const SensitivityPlan plan = load_sensitivity_plan(scenario_path("sensitivity/scenario-order.toml"));
  const Scenario regional = load_example("scenario-1-regional.toml");
  const Scenario national = load_example("scenario-2-national.toml");
  EXPECT_EQ(plan.first, regional.name);
  EXPECT_EQ(plan.second, national.name);
  ASSERT_GE(plan.ranges.size(), 4u);
  for (const auto& range : plan.ranges) {
    EXPECT_FALSE(range.label.empty()) << range.key;
    for (const Scenario* s : {&regional, &national}) {
      const double value = get_parameter(*s, range.key);
      EXPECT_LE(range.low, value) << range.key << " in " << s->path;
      EXPECT_GE(range.high, value) << range.key << " in " << s->path;
    }
  }
  EXPECT_NO_THROW(check_sensitivity_plan(plan, regional, national, tornado_as_headline(plan)));
  // With a value outside a range the check names the plan, the key and the scenario.
  Scenario moved = regional;
  set_parameter(moved, plan.ranges.front().key, plan.ranges.front().high + 1, "test");
  try {
    check_sensitivity_plan(plan, moved, national, tornado_as_headline(plan));
    FAIL() << "a value outside its range was accepted";
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("scenario-order.toml: range " + plan.ranges.front().key), std::string::npos) << message;
    EXPECT_NE(message.find("scenario-1-regional.toml's value"), std::string::npos) << message;
  }
}

TEST(SensitivityPlan, TheOrderIsTheSideOfZeroTheDifferencesIntervalLiesOn) {
  EXPECT_EQ(order_of({2.0, 1.0, 1.0, 3.0, 5}), 1);
  EXPECT_EQ(order_of({-2.0, 1.0, -3.0, -1.0, 5}), -1);
  EXPECT_EQ(order_of({0.5, 1.0, -0.5, 1.5, 5}), 0);
  EXPECT_EQ(order_of({2.0, 0.0, 2.0, 2.0, 1}), 0);  // one replication tells nothing
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(order_of({nan, nan, nan, nan, 0}), 0);
}

}  // namespace
}  // namespace ketensim::model
