// SPDX-License-Identifier: MIT
// Two engines, one model: the chain on SimGrid and on the native loop must agree. On the
// small scenario every family meets the same events at the same times (within 1e-9 days);
// on the national scenario the KPIs agree within their confidence intervals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "models/simulation.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

RunResult run_on(sim::EngineKind engine, Scenario scenario, bool events) {
  RunOptions options;
  options.engine = engine;
  options.event_log = events;
  return run_scenario(scenario, options);
}

// Each family's own history, in its order: what happened, where, and when.
std::map<std::uint64_t, std::vector<FamilyEvent>> by_family(const std::vector<FamilyEvent>& events) {
  std::map<std::uint64_t, std::vector<FamilyEvent>> families;
  for (const auto& e : events) families[e.family].push_back(e);
  return families;
}

TEST(EngineCrossCheck, OnTheSmallChainEveryFamilyMeetsTheSameEventsAtTheSameTimes) {
  auto scenario = testing::load_example("examples/small-chain.toml");
  set_parameter(scenario, "run.replications", 1, "test");
  set_parameter(scenario, "run.years", 2, "test");
  const auto native = run_on(sim::EngineKind::native, scenario, true);
  const auto simgrid = run_on(sim::EngineKind::simgrid, scenario, true);
  const auto& a = native.replications.at(0).events;
  const auto& b = simgrid.replications.at(0).events;
  ASSERT_GT(a.size(), 10000u);
  ASSERT_EQ(a.size(), b.size());
  // The global order may differ only among events at the same instant.
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_NEAR(a[i].time_days, b[i].time_days, 1e-9) << "event " << i;
  const auto fa = by_family(a);
  const auto fb = by_family(b);
  ASSERT_EQ(fa.size(), fb.size());
  for (const auto& [family, history] : fa) {
    const auto& other = fb.at(family);
    ASSERT_EQ(history.size(), other.size()) << "family " << family;
    for (std::size_t i = 0; i < history.size(); ++i) {
      EXPECT_NEAR(history[i].time_days, other[i].time_days, 1e-9) << "family " << family << " event " << i;
      EXPECT_EQ(history[i].what, other[i].what) << "family " << family << " event " << i;
      EXPECT_EQ(history[i].stage, other[i].stage) << "family " << family << " event " << i;
      EXPECT_EQ(history[i].detail, other[i].detail) << "family " << family << " event " << i;
    }
  }
}

TEST(EngineCrossCheck, OnTheNationalScenarioTheKpisAgreeWithinConfidenceIntervals) {
  auto scenario = testing::load_example("netherlands-2020.toml");
  set_parameter(scenario, "run.replications", 2, "test");
  set_parameter(scenario, "run.years", 1.5, "test");
  set_parameter(scenario, "run.warmup_years", 0.5, "test");
  const auto native = run_on(sim::EngineKind::native, scenario, false);
  const auto simgrid = run_on(sim::EngineKind::simgrid, scenario, false);
  const auto& kpis = native.replications.at(0).kpis;
  int compared = 0;
  for (const auto& kpi : kpis) {
    if (kpi.region != "national") continue;
    const auto a = testing::kpi_interval(native, kpi.name, kpi.stage, 0.99);
    const auto b = testing::kpi_interval(simgrid, kpi.name, kpi.stage, 0.99);
    if (a.n < 2 || b.n < 2) continue;
    // Two independent intervals overlap when the means differ by less than the combined
    // half-widths; the small absolute slack covers KPIs that are exactly constant.
    const double allowed = std::hypot(a.half_width, b.half_width) + 1e-9 * (1 + std::abs(a.mean));
    EXPECT_LE(std::abs(a.mean - b.mean), allowed) << kpi.stage << " " << kpi.name << ": native " << a.mean
                                                  << ", simgrid " << b.mean;
    ++compared;
  }
  EXPECT_GT(compared, 50);
}

}  // namespace
}  // namespace ketensim::model
