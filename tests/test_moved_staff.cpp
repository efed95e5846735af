// SPDX-License-Identifier: MIT
// Derived staff (models/moved_staff.h): the moved functions take a share of the baseline
// organisations' staff, so every shipped configuration has the baseline's totals.
#include "models/moved_staff.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "models/analytic/analyze.h"
#include "models/analytic/chain_flows.h"
#include "models/analytic/region_parameters.h"
#include "models/parameter_table.h"
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
  EXPECT_NEAR(pooled["expertise"], 900 * moved_staff_shares(scenario).expertise_from_vt, 1e-6);
}

// Today's work mix computed the other way: the analytic model's traffic equations (children a
// day at each node, summed over the regions, no feedback loops) times the resolved hours keys.
struct AnalyticMix {
  double expertise_share, judgment_share;
};
AnalyticMix analytic_mix(const Scenario& scenario) {
  const auto flows = analytic::solve_chain_flows(scenario, analytic::region_parameters(scenario, analytic::ParameterState::start));
  double triage = 0, investigation = 0, protection = 0, other = 0;
  for (std::size_t r = 0; r < flows.regions.size(); ++r) {
    triage += flows.at(r, analytic::FlowNode::vt_triage);
    investigation += flows.at(r, analytic::FlowNode::vt_investigation);
    protection += flows.at(r, analytic::FlowNode::rvdk_protection);
    other += flows.at(r, analytic::FlowNode::rvdk_other);
  }
  const double vt_investigation = investigation * get_parameter(scenario, "vt.investigation_hours_per_child");
  const double vt_triage = triage * get_parameter(scenario, "vt.triage_hours_per_child");
  const double rvdk_protection = protection * get_parameter(scenario, "rvdk.investigation_hours_per_child");
  const double rvdk_other = other * get_parameter(scenario, "rvdk.other_case_hours");
  return {vt_investigation / (vt_investigation + vt_triage), rvdk_protection / (rvdk_protection + rvdk_other)};
}

void expect_shares_of_the_work_mix(const Scenario& scenario, const std::string& what) {
  const MovedShares shares = moved_staff_shares(scenario);
  const AnalyticMix mix = analytic_mix(scenario);
  EXPECT_TRUE(shares.expertise_derived && shares.judgment_derived) << what;
  EXPECT_NEAR(shares.expertise_from_vt, mix.expertise_share, 1e-9) << what;
  EXPECT_NEAR(shares.judgment_from_rvdk, mix.judgment_share, 1e-9) << what;
  // And the staff the models use follows the share.
  const Parameters moved = with_moved_staff(scenario);
  EXPECT_NEAR(moved.expertise.pool.fte, get_parameter(scenario, "vt.fte") * mix.expertise_share, 1e-6) << what;
  EXPECT_NEAR(moved.judgment.pool.fte, get_parameter(scenario, "rvdk.fte") * mix.judgment_share, 1e-6) << what;
}

TEST(MovedStaff, TheDefaultShareIsTodaysWorkMixAndFollowsAnOverride) {
  for (const std::string file : {"scenario-1-regional.toml", "scenario-2-national.toml"}) {
    Scenario scenario = testing::load_example(file);
    expect_shares_of_the_work_mix(scenario, file + " as shipped");
    const MovedShares before = moved_staff_shares(scenario);

    // More hours per investigation: more of VT's work moves, so more of its staff.
    set_parameter(scenario, "vt.investigation_hours_per_child", 1.5 * get_parameter(scenario, "vt.investigation_hours_per_child"), "--set");
    expect_shares_of_the_work_mix(scenario, file + " with longer investigations");
    EXPECT_GT(moved_staff_shares(scenario).expertise_from_vt, before.expertise_from_vt + 0.01);

    // Heavier other Board cases: less of the Board's work moves.
    set_parameter(scenario, "rvdk.other_case_hours", 2 * get_parameter(scenario, "rvdk.other_case_hours"), "--set");
    expect_shares_of_the_work_mix(scenario, file + " with heavier other cases");
    EXPECT_LT(moved_staff_shares(scenario).judgment_from_rvdk, before.judgment_from_rvdk - 0.01);

    // The loop between the local team and the Board, and requests that skip VT.
    set_parameter(scenario, "local_team.share_escalate_to_rvdk", 0.3, "--set");
    set_parameter(scenario, "rvdk.share_screened_out", 0.2, "--set");
    set_parameter(scenario, "inflow.rvdk_requests_police_other_per_year", 3000, "--set");
    expect_shares_of_the_work_mix(scenario, file + " with a busier loop");
  }
}

TEST(MovedStaff, AStatedShareIsUsedAsStated) {
  Scenario scenario = testing::load_example("scenario-1-regional.toml");
  set_parameter(scenario, "expertise.fte_from_vt_share", 0.3, "--set");
  const MovedShares shares = moved_staff_shares(scenario);
  EXPECT_DOUBLE_EQ(shares.expertise_from_vt, 0.3);
  EXPECT_FALSE(shares.expertise_derived);
  EXPECT_TRUE(shares.judgment_derived);
  EXPECT_NEAR(with_moved_staff(scenario).expertise.pool.fte, 0.3 * get_parameter(scenario, "vt.fte"), 1e-9);
  // Nothing moves in the baseline, and a stated FTE takes nothing from VT.
  EXPECT_EQ(moved_staff_shares(testing::load_example("baseline.toml")).expertise_from_vt, 0);
  Scenario stated = testing::load_example("scenario-1-regional.toml");
  set_parameter(stated, "expertise.fte", 100, "--set");
  EXPECT_EQ(moved_staff_shares(stated).expertise_from_vt, 0);
  EXPECT_DOUBLE_EQ(with_moved_staff(stated).vt.pool.fte, get_parameter(stated, "vt.fte"));
}

TEST(MovedStaff, TheMovedFunctionsWorkToTheCaseloadRulesOfTheirOrganisation) {
  // Function (a) does VT's investigations and (b) the Board's: by default their workers hold
  // as many cases as VT's and the Board's do. Otherwise a recalibration of VT or the Board
  // leaves the moved work under other rules, and the comparison measures that, not placement.
  for (const auto& [moved, from] : std::map<std::string, std::string>{{"expertise", "vt"}, {"judgment", "rvdk"}}) {
    for (const char* rule : {".caseload_norm_children", ".caseload_cap_children"}) {
      const ParameterSpec* function_rule = find_parameter(moved + rule);
      const ParameterSpec* organisation_rule = find_parameter(from + rule);
      ASSERT_NE(function_rule, nullptr);
      ASSERT_NE(organisation_rule, nullptr);
      EXPECT_EQ(function_rule->default_value, organisation_rule->default_value) << moved << rule;
    }
  }
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
  // The text keeps the rule, not the number: the reloaded scenario derives its share again,
  // and reads the share it uses.
  EXPECT_TRUE(moved_staff_shares(again).expertise_derived && moved_staff_shares(again).judgment_derived);
  EXPECT_DOUBLE_EQ(get_parameter(again, "expertise.fte_from_vt_share"), moved_staff_shares(scenario).expertise_from_vt);
}

}  // namespace
}  // namespace ketensim::model
