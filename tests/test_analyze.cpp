// SPDX-License-Identifier: MIT
// The analytic flow model on the national scenario: its rates are the scenario's inflows
// routed by the scenario's shares, and its pools add up to the scenario's staff. Staff
// dynamics, the loops L4 and L5, withdrawal and VT's quality erosion are switched off here so
// that the flows are exactly the routed inflows and the pools work at full strength with the
// full work; what they add is checked in tests/test_analytic_loops.cpp and
// tests/test_analytic_withdrawal.cpp.
#include "models/analytic/analyze.h"
#include "models/moved_staff.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>

#include "models/analytic/report_rows.h"
#include "models/scenario_error.h"
#include "support/scenario_files.h"
#include "support/without_settling_mechanisms.h"

namespace ketensim::model::analytic {
namespace {

class NationalAnalysis : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(testing::load_example("netherlands-2020.toml"));
    set_parameter(*scenario_, "feedback.l4_escalation", 0.0, "test");
    set_parameter(*scenario_, "feedback.l5_care_delay", 0.0, "test");
    set_parameter(*scenario_, "workforce.staff_dynamics", 0.0, "test");
    ketensim::testing::without_settling_mechanisms(*scenario_);
    report_ = new FlowReport(analyze(*scenario_));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete scenario_;
  }
  // National flow at a node, children per year.
  static double per_year(const std::string& node) {
    for (const auto& flow : report_->flows) {
      if (flow.node == node && flow.region == "national") return flow.children_per_day * 365.0;
    }
    throw std::out_of_range("no flow at " + node);
  }
  static const PoolEstimate& total(const std::string& organisation) {
    for (const auto& pool : report_->pools) {
      if (pool.organisation == organisation && pool.total) return pool;
    }
    throw std::out_of_range("no total for " + organisation);
  }
  static const Parameters& p() { return scenario_->parameters; }

  static Scenario* scenario_;
  static FlowReport* report_;
};
Scenario* NationalAnalysis::scenario_ = nullptr;
FlowReport* NationalAnalysis::report_ = nullptr;

TEST_F(NationalAnalysis, VtArrivalsAreTheReportsTimesTheChildrenPerFamily) {
  const auto& f = p().family;
  const double children = f.share_one_child + 2 * f.share_two_children + 3 * f.share_three_children + 4 * f.share_four_children;
  EXPECT_NEAR(per_year("vt_triage"), p().inflow.vt_reports_per_year * children, 1e-6);
  EXPECT_NEAR(per_year("vt_investigation"), per_year("vt_triage") * p().vt.share_triage_to_investigation, 1e-6);
}

TEST_F(NationalAnalysis, SourcesOutsideTheReportsEnterAtTheirScenarioRates) {
  EXPECT_NEAR(per_year("rvdk_other"), p().inflow.rvdk_other_cases_per_year, 1e-6);
  EXPECT_NEAR(per_year("gi_youth_probation") + per_year("gi_national_youth_probation"),
              p().inflow.youth_probation_children_per_year, 1e-6);
  EXPECT_NEAR(per_year("gi_national_youth_probation"), p().inflow.youth_probation_children_per_year * p().gi.national_share, 1e-6);
  // Closed care has no voluntary source: its demand from outside plus what measures need.
  EXPECT_GT(per_year("care_closed"), p().care_of(CareType::closed).external_demand_children_per_year);
}

TEST_F(NationalAnalysis, TheLoopBetweenTheBoardAndTheLocalTeamsBalances) {
  // Solved by hand: L = T a + I b + P (1 - m) and P = I r + L e, with the scenario's shares.
  const double triage = per_year("vt_triage");
  const double investigation = per_year("vt_investigation");
  const double a = p().vt.share_triage_to_local_team, b = p().vt.share_investigation_to_local_team;
  const double r = p().vt.share_investigation_to_rvdk, e = p().local_team.share_escalate_to_rvdk;
  const double m = p().rvdk.share_request_measure;
  ASSERT_EQ(p().rvdk.share_screened_out, 0.0);
  const double local_team = (triage * a + investigation * b + investigation * r * (1 - m)) / (1 - e * (1 - m));
  const double protection = investigation * r + local_team * e;
  EXPECT_NEAR(per_year("local_team"), local_team, 1e-6 * local_team);
  EXPECT_NEAR(per_year("rvdk_protection"), protection, 1e-6 * protection);
  EXPECT_NEAR(per_year("court"), protection * m, 1e-6 * protection);
}

TEST_F(NationalAnalysis, TheCourtSendsGrantedMeasuresToTheGisByType) {
  const double court = per_year("court");
  const double urgent = [&] {
    for (const auto& flow : report_->flows) {
      if (flow.node == "court" && flow.region == "national") return flow.urgent_children_per_day * 365.0;
    }
    return -1.0;
  }();
  EXPECT_NEAR(urgent, court * p().inflow.urgent_share, 1e-6 * court);
  const double granted = court * p().court.grant_share;
  EXPECT_NEAR(per_year("gi_provisional_ots") + per_year("gi_national_provisional_ots"), granted * p().inflow.urgent_share,
              1e-6 * granted);
  EXPECT_NEAR(per_year("gi_guardianship") + per_year("gi_national_guardianship"),
              granted * (1 - p().inflow.urgent_share) * p().court.share_guardianship, 1e-6 * granted);
}

TEST_F(NationalAnalysis, PoolsShareTheScenariosStaffAndCapacityIsFteTimesProductiveHours) {
  EXPECT_NEAR(total("vt").fte, p().vt.pool.fte, 1e-9);
  EXPECT_NEAR(total("rvdk").fte, p().rvdk.pool.fte, 1e-9);
  EXPECT_NEAR(total("gi").fte, p().gi.pool.fte, 1e-9);
  const double hours_per_fte_day = p().workforce.productive_hours_per_fte_year / 365.0;
  for (const auto& pool : report_->pools) {
    EXPECT_NEAR(pool.capacity_hours_per_day, pool.fte * hours_per_fte_day, 1e-9) << pool.organisation << " " << pool.area;
    EXPECT_NEAR(pool.utilisation, pool.offered_hours_per_day / pool.capacity_hours_per_day, 1e-12) << pool.area;
  }
  const double vt_hours = (per_year("vt_triage") * p().vt.triage_hours_per_child +
                           per_year("vt_investigation") * p().vt.investigation_hours_per_child) / 365.0;
  EXPECT_NEAR(total("vt").offered_hours_per_day, vt_hours, 1e-6 * vt_hours);
}

// VT reports follow each region's share of them (landsdeel report rates, docs/regions.md).
TEST_F(NationalAnalysis, RegionsCarryTheirShareOfEveryFlow) {
  const std::vector<double> report_shares = scenario_->regions.vt_report_shares();
  std::map<std::string, double> sum;
  for (const auto& flow : report_->flows) {
    if (flow.region == "national") continue;
    sum[flow.node] += flow.children_per_day;
    if (flow.node != "vt_triage") continue;
    for (std::size_t r = 0; r < scenario_->regions.regions.size(); ++r) {
      if (scenario_->regions.regions[r].code != flow.region) continue;
      EXPECT_NEAR(flow.children_per_day * 365.0, per_year("vt_triage") * report_shares[r], 1e-6);
    }
  }
  for (const auto& [node, total_per_day] : sum) EXPECT_NEAR(total_per_day * 365.0, per_year(node), 1e-6) << node;
}

TEST_F(NationalAnalysis, EveryRowHasAUniqueKey) {
  std::map<std::string, int> seen;
  for (const auto& row : report_rows(*report_)) ++seen[row.name + "/" + row.stage + "/" + row.region];
  for (const auto& [key, count] : seen) EXPECT_EQ(count, 1) << key;
}

// Its cost is the number of fixed-point rounds (each a few milliseconds); a wall-clock bound
// would fail on a loaded machine, so the rounds are bounded instead (the brief: speed is
// measured by benchmarks, not timed tests).
TEST(Analyze, TheNationalScenarioConvergesInFewRounds) {
  const Scenario scenario = testing::load_example("netherlands-2020.toml");
  const FlowReport report = analyze(scenario);
  EXPECT_TRUE(report.loops.converged);
  EXPECT_LT(report.loops.iterations, 60);
  EXPECT_EQ(report.pools.size(), 26u + 10u + 10u + 1u + 3u);  // VT regions, RvdK areas, GI areas, national GIs, totals
}

TEST(Analyze, MovedFunctionsGetTheirOwnPoolsAndTakeTheirWorkFromVtAndTheBoard) {
  Scenario scenario = testing::load_example("scenario-1-regional.toml");
  set_parameter(scenario, "workforce.staff_dynamics", 0.0, "test");  // no rework on top of the work
  const FlowReport report = analyze(scenario);
  double expertise_fte = 0, vt_investigation_hours = 0;
  int expertise_pools = 0;
  for (const auto& pool : report.pools) {
    if (pool.organisation == "expertise" && !pool.total) {
      ++expertise_pools;
      expertise_fte += pool.fte;
      vt_investigation_hours += pool.demand_hours_per_day;  // the full work, before VT's quality erosion
    }
  }
  EXPECT_EQ(expertise_pools, static_cast<int>(scenario.regions.regions.size()));
  EXPECT_NEAR(expertise_fte, with_moved_staff(scenario).expertise.pool.fte, 1e-9);
  double investigations = 0;
  for (const auto& flow : report.flows) {
    if (flow.node == "vt_investigation" && flow.region == "national") investigations = flow.children_per_day;
  }
  EXPECT_NEAR(vt_investigation_hours, investigations * scenario.parameters.vt.investigation_hours_per_child, 1e-6);
}

TEST(Analyze, InterventionsCountOnlyWhenAskedAndOnlyInTheirRegions) {
  const Scenario scenario = testing::load_example("plans/extra-guardians.toml");
  ASSERT_FALSE(scenario.interventions.empty());
  const FlowReport before = analyze(scenario, ParameterState::start);
  const FlowReport after = analyze(scenario, ParameterState::after_interventions);
  std::map<std::string, double> fte_before;
  for (const auto& pool : before.pools) fte_before[pool.organisation + "/" + pool.area + (pool.total ? "/total" : "")] = pool.fte;
  int grown = 0;
  for (const auto& pool : after.pools) {
    const double was = fte_before.at(pool.organisation + "/" + pool.area + (pool.total ? "/total" : ""));
    if (pool.organisation != "gi") {
      EXPECT_EQ(pool.fte, was) << pool.area;
    } else if (pool.area == "Jeugdbescherming Gelderland") {
      EXPECT_NEAR(pool.fte, was * 1.15, 1e-9);
      ++grown;
    } else if (pool.area == "national") {
      EXPECT_GT(pool.fte, was);  // Gelderland's share of the national GIs' staff grows too
    } else {
      EXPECT_EQ(pool.fte, was) << pool.area;
    }
  }
  EXPECT_EQ(grown, 1);
}

TEST(Analyze, TheEstimateNamesTheDynamicsItLeavesOut) {
  const FlowReport national = analyze(testing::load_example("netherlands-2020.toml"));
  ASSERT_FALSE(national.left_out.empty());
  EXPECT_NE(national.left_out.front().find("budget"), std::string::npos);
  // The degenerate configurations switch staff dynamics off: nothing is left out.
  EXPECT_TRUE(analyze(testing::load_example("examples/mmc-rvdk.toml")).left_out.empty());
}

TEST(Analyze, AClosedLoopOfSharesIsAScenarioErrorPointingAtTheShares) {
  Scenario scenario = testing::load_example("examples/small-chain.toml");
  set_parameter(scenario, "local_team.share_escalate_to_rvdk", 1.0, "test");
  set_parameter(scenario, "rvdk.share_request_measure", 0.0, "test");
  try {
    analyze(scenario);
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("small-chain.toml"), std::string::npos) << message;
    EXPECT_NE(message.find("no route ever leaves local_team, rvdk_protection"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace ketensim::model::analytic
