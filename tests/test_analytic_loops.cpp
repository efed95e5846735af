// SPDX-License-Identifier: MIT
// The feedback loops in the analytic model (docs/analytic.md, "Feedback loops"): the
// escalation and pending-care formulas against Monte Carlo, the class flows of the traffic
// equations against what an escalation changes, and the escalations of a simulated chain.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "models/analytic/analyze.h"
#include "models/analytic/chain_flows.h"
#include "models/analytic/escalation.h"
#include "models/analytic/region_parameters.h"
#include "models/analytic/report_rows.h"
#include "models/simulation.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model::analytic {
namespace {

// A share estimated from n Bernoulli draws lies within 4.5 standard errors.
void expect_share_near(double estimate, double expected, int draws) {
  const double se = std::sqrt(std::max(expected * (1.0 - expected), 1e-12) / draws);
  EXPECT_NEAR(estimate, expected, 4.5 * se + 1e-12);
}

TEST(EscalationShare, MatchesDrawingWaitsAndEscalationTimesAsTheModelDoes) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (const double within_90_days : {0.1, 0.5, 0.9}) {
    for (const double mean_wait : {2.0, 30.0, 200.0}) {
      const double waits = 0.6;  // share that waits at all
      const double slope = escalation_hazard_slope(within_90_days);
      const int n = 200000;
      int escalated = 0;
      std::exponential_distribution<double> wait(waits / mean_wait);
      for (int i = 0; i < n; ++i) {
        if (uniform(random) >= waits) continue;
        const double w = wait(random);
        // The model's inversion (models/chain_escalation.cpp).
        const double t = 90.0 * std::sqrt(std::log(uniform(random)) / std::log1p(-within_90_days));
        if (t < w) ++escalated;
      }
      expect_share_near(static_cast<double>(escalated) / n, share_escalating(slope, waits, mean_wait), n);
    }
  }
}

TEST(EscalationShare, IsZeroWithoutWaitsAndEveryoneWhoWaitsOnAnEndlessList) {
  const double slope = escalation_hazard_slope(0.1);
  EXPECT_EQ(share_escalating(slope, 0.0, 10.0), 0.0);
  EXPECT_EQ(share_escalating(0.0, 0.5, 10.0), 0.0);
  EXPECT_EQ(share_escalating(slope, 0.7, INFINITY), 0.7);
  // Very short waits: the asymptotic branch of erfcx gives a tiny, positive share.
  const double tiny = share_escalating(slope, 1.0, 1e-3);
  EXPECT_GT(tiny, 0.0);
  EXPECT_LT(tiny, 1e-9);
}

TEST(CarePending, MatchesARequestDelayFollowedByAWait) {
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (const double request : {14.0, 200.0}) {
    for (const double mean_wait : {0.0, 60.0, 400.0}) {
      const double waits = 0.4, review = 365.0;
      std::exponential_distribution<double> delay(1.0 / request);
      std::exponential_distribution<double> wait(mean_wait > 0.0 ? waits / mean_wait : 1.0);
      const int n = 200000;
      int pending = 0;
      for (int i = 0; i < n; ++i) {
        const double w = mean_wait > 0.0 && uniform(random) < waits ? wait(random) : 0.0;
        if (delay(random) + w > review) ++pending;
      }
      expect_share_near(static_cast<double>(pending) / n, still_pending(request, waits, mean_wait, review), n);
    }
  }
}

class NationalFlowsWithEscalation : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = testing::load_example("netherlands-2020.toml");
    params_ = region_parameters(scenario_, ParameterState::start);
    without_ = solve_chain_flows(scenario_, params_);
    // Escalation shares as if every list made a tenth of its normal children escalate.
    EscalationShares shares(params_.size());
    for (auto& region : shares) {
      region.fill(0.0);
      for (const FlowNode node : {FlowNode::vt_triage, FlowNode::vt_investigation, FlowNode::rvdk_protection,
                                  FlowNode::gi_ots, FlowNode::care_foster_care, FlowNode::care_residential}) {
        region[index_of(node)] = 0.1;
      }
    }
    with_ = solve_chain_flows(scenario_, params_, shares);
  }
  double national(const ChainFlows& flows, FlowNode node) const {
    double total = 0.0;
    for (std::size_t r = 0; r < params_.size(); ++r) total += flows.at(r, node);
    return total;
  }

  Scenario scenario_;
  std::vector<Parameters> params_;
  ChainFlows without_, with_;
};

TEST_F(NationalFlowsWithEscalation, EscalationChangesWhoReachesTheCourtUrgentlyButNotHowMany) {
  EXPECT_NEAR(national(with_, FlowNode::court), national(without_, FlowNode::court), 1e-9);
  double escalated = 0.0;
  for (std::size_t r = 0; r < params_.size(); ++r) escalated += with_.escalated_at(r, FlowNode::court);
  EXPECT_GT(escalated, 0.0);
  // Escalated children get a provisional OTS: that many more, granted.
  const double grant = params_.front().court.grant_share;
  EXPECT_NEAR(national(with_, FlowNode::gi_provisional_ots) + national(with_, FlowNode::gi_national_provisional_ots),
              national(without_, FlowNode::gi_provisional_ots) + national(without_, FlowNode::gi_national_provisional_ots) +
                  grant * escalated,
              1e-9);
}

TEST_F(NationalFlowsWithEscalation, ReReportsAreTheEscalationsTimesTheirShareAndGoNoFurther) {
  for (std::size_t r = 0; r < params_.size(); ++r) {
    double escalating = 0.0;
    for (const double e : with_.regions[r].escalating) escalating += e;
    const double re_reports = with_.class_at(r, FlowClass::re_report, FlowNode::vt_triage);
    EXPECT_NEAR(re_reports, escalating * params_[r].escalation.share_re_report, 1e-12);
    EXPECT_NEAR(with_.at(r, FlowNode::vt_triage), without_.at(r, FlowNode::vt_triage) + re_reports, 1e-12);
    EXPECT_NEAR(with_.at(r, FlowNode::vt_investigation), without_.at(r, FlowNode::vt_investigation), 1e-12);
  }
}

TEST_F(NationalFlowsWithEscalation, ACrisisOnACareListMovesChildrenToHeavierCare) {
  for (std::size_t r = 0; r < params_.size(); ++r) {
    const double moved = with_.regions[r].crisis_moves[index_of(FlowNode::care_foster_care)];
    EXPECT_NEAR(moved, with_.regions[r].escalating[index_of(FlowNode::care_foster_care)] *
                           params_[r].escalation.share_crisis_placement, 1e-12);
    // Residential has nothing heavier: its crises stay.
    EXPECT_EQ(with_.regions[r].crisis_moves[index_of(FlowNode::care_residential)], 0.0);
  }
}

TEST(AnalyticLoops, OffTheFixedPointTakesOneRoundAndAddsNothing) {
  Scenario scenario = testing::load_example("examples/mmc-rvdk.toml");  // staff dynamics and L4 off
  set_parameter(scenario, "feedback.l5_care_delay", 0.0, "test");
  const FlowReport report = analyze(scenario);
  EXPECT_FALSE(report.loops.escalation_on);
  EXPECT_EQ(report.loops.iterations, 1);
  EXPECT_EQ(report.loops.escalations_per_year, 0.0);
}

TEST(AnalyticLoops, TheNationalFixedPointConvergesWithinASecond) {
  const FlowReport report = analyze(testing::load_example("netherlands-2020.toml"));
  EXPECT_TRUE(report.loops.escalation_on);
  EXPECT_TRUE(report.loops.converged);
  EXPECT_GT(report.loops.escalations_per_year, 0.0);
  EXPECT_NEAR(report.loops.crisis_placements_per_year,
              report.loops.escalations_per_year * testing::load_example("netherlands-2020.toml").parameters.escalation.share_crisis_placement,
              1e-9 * report.loops.escalations_per_year);
  EXPECT_GE(report.loops.ots_extension_share, testing::load_example("netherlands-2020.toml").parameters.gi.share_ots_extended);
}

// Overloaded, waits have no steady state and a list near capacity reacts strongly to its own
// escalations (a crisis moves children off it): the fixed point must still settle.
TEST(AnalyticLoops, AnOverloadedChainStillSettlesAndSaysWhatIsUnstable) {
  for (const double factor : {1.2, 1.5, 3.0}) {
    Scenario scenario = testing::load_example("netherlands-2020.toml");
    set_parameter(scenario, "inflow.vt_reports_per_year", factor * scenario.parameters.inflow.vt_reports_per_year, "test");
    const FlowReport report = analyze(scenario);
    EXPECT_TRUE(report.loops.converged) << "x" << factor << " after " << report.loops.iterations << " rounds";
    bool some_pool_unstable = false;
    for (const auto& pool : report.pools) some_pool_unstable = some_pool_unstable || !pool.stable;
    EXPECT_TRUE(some_pool_unstable) << "x" << factor;
  }
}

// The M/M/3 list at load 0.8 holds the Board's other cases (divorce, criminal): they are no
// protection cases, so neither model lets them escalate, however long they wait.
TEST(AnalyticLoops, TheBoardsOtherCasesEscalateInNeitherModel) {
  Scenario scenario = testing::load_example("examples/mmc-rvdk.toml");
  set_parameter(scenario, "feedback.l4_escalation", 1.0, "test");
  set_parameter(scenario, "escalation.share_within_90_days_waiting", 0.9, "test");  // enough to count
  set_parameter(scenario, "run.replications", 4.0, "test");
  const auto rows = report_rows(analyze(scenario));
  const RunResult run = run_scenario(scenario, RunOptions{});
  for (const char* name : {"escalations_per_year", "re_reports_per_year", "crisis_placements_per_year"}) {
    double estimate = NAN;
    for (const auto& row : rows) {
      if (row.name == name) estimate = row.value;
    }
    const auto ci = testing::kpi_interval(run, name, "chain", 0.99);
    EXPECT_EQ(estimate, 0.0) << name;
    EXPECT_EQ(ci.mean, 0.0) << name;
  }
}

}  // namespace
}  // namespace ketensim::model::analytic
