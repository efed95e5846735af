// SPDX-License-Identifier: MIT
// Comparing configurations: common random numbers, pooling, and plans that start at a date.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "models/comparison.h"
#include "models/kpi_bounds.h"
#include "models/simulation.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

ConfigurationRun run_configuration(const Scenario& scenario, const std::string& name) {
  return ConfigurationRun{name, scenario.path, placement_name(scenario.placement), run_scenario(scenario, RunOptions{})};
}

// The small chain with more guardians from day 0 (a plan) against the same chain.
TEST(Comparison, CommonRandomNumbersMakeThePairedDifferenceLessVariableThanTheUnpaired) {
  auto base = testing::load_example("examples/small-chain.toml");
  set_parameter(base, "run.replications", 8, "test");
  set_parameter(base, "run.years", 2, "test");
  // A GI short of staff, so that children wait for a guardian and the extra guardians matter.
  set_parameter(base, "gi.fte", 0.9 * get_parameter(base, "gi.fte"), "test");
  auto plan = base;
  plan.interventions.push_back(Intervention{"more guardians", "test", 0.75, 0, {}, "gi.fte", Intervention::How::multiply, 1.05});
  check_cross_field_rules(plan);
  const auto comparison = compare({run_configuration(base, "base"), run_configuration(plan, "plan")});
  int checked = 0;
  for (const auto& [name, stage] : {std::pair<std::string, std::string>{"wait_days_mean", "gi"},
                                    {"children_without_guardian_mean", "chain"}, {"report_to_measure_days_mean", "chain"}}) {
    const auto k = *comparison.find(name, stage, "national");
    double var_a = 0, var_b = 0, var_d = 0, mean_a = 0, mean_b = 0, mean_d = 0;
    const double n = comparison.replications;
    for (std::size_t r = 0; r < comparison.replications; ++r) {
      mean_a += comparison.value(0, k, r) / n;
      mean_b += comparison.value(1, k, r) / n;
      mean_d += (comparison.value(1, k, r) - comparison.value(0, k, r)) / n;
    }
    for (std::size_t r = 0; r < comparison.replications; ++r) {
      var_a += std::pow(comparison.value(0, k, r) - mean_a, 2) / (n - 1);
      var_b += std::pow(comparison.value(1, k, r) - mean_b, 2) / (n - 1);
      var_d += std::pow(comparison.value(1, k, r) - comparison.value(0, k, r) - mean_d, 2) / (n - 1);
    }
    // Unpaired, the two runs would be independent: var(A - B) = var(A) + var(B).
    EXPECT_LT(var_d, var_a + var_b) << stage << " " << name;
    std::printf("%s %s: paired %.3g, unpaired %.3g\n", stage.c_str(), name.c_str(), var_d, var_a + var_b);
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

// Function (b) alone in two regions, as two regional pools or one national pool, same staff.
Scenario judgment_only(Placement placement, double national_link_days) {
  auto s = testing::load_example("examples/small-chain.toml");
  s.placement = placement;
  set_parameter(s, "run.replications", 10, "test");
  set_parameter(s, "run.years", 4, "test");
  set_parameter(s, "inflow.rvdk_other_cases_per_year", 0, "test");
  set_parameter(s, "rvdk.fte", 1, "test");
  set_parameter(s, "judgment.fte", 8, "test");
  set_parameter(s, "expertise.fte", 15, "test");  // ample: (a) is not under test
  set_parameter(s, "vt.fte", 9, "test");
  set_parameter(s, "handover.regional_link_days", 0, "test");
  set_parameter(s, "handover.national_link_days", national_link_days, "test");
  set_parameter(s, "national.travel_hours_per_child", 0, "test");
  set_parameter(s, "national.coordination_hours_per_child", 0, "test");
  set_parameter(s, "initial.rvdk_children", 0, "test");
  // Pooling is about queues: staff stays constant and nobody escalates.
  set_parameter(s, "workforce.staff_dynamics", 0, "test");
  set_parameter(s, "feedback.l4_escalation", 0, "test");
  check_cross_field_rules(s);
  return s;
}

TEST(Comparison, WithoutHandOverDelayOneNationalPoolWaitsNoLongerThanRegionalPools) {
  const auto comparison = compare({run_configuration(judgment_only(Placement::regional, 0), "regional"),
                                   run_configuration(judgment_only(Placement::national, 0), "national")});
  const auto k = *comparison.find("access_days_mean", "rvdk", "national");
  const auto& difference = comparison.differences[comparison.at(1, k)];  // national - regional
  EXPECT_LE(difference.low, 0.0) << "national - regional = " << difference.mean << " ± " << difference.half_width;
  EXPECT_LT(difference.mean, 0.0) << "pooling should shorten the wait";
}

TEST(Comparison, WithALongEnoughHandOverDelayTheRegionalPoolsWin) {
  const auto comparison = compare({run_configuration(judgment_only(Placement::regional, 0), "regional"),
                                   run_configuration(judgment_only(Placement::national, 15), "national")});
  const auto k = *comparison.find("access_days_mean", "rvdk", "national");
  const auto& difference = comparison.differences[comparison.at(1, k)];
  EXPECT_GT(difference.low, 0.0) << "national - regional = " << difference.mean << " ± " << difference.half_width;
}

TEST(Comparison, AnInterventionLeavesEverythingBeforeItsStartIdentical) {
  auto base = testing::load_example("examples/small-chain.toml");
  set_parameter(base, "run.replications", 1, "test");
  set_parameter(base, "run.years", 2, "test");
  auto plan = base;
  plan.interventions.push_back(Intervention{"cap 12", "test", 1.0, 60, {"noord"}, "gi.caseload_cap_children", Intervention::How::set, 12});
  plan.interventions.push_back(Intervention{"norm 12", "test", 1.0, 0, {"noord"}, "gi.caseload_norm_children", Intervention::How::set, 12});
  // Staff added by a plan needs positions created at the start: they must change nothing before.
  plan.interventions.push_back(Intervention{"more guardians", "test", 1.0, 90, {"zuid"}, "gi.fte", Intervention::How::multiply, 1.4});
  plan.interventions.push_back(Intervention{"more RvdK", "test", 1.0, 0, {}, "rvdk.fte", Intervention::How::multiply, 1.2});
  check_cross_field_rules(plan);
  RunOptions options;
  options.event_log = true;
  const auto a = run_replication(base, 0, options);
  const auto b = run_replication(plan, 0, options);
  const double start = 365.0;
  std::size_t before = 0;
  while (before < a.events.size() && a.events[before].time_days < start) ++before;
  ASSERT_GT(before, 1000u);
  ASSERT_GE(b.events.size(), before);
  for (std::size_t i = 0; i < before; ++i) {
    ASSERT_EQ(a.events[i].time_days, b.events[i].time_days) << "event " << i;
    ASSERT_EQ(a.events[i].family, b.events[i].family) << "event " << i;
    ASSERT_EQ(a.events[i].what, b.events[i].what) << "event " << i;
  }
  const auto& ta = a.timeseries;
  const auto& tb = b.timeseries;
  for (std::size_t m = 0; m < ta.metric_names.size(); ++m) {
    for (std::size_t s = 0; s < ta.series_stage.size(); ++s) {
      for (std::size_t t = 0; t < ta.time_days.size() && ta.time_days[t] < start; ++t) {
        const double x = ta.at(m, s, t);
        const double y = tb.at(m, s, t);
        ASSERT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << ta.metric_names[m] << " " << ta.series_stage[s];
      }
    }
  }
  // And the plan does change what comes after (the counts of events may happen to agree).
  bool changed = a.events.size() != b.events.size();
  for (std::size_t i = before; !changed && i < a.events.size(); ++i) {
    changed = a.events[i].time_days != b.events[i].time_days || a.events[i].family != b.events[i].family ||
              a.events[i].what != b.events[i].what;
  }
  EXPECT_TRUE(changed);
}

}  // namespace
}  // namespace ketensim::model

namespace ketensim::model {
namespace {

// A real small run with few replications, where Student's interval of some non-negative KPI
// crosses 0: the comparison's intervals stay within each KPI's bounds.
TEST(Comparison, NoIntervalOfANonNegativeKpiGoesBelowZero) {
  auto base = testing::load_example("examples/small-chain.toml");
  set_parameter(base, "run.replications", 3, "test");
  set_parameter(base, "run.years", 1.5, "test");
  auto fewer = base;
  set_parameter(fewer, "rvdk.fte", get_parameter(base, "rvdk.fte") * 0.8, "test");
  const auto comparison = compare({run_configuration(base, "base"), run_configuration(fewer, "fewer")});
  int crossing = 0;
  int checked = 0;
  for (std::size_t i = 0; i < comparison.names.size(); ++i) {
    for (std::size_t k = 0; k < comparison.kpis.size(); ++k) {
      const auto& kpi = comparison.kpis[k];
      const auto& ci = comparison.estimates[comparison.at(i, k)];
      if (ci.n < 2 || kpi_bounds(kpi.name, kpi.unit) == sim::Bounds::none) continue;
      ++checked;
      if (ci.mean - ci.half_width < 0) ++crossing;
      EXPECT_GE(ci.low, 0.0) << kpi.stage << " " << kpi.name << " " << kpi.region;
      EXPECT_LE(ci.low, ci.mean) << kpi.stage << " " << kpi.name << " " << kpi.region;
      EXPECT_GE(ci.high, ci.mean) << kpi.stage << " " << kpi.name << " " << kpi.region;
      if (kpi_bounds(kpi.name, kpi.unit) == sim::Bounds::unit_interval) {
        EXPECT_LE(ci.high, 1.0) << kpi.name;
      }
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_GT(crossing, 0) << "no Student interval crossed 0: the test would not show the bound";
}

}  // namespace
}  // namespace ketensim::model
