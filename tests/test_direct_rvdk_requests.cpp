// SPDX-License-Identifier: MIT
// Requests to the Board from the police and others (inflow.rvdk_requests_police_other_per_year):
// they arrive at their rate, are protection cases (they go on to the court and the GIs) and
// enter the analytic flow model the same way.
#include <gtest/gtest.h>

#include <cmath>

#include "models/analytic/analyze.h"
#include "models/simulation.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

// Children arriving at a stage nationally after the first week (the initial stock is placed at day 0).
double arrivals_after_day_zero(const ReplicationResult& r, const std::string& stage) {
  const auto& ts = r.timeseries;
  double total = 0;
  for (std::size_t s = 0; s < ts.series_stage.size(); ++s) {
    if (ts.series_stage[s] != stage || ts.series_region[s] != "national") continue;
    for (std::size_t i = 1; i < ts.time_days.size(); ++i) total += ts.at(0, s, i);  // metric 0: arrivals
  }
  return total;
}

TEST(DirectBoardRequests, ArriveAtTheirRateAndAreProtectionCases) {
  auto without = testing::load_example("examples/small-chain.toml");
  set_parameter(without, "run.years", 2, "test");
  set_parameter(without, "rvdk.fte", 60, "test");  // room for the extra investigations
  auto with = without;
  const double per_year = 800;
  set_parameter(with, "inflow.rvdk_requests_police_other_per_year", per_year, "test");
  const ReplicationResult a = run_replication(without, 0, RunOptions{});
  const ReplicationResult b = run_replication(with, 0, RunOptions{});
  const double years = a.timeseries.time_days.back() / 365.0;
  const double extra = arrivals_after_day_zero(b, "rvdk") - arrivals_after_day_zero(a, "rvdk");
  // Poisson: sd about sqrt(1600) = 40; some requests come back through the local teams.
  EXPECT_GT(extra, per_year * years * 0.9);
  EXPECT_LT(extra, per_year * years * 1.25);
  // Protection cases go on to the court and the GIs (the Board's other cases do not).
  EXPECT_GT(arrivals_after_day_zero(b, "gi") - arrivals_after_day_zero(a, "gi"), 0.3 * per_year * years);
}

TEST(DirectBoardRequests, EnterTheAnalyticModelAsProtectionInflow) {
  auto without = testing::load_example("examples/small-chain.toml");
  auto with = without;
  set_parameter(with, "inflow.rvdk_requests_police_other_per_year", 500, "test");
  auto protection_per_year = [](const Scenario& s) {
    for (const auto& flow : analytic::analyze(s).flows) {
      if (flow.node == "rvdk_protection" && flow.region == "national") return flow.children_per_day * 365.0;
    }
    return std::nan("");
  };
  const double a = protection_per_year(without), b = protection_per_year(with);
  // The extra inflow plus what of it loops back from the local teams.
  EXPECT_GT(b - a, 500 - 1e-6);
  EXPECT_LT(b - a, 500 * 1.25);
}

}  // namespace
}  // namespace ketensim::model
