// SPDX-License-Identifier: MIT
// The Board's two classes of cases (docs/model.md): protection investigations and its other
// cases (divorce, criminal) share the RvdK's staff and waiting list, but only protection
// cases escalate and count against the 10-day protection norm.
#include <gtest/gtest.h>

#include <cmath>

#include "models/scenario.h"
#include "models/simulation.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

using testing::kpi;

// The small chain with a Board far too small for its cases, so that every case waits long
// enough to escalate, and every escalation is drawn at once.
Scenario overloaded_board(double reports_per_year, double other_cases_per_year) {
  auto scenario = testing::load_example("examples/small-chain.toml");
  set_parameter(scenario, "run.years", 2, "test");
  set_parameter(scenario, "run.warmup_years", 0.5, "test");
  set_parameter(scenario, "initial.rvdk_children", 0, "test");
  set_parameter(scenario, "initial.vt_families", 0, "test");
  set_parameter(scenario, "inflow.vt_reports_per_year", reports_per_year, "test");
  set_parameter(scenario, "inflow.rvdk_other_cases_per_year", other_cases_per_year, "test");
  set_parameter(scenario, "rvdk.fte", 2, "test");
  set_parameter(scenario, "escalation.share_within_90_days_waiting", 0.9, "test");
  set_parameter(scenario, "rvdk.withdrawal_share_within_90_days", 0, "test");
  // Nothing else escalates: care has room and guardians take children at once.
  for (const char* type : {"ambulatory", "intensive_ambulatory", "foster_care", "family_home", "residential", "closed"}) {
    set_parameter(scenario, std::string("care.") + type + ".capacity_children", 1e5, "test");
  }
  set_parameter(scenario, "gi.fte", 500, "test");
  set_parameter(scenario, "vt.fte", 200, "test");
  return scenario;
}

TEST(BoardCaseTypes, OtherCasesWaitAtTheBoardButNeverEscalate) {
  const auto result = run_replication(overloaded_board(0, 2000), 0, RunOptions{});
  EXPECT_GT(kpi(result, "waiting_children_mean", "rvdk_other"), 50.0);
  EXPECT_GT(kpi(result, "wait_days_mean", "rvdk_other"), 30.0);
  // The initial stocks (care lists) escalate as they would without any Board case: the
  // Board's other cases, however long they wait, add none.
  const auto without = run_replication(overloaded_board(0, 0), 0, RunOptions{});
  EXPECT_EQ(kpi(result, "escalations_per_year", "chain"), kpi(without, "escalations_per_year", "chain"));
  EXPECT_EQ(kpi(result, "re_reports_per_year", "chain"), kpi(without, "re_reports_per_year", "chain"));
}

TEST(BoardCaseTypes, OnlyProtectionCasesCountAgainstTheProtectionNorm) {
  const auto result = run_replication(overloaded_board(0, 2000), 0, RunOptions{});
  // No protection case came in: the protection norm has nothing to count.
  EXPECT_TRUE(std::isnan(kpi(result, "share_within_deadline", "rvdk")));
  EXPECT_LT(kpi(result, "share_within_deadline", "rvdk_other"), 0.5);
  EXPECT_GT(kpi(result, "rvdk_waiting_children_all_cases_mean", "chain"), 50.0);
}

TEST(BoardCaseTypes, ProtectionCasesThatWaitEscalate) {
  const auto result = run_replication(overloaded_board(6000, 0), 0, RunOptions{});
  EXPECT_GT(kpi(result, "waiting_children_mean", "rvdk"), 20.0);
  EXPECT_GT(kpi(result, "escalations_per_year", "chain"), 10.0);
  EXPECT_EQ(kpi(result, "completed_per_year", "rvdk_other"), 0.0);
}

TEST(BoardCaseTypes, WithdrawnRequestsLeaveTheBoardsList) {
  auto scenario = overloaded_board(0, 2000);
  const double kept = kpi(run_replication(scenario, 0, RunOptions{}), "waiting_children_mean", "rvdk_other");
  set_parameter(scenario, "rvdk.withdrawal_share_within_90_days", 0.6, "test");
  const auto result = run_replication(scenario, 0, RunOptions{});
  EXPECT_LT(kpi(result, "waiting_children_mean", "rvdk_other"), 0.8 * kept);
  EXPECT_EQ(kpi(result, "conservation_violations", "chain"), 0.0);
}

}  // namespace
}  // namespace ketensim::model
