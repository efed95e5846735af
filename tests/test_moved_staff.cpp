// SPDX-License-Identifier: MIT
// Derived staff (models/moved_staff.h): the moved functions take a share of the baseline
// organisations' staff, so every shipped configuration has the baseline's totals.
#include "models/moved_staff.h"

#include <gtest/gtest.h>

#include <map>

#include "models/analytic/analyze.h"
#include "models/scenario_error.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

const std::vector<std::string> shipped = {"baseline.toml", "scenario-1-regional.toml", "scenario-2-national.toml"};

// FTE per organisation family (VT with function (a), the RvdK with function (b), GI) as the
// model will use it.
std::map<Organisation, double> family_totals(const Scenario& scenario) {
  std::map<Organisation, double> totals;
  for (const auto& line : staff_by_organisation(scenario)) totals[staff_family(line.organisation)] += line.fte;
  return totals;
}

void expect_equal_totals(const std::vector<std::pair<std::string, double>>& overrides) {
  std::vector<Scenario> scenarios;
  for (const auto& file : shipped) {
    scenarios.push_back(testing::load_example(file));
    for (const auto& [key, value] : overrides) set_parameter(scenarios.back(), key, value, "test");
    check_cross_field_rules(scenarios.back());
  }
  const auto baseline = family_totals(scenarios.front());
  // The baseline's totals are its resolved keys (defaults or overrides), nothing else.
  EXPECT_DOUBLE_EQ(baseline.at(Organisation::vt), get_parameter(scenarios.front(), "vt.fte"));
  EXPECT_DOUBLE_EQ(baseline.at(Organisation::rvdk), get_parameter(scenarios.front(), "rvdk.fte"));
  EXPECT_DOUBLE_EQ(baseline.at(Organisation::gi), get_parameter(scenarios.front(), "gi.fte"));
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    const auto totals = family_totals(scenarios[i]);
    for (const Organisation family : {Organisation::vt, Organisation::rvdk, Organisation::gi}) {
      EXPECT_NEAR(totals.at(family), baseline.at(family), 1e-9 * baseline.at(family))
          << shipped[i] << ": " << organisation_label(family);
    }
    // The moved functions do get staff (a scenario is not the baseline with a new name).
    for (const auto& line : staff_by_organisation(scenarios[i])) EXPECT_GT(line.fte, 0) << organisation_label(line.organisation);
  }
}

TEST(MovedStaff, ShippedConfigurationsHaveTheBaselinesTotalsPerOrganisation) { expect_equal_totals({}); }

TEST(MovedStaff, TotalsStayEqualWhenTheBaselineStaffIsOverridden) {
  expect_equal_totals({{"vt.fte", 1000}, {"rvdk.fte", 777}, {"gi.fte", 2000}});
}

TEST(MovedStaff, TheModelsUseTheDerivedStaff) {
  Scenario scenario = testing::load_example("scenario-1-regional.toml");
  set_parameter(scenario, "vt.fte", 900, "test");
  std::map<std::string, double> pooled;
  for (const auto& pool : analytic::analyze(scenario).pools) {
    if (!pool.total) pooled[pool.organisation] += pool.fte;
  }
  for (const auto& line : staff_by_organisation(scenario)) {
    EXPECT_NEAR(pooled[std::string(organisation_name(line.organisation))], line.fte, 1e-6) << organisation_label(line.organisation);
  }
  EXPECT_NEAR(pooled["expertise"], 900 * get_parameter(scenario, "expertise.fte_from_vt_share"), 1e-6);
}

TEST(MovedStaff, CostIsTheSalaryKeyTimesTheFte) {
  Scenario scenario = testing::load_example("scenario-2-national.toml");
  set_parameter(scenario, "workforce.salary_per_fte_year_euros", 50000, "test");
  for (const auto& line : staff_by_organisation(scenario)) EXPECT_DOUBLE_EQ(line.yearly_cost_euros, line.fte * 50000);
}

TEST(MovedStaff, AShareNeedsAMovedPlacementAndExcludesAStatedFte) {
  const std::string dir = testing::scenario_path("");
  const std::string head = "format_version = 1\n[regions]\ntable = \"regions/netherlands.toml\"\n";
  try {
    load_scenario_text(head + "[expertise]\nfte_from_vt_share = 0.5\n", "a.toml", dir);
    FAIL() << "a share in the baseline must be refused";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "a.toml:5: expertise.fte_from_vt_share = 0.5: moves staff, which needs structure.placement = "
                           "\"regional\" or \"national\"");
  }
  try {
    load_scenario_text(head + "[structure]\nplacement = \"regional\"\n[judgment]\nfte = 10\nfte_from_rvdk_share = 0.5\n",
                       "b.toml", dir);
    FAIL() << "a stated FTE beside a share must be refused";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "b.toml:7: judgment.fte = 10: set either judgment.fte or judgment.fte_from_rvdk_share (the "
                           "share derives the FTE from rvdk.fte)");
  }
}

TEST(MovedStaff, TheResolvedTextLoadsBackToTheSameStaff) {
  const Scenario scenario = testing::load_example("scenario-1-regional.toml");
  const Scenario again = load_scenario_text(scenario.resolved_text(), "resolved.toml", testing::scenario_path(""));
  const auto before = staff_by_organisation(scenario);
  const auto after = staff_by_organisation(again);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_DOUBLE_EQ(before[i].fte, after[i].fte);
}

}  // namespace
}  // namespace ketensim::model
