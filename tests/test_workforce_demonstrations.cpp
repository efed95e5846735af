// SPDX-License-Identifier: MIT
// The demonstrations of the workforce model (docs/workforce.md), on the small chain with fixed
// seeds: the feedback loops change little while staff is ample and make things worse under
// overload; the tipping point moves up with staff and down with turnover sensitivity; a
// temporary inflow shock outlasts itself unless staff is added. Each test prints its figures;
// docs/workforce.md records them, and scripts/demo-workforce.sh reruns them.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

#include "models/tipping_point.h"
#include "support/workforce_experiments.h"

namespace ketensim::model {
namespace {

using testing::paired;
using testing::PairedEffect;

RunResult run(const Scenario& scenario) { return testing::run_on_two_threads(scenario); }

// The calibrated Board is saturated: it registers more requests than it starts, and its list
// settles only because requests are withdrawn (docs/calibration.md). Its staff then sit at
// their caps whatever comes in, so the loops have nothing to show there. These
// demonstrations take a Board with room: its other cases at 80% of the default.
Scenario with_room_at_the_board(Scenario scenario) {
  testing::scale(scenario, {"inflow.rvdk_other_cases_per_year"}, 0.8);
  return scenario;
}

const PairedEffect& find(const std::vector<PairedEffect>& effects, const std::string& label) {
  for (const auto& e : effects) {
    if (e.label == label) return e;
  }
  throw std::out_of_range("no effect " + label);
}

// The main waiting and staff KPIs of a loops-off (first) and a loops-on (second) run.
std::vector<PairedEffect> loop_effects(const RunResult& off, const RunResult& on) {
  using testing::kpi_values;
  std::vector<PairedEffect> effects;
  for (const char* stage : {"vt_triage", "vt_investigation", "rvdk", "gi"}) {
    effects.push_back(paired(std::string("waiting_children_mean ") + stage, kpi_values(off, "waiting_children_mean", stage),
                             kpi_values(on, "waiting_children_mean", stage)));
  }
  const double from = on.warmup_years * 365.0;
  const double to = on.years * 365.0;
  effects.push_back(paired("waiting, 4 staffed stages", testing::waiting_in_window(off, from, to),
                           testing::waiting_in_window(on, from, to)));
  for (const char* organisation : {"vt", "rvdk", "gi"}) {
    effects.push_back(paired(std::string("turnover_rate_per_year ") + organisation,
                             kpi_values(off, "turnover_rate_per_year", organisation),
                             kpi_values(on, "turnover_rate_per_year", organisation)));
  }
  effects.push_back(paired("turnover, VT+RvdK+GI (1/year)", testing::turnover_in_window(off, from, to),
                           testing::turnover_in_window(on, from, to)));
  // Shown for the record: the loops act on these through more than staff pressure.
  effects.push_back(paired("children_without_guardian_mean", kpi_values(off, "children_without_guardian_mean", "chain"),
                           kpi_values(on, "children_without_guardian_mean", "chain")));
  effects.push_back(paired("guardian_changes_mean", kpi_values(off, "guardian_changes_mean", "chain"),
                           kpi_values(on, "guardian_changes_mean", "chain")));
  effects.push_back(paired("escalations_per_year", kpi_values(off, "escalations_per_year", "chain"),
                           kpi_values(on, "escalations_per_year", "chain")));
  return effects;
}

const std::vector<std::string> waiting_and_turnover = {
    "waiting_children_mean vt_triage", "waiting_children_mean vt_investigation", "waiting_children_mean rvdk",
    "waiting_children_mean gi", "waiting, 4 staffed stages", "turnover_rate_per_year vt", "turnover_rate_per_year rvdk",
    "turnover_rate_per_year gi", "turnover, VT+RvdK+GI (1/year)"};

TEST(WorkforceDemonstrations, WithAmpleStaffTheLoopsChangeWaitingAndTurnoverOnlyWithinNoise) {
  auto ample = testing::small_chain(10, 4);
  testing::scale(ample, testing::staff_keys(), 2.0);
  const RunResult off = run(testing::loops_off(ample));
  const RunResult on = run(ample);
  const auto effects = loop_effects(off, on);
  testing::print_effects("Ample staff (small chain, VT, RvdK and GI FTE x 2, 4 years): loops off vs on, 10 replications",
                         "loops off", "loops on", effects);
  for (const auto& label : waiting_and_turnover) {
    const auto& e = find(effects, label);
    // Within noise: the paired interval includes 0, or the difference is under 2% of the level.
    EXPECT_TRUE(e.includes_zero() || std::abs(e.difference.mean) <= 0.02 * std::abs(e.first.mean))
        << label << ": " << e.difference.mean << " ± " << e.difference.half_width;
  }
}

TEST(WorkforceDemonstrations, InOverloadTheLoopsMakeWaitingAndTurnoverWorse) {
  auto overload = testing::small_chain(10, 4);
  testing::scale(overload, {"inflow.vt_reports_per_year"}, 1.15);
  const RunResult off = run(testing::loops_off(overload));
  const RunResult on = run(overload);
  const auto effects = loop_effects(off, on);
  testing::print_effects("Overload (small chain, VT reports x 1.15, 4 years): loops off vs on, 10 replications",
                         "loops off", "loops on", effects);
  for (const auto& label : {"waiting, 4 staffed stages", "turnover, VT+RvdK+GI (1/year)"}) {
    EXPECT_TRUE(find(effects, label).significantly_positive()) << label;
  }
}

TEST(WorkforceDemonstrations, TheTippingPointRisesWithStaffAndFallsWithTurnoverSensitivity) {
  // Withdrawal and quality erosion let an overloaded list settle (docs/model.md): the tipping
  // point of the loops shows where nothing else does.
  auto base = with_room_at_the_board(testing::small_chain(12, 5));
  testing::without_settling_mechanisms(base);
  auto staffed = base;
  testing::scale(staffed, testing::staff_keys(), 1.2);
  auto sensitive = base;
  set_parameter(sensitive, "workforce.departure_pressure_elasticity", 4, "test");
  const TrendCriterion criterion;
  RunOptions two_threads;
  two_threads.jobs = 2;
  std::vector<double> estimates;
  std::printf("\nTipping point of inflow.vt_reports_per_year, small chain, range 1000:3500, 5 steps, 12 replications of 5 years\n");
  for (const auto& [name, scenario] : std::vector<std::pair<std::string, Scenario>>{
           {"as shipped", base}, {"VT, RvdK and GI FTE x 1.2", staffed}, {"departure_pressure_elasticity 4 (1.5)", sensitive}}) {
    const auto search = find_tipping_point("inflow.vt_reports_per_year", 1000, 3500, 5,
                                           scenario_evaluator(scenario, "inflow.vt_reports_per_year", criterion, two_threads));
    ASSERT_TRUE(search.bracketed()) << name;
    EXPECT_EQ(*search.direction, TippingDirection::above) << name;
    std::printf("%-40s %.0f ± %.0f (settles at %.0f, not at %.0f)\n", name.c_str(), search.estimate(), search.half_width(),
                search.settles_at, search.tips_at);
    estimates.push_back(search.estimate());
  }
  EXPECT_GT(estimates[1], estimates[0]);
  EXPECT_LT(estimates[2], estimates[0]);
}

// A temporary +30% of VT reports for six months from year 1.5.
constexpr double shock_at_years = 1.5;
Scenario with_shock(Scenario scenario) {
  scenario.interventions.push_back(Intervention{"shock: +30% reports", "test", shock_at_years, 0, {},
                                                "inflow.vt_reports_per_year", Intervention::How::multiply, 1.3});
  scenario.interventions.push_back(Intervention{"shock ends", "test", shock_at_years + 0.5, 0, {},
                                                "inflow.vt_reports_per_year", Intervention::How::multiply, 1 / 1.3});
  check_cross_field_rules(scenario);
  return scenario;
}

// 30% more VT, RvdK and GI FTE from the start of the shock until a year after its end.
Scenario with_extra_staff(Scenario scenario) {
  for (const auto& key : testing::staff_keys()) {
    scenario.interventions.push_back(Intervention{"extra staff", "test", shock_at_years, 0, {}, key, Intervention::How::multiply, 1.3});
    scenario.interventions.push_back(
        Intervention{"extra staff ends", "test", shock_at_years + 1.5, 0, {}, key, Intervention::How::multiply, 1 / 1.3});
  }
  check_cross_field_rules(scenario);
  return scenario;
}

std::vector<PairedEffect> shock_effects(const RunResult& first, const RunResult& second) {
  struct Window {
    const char* name;
    double from_years, to_years;
  };
  const Window windows[] = {{"during the shock (1.5-2 y)", 1.5, 2.0},
                            {"year after it (2-3 y)", 2.0, 3.0},
                            {"last quarter of that year (2.75-3 y)", 2.75, 3.0},
                            {"second year after (3-4 y)", 3.0, 4.0}};
  std::vector<PairedEffect> effects;
  for (const auto& w : windows) {
    const double from = w.from_years * 365.0;
    const double to = w.to_years * 365.0;
    effects.push_back(paired(std::string("waiting, ") + w.name, testing::waiting_in_window(first, from, to),
                             testing::waiting_in_window(second, from, to)));
    effects.push_back(paired(std::string("turnover, ") + w.name, testing::turnover_in_window(first, from, to),
                             testing::turnover_in_window(second, from, to)));
  }
  return effects;
}

TEST(WorkforceDemonstrations, ATemporaryInflowShockOutlastsItselfUnlessStaffIsAdded) {
  // Reports x 0.95: the loops on, the settling mechanisms on, a Board with room.
  auto base = with_room_at_the_board(testing::small_chain(40, 4.5));
  testing::scale(base, {"inflow.vt_reports_per_year"}, 0.95);
  const RunResult calm = run(base);
  const RunResult shock = run(with_shock(base));
  const RunResult helped = run(with_extra_staff(with_shock(base)));
  const RunResult calm_off = run(testing::loops_off(base));
  const RunResult shock_off = run(testing::loops_off(with_shock(base)));
  const std::string about = " (small chain, VT reports x 0.95; waiting = children waiting at the 4 staffed stages, "
                            "turnover = leavers per FTE-year, VT+RvdK+GI; 40 replications)";
  const auto shocked = shock_effects(calm, shock);
  testing::print_effects("+30% reports for six months from year 1.5, loops on" + about, "no shock", "shock", shocked);
  const auto staffed = shock_effects(calm, helped);
  testing::print_effects("The same shock with 30% more FTE from year 1.5 to 3" + about, "no shock", "shock+staff", staffed);
  const auto rescued = shock_effects(shock, helped);
  testing::print_effects("What the extra staff changed" + about, "shock", "shock+staff", rescued);
  testing::print_effects("The same shock with every loop off" + about, "no shock", "shock", shock_effects(calm_off, shock_off));

  // Without extra staff the shock leaves more waiting and more turnover in the year after it,
  // and more waiting still at the end of that year.
  EXPECT_TRUE(find(shocked, "waiting, year after it (2-3 y)").significantly_positive());
  EXPECT_TRUE(find(shocked, "turnover, year after it (2-3 y)").significantly_positive());
  EXPECT_TRUE(find(shocked, "waiting, last quarter of that year (2.75-3 y)").significantly_positive());
  // With extra staff neither is above the no-shock run in that year, and in the second year
  // after the shock, while the extra positions are cut by attrition, the waiting lists are
  // still shorter than without them.
  EXPECT_FALSE(find(staffed, "waiting, year after it (2-3 y)").significantly_positive());
  EXPECT_FALSE(find(staffed, "turnover, year after it (2-3 y)").significantly_positive());
  EXPECT_LT(find(rescued, "waiting, second year after (3-4 y)").difference.high, 0.0);
}

}  // namespace
}  // namespace ketensim::model
