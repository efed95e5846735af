// SPDX-License-Identifier: MIT
// The bases of a comparison (models/comparison_basis.h) on the small chain: equal budget keeps
// the total and evens out the load; meet-norms staffs for the legal deadlines.
#include "models/comparison_basis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "models/kpi_bounds.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"
#include "support/without_settling_mechanisms.h"

namespace ketensim::model {
namespace {

// The small chain with every pool below its hours: equal budget evens out the analytic
// effective utilisation, which saturates at 1 in a pool whose list is held by withdrawal or
// quality erosion (docs/analytic.md); with both on, the small chain's VT and Board sit there
// and "lower the highest" says nothing. So both are off here (the national baseline with
// them on is checked below).
Scenario small_chain() {
  Scenario s = testing::load_example("examples/small-chain.toml");
  testing::without_settling_mechanisms(s);
  // Without withdrawal every Board request waits to be investigated: 15% fewer reports keep
  // the chain within its staff.
  set_parameter(s, "inflow.vt_reports_per_year", 0.85 * get_parameter(s, "inflow.vt_reports_per_year"), "test");
  set_parameter(s, "inflow.rvdk_other_cases_per_year", 0.85 * get_parameter(s, "inflow.rvdk_other_cases_per_year"), "test");
  // VT's caseload slots ample, so that hours limit every pool and the simulated utilisation
  // (hours) measures what equal budget evens out (effective utilisation: hours or slots).
  set_parameter(s, "vt.caseload_norm_children", 12, "test");
  set_parameter(s, "vt.caseload_cap_children", 20, "test");
  return s;
}

double total_fte(const Scenario& scenario) {
  double total = 0;
  for (const auto& [organisation, fte] : staff_plan(scenario)) total += fte;
  return total;
}

double highest(const std::map<Organisation, double>& by_organisation) {
  double most = 0;
  for (const auto& [organisation, u] : by_organisation) most = std::max(most, u);
  return most;
}

// The small chain as scenario 1 places it: both moved functions with shares of VT and the RvdK.
Scenario small_regional() {
  Scenario s = small_chain();
  s.placement = Placement::regional;
  set_parameter(s, "expertise.fte_from_vt_share", 0.5, "test");
  set_parameter(s, "judgment.fte_from_rvdk_share", 0.5, "test");
  check_cross_field_rules(s);
  return s;
}

// Simulated utilisation of an organisation's busiest pool (hours started over capacity).
double busiest_simulated_pool(const Scenario& scenario) {
  const RunResult run = run_scenario(scenario, RunOptions{});
  double most = 0;
  for (std::size_t k = 0; k < run.replications.front().kpis.size(); ++k) {
    const auto& kpi = run.replications.front().kpis[k];
    if (kpi.name != "utilisation" || kpi.region == "national") continue;
    double sum = 0;
    for (const auto& replication : run.replications) sum += replication.kpis[k].value;
    most = std::max(most, sum / static_cast<double>(run.replications.size()));
  }
  return most;
}

TEST(ComparisonBasis, EqualBudgetKeepsTheTotalAndLowersTheHighestEffectiveUtilisation) {
  for (const Scenario& configured : {small_chain(), small_regional()}) {
    const Scenario even = equal_budget(configured);
    EXPECT_NEAR(total_fte(even), total_fte(configured), 1e-9 * total_fte(configured));
    const double before = highest(highest_effective_utilisation(configured));
    const auto after_by_organisation = highest_effective_utilisation(even);
    const double after = highest(after_by_organisation);
    EXPECT_LT(after, before) << placement_name(configured.placement);
    // Evened out: every organisation's busiest pool at about the same effective utilisation
    // (as far as whole positions, and so whole caseload slots, allow in so small a chain).
    for (const auto& [organisation, u] : after_by_organisation) EXPECT_NEAR(u, after, 0.05 * after) << organisation_label(organisation);
    // Checked by simulation: the busiest pool is less busy.
    const double simulated_before = busiest_simulated_pool(configured);
    const double simulated_after = busiest_simulated_pool(even);
    // In the regional placement equal budget moves many FTE and the simulated busiest pool
    // must be less busy; in the baseline it moves a few and the simulated change is within
    // the analytic model's error on VT (no quality erosion, docs/analytic.md): printed only.
    if (configured.placement != Placement::baseline) {
      EXPECT_LT(simulated_after, simulated_before) << placement_name(configured.placement);
    }
    std::printf("%s: highest effective utilisation %.3f -> %.3f (analytic), busiest pool %.3f -> %.3f (simulated)\n",
                placement_name(configured.placement), before, after, simulated_before, simulated_after);
  }
}

TEST(ComparisonBasis, MeetNormsMeetsEachDeadlineAtItsStaffAndMissesOneWithFivePercentLess) {
  for (Scenario configured : {small_chain(), small_regional()}) {
    set_parameter(configured, "run.years", 2, "test");
    set_parameter(configured, "run.replications", 4, "test");
    const NormStaffing found = meet_norms(configured, RunOptions{});
    ASSERT_EQ(found.checks.size(), 4u);
    for (const auto& check : found.checks) {
      EXPECT_TRUE(check.met()) << check.stage << ": " << check.share.mean << " < " << check.target;
    }
    StaffPlan less = staff_plan(found.scenario);
    for (auto& [organisation, fte] : less) fte *= 0.95;
    const Scenario fewer = with_staff(found.scenario, less);
    const auto short_checks = check_norms(fewer, run_scenario(fewer, RunOptions{}));
    const bool one_missed = std::any_of(short_checks.begin(), short_checks.end(), [](const NormCheck& c) { return !c.met(); });
    EXPECT_TRUE(one_missed) << placement_name(configured.placement) << ": every deadline still met with 5% less staff";
    std::printf("%s: %d simulations;", placement_name(configured.placement), found.simulations);
    for (const auto& [organisation, fte] : staff_plan(found.scenario)) std::printf(" %s %.2f", organisation_label(organisation).c_str(), fte);
    std::printf("\n");
  }
}

// The national baseline as calibrated (withdrawal from the Board's list, VT's quality erosion
// on): the analytic model sees VT and the Board within their hours, so equal budget no longer
// strips the GIs to feed them (docs/scenario-comparison.md). Allowed: 5% of the GI's staff.
TEST(ComparisonBasis, EqualBudgetOnTheNationalBaselineKeepsTheGuardians) {
  const Scenario configured = testing::load_example("baseline.toml");
  const StaffPlan before = staff_plan(configured);
  const StaffPlan after = staff_plan(equal_budget(configured));
  for (const auto& [organisation, fte] : after) {
    std::printf("%s: %.1f -> %.1f FTE\n", organisation_label(organisation).c_str(), before.at(organisation), fte);
  }
  EXPECT_GE(after.at(Organisation::gi), 0.95 * before.at(Organisation::gi));
}

TEST(ComparisonBasis, AnUnknownBasisIsNamedWithTheValidOnes) {
  try {
    basis_from_name("equal");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "\"equal\": expected as-configured, equal-budget or meet-norms");
  }
  EXPECT_EQ(basis_from_name("meet-norms"), Basis::meet_norms);
}

}  // namespace
}  // namespace ketensim::model
