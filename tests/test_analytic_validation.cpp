// SPDX-License-Identifier: MIT
// The analytic flow model against the simulation: in product-form configurations of the chain
// (Poisson arrivals, exponential work, no feedback from the workforce) the simulated
// utilisation and mean waits agree with the model within their 99% confidence intervals, and
// the stability boundary of `analyze --max-inflow` is where the simulated waiting list stops
// settling and starts to grow.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "models/analytic/analyze.h"
#include "models/analytic/report_rows.h"
#include "models/simulation.h"
#include "models/timeseries_metrics.h"
#include "support/kpi_lookup.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

double analytic_value(const std::vector<KpiValue>& rows, const std::string& name, const std::string& stage,
                      const std::string& region) {
  for (const auto& row : rows) {
    if (row.name == name && row.stage == stage && row.region == region) return row.value;
  }
  throw std::out_of_range("no analytic row " + name + "/" + stage + "/" + region);
}

sim::ConfidenceInterval simulated(const RunResult& run, const std::string& name, const std::string& stage,
                                  const std::string& region) {
  sim::SufficientStats stats;
  for (const auto& replication : run.replications) stats.add(testing::kpi(replication, name, stage, region));
  return sim::confidence_interval(stats, 0.99);
}

// Runs `file` and checks each (name, stage, region) of the analytic rows against the simulation.
struct Key {
  std::string name, stage, region;
};
void expect_agreement(const std::string& file, const std::vector<Key>& keys) {
  const Scenario scenario = testing::load_example(file);
  const auto rows = analytic::report_rows(analytic::analyze(scenario));
  const RunResult run = run_scenario(scenario, RunOptions{});
  for (const Key& key : keys) {
    const double estimate = analytic_value(rows, key.name, key.stage, key.region);
    const auto ci = simulated(run, key.name, key.stage, key.region);
    const std::string what = file + ": " + key.name + " " + key.stage + " " + key.region;
    EXPECT_GE(estimate, ci.low) << what << ": analytic " << estimate << ", simulated " << ci.mean << " ± " << ci.half_width;
    EXPECT_LE(estimate, ci.high) << what << ": analytic " << estimate << ", simulated " << ci.mean << " ± " << ci.half_width;
  }
}

TEST(AnalyticAgainstSimulation, AnRvdkOfThreeInvestigatorsWithCapOneAgreesOnUtilisationAndWait) {
  expect_agreement("examples/mmc-rvdk.toml", {{"utilisation", "rvdk", "RvdK Test"},
                                              {"wait_days_mean", "rvdk_other", "national"},
                                              {"waiting_children_mean", "rvdk_other", "national"}});
}

TEST(AnalyticAgainstSimulation, OneInvestigatorSharingHoursUpToACapAgreesOnTheWaitBeyondTheCap) {
  expect_agreement("examples/capped-ps-rvdk.toml", {{"utilisation", "rvdk", "RvdK Test"},
                                                    {"wait_days_mean", "rvdk_other", "national"},
                                                    {"waiting_children_mean", "rvdk_other", "national"}});
}

TEST(AnalyticAgainstSimulation, TheTandemThroughTheChainAgreesAtEveryStation) {
  expect_agreement("examples/tandem-jackson.toml", {{"utilisation", "vt", "VT Test"},
                                                    {"wait_days_mean", "vt_triage", "national"},
                                                    {"sojourn_days_mean", "local_team", "national"},
                                                    {"utilisation", "rvdk", "RvdK Test"},
                                                    {"wait_days_mean", "rvdk", "national"},
                                                    {"sojourn_days_mean", "court", "national"},
                                                    {"waiting_children_mean", "gi", "national"},
                                                    {"completed_per_year", "rvdk", "national"},
                                                    {"completed_per_year", "gi", "national"}});
}

// Least-squares slope (children per day) of the RvdK's national waiting list over the second
// half of a run, averaged over the replications.
double waiting_slope(const RunResult& run) {
  double slope_sum = 0;
  for (const auto& replication : run.replications) {
    const TimeSeries& ts = replication.timeseries;
    std::size_t metric = 0, series = 0;
    while (ts.metric_names.at(metric) != metric_names[static_cast<std::size_t>(Metric::waiting)]) ++metric;
    while (!(ts.series_stage.at(series) == "rvdk_other" && ts.series_region.at(series) == "national")) ++series;
    const double half = ts.time_days.back() / 2.0;
    double n = 0, st = 0, sy = 0, stt = 0, sty = 0;
    for (std::size_t i = 0; i < ts.time_days.size(); ++i) {
      const double t = ts.time_days[i];
      if (t < half) continue;
      const double y = ts.at(metric, series, i);
      n += 1;
      st += t;
      sy += y;
      stt += t * t;
      sty += t * y;
    }
    slope_sum += (n * sty - st * sy) / (n * stt - st * st);
  }
  return slope_sum / static_cast<double>(run.replications.size());
}

TEST(AnalyticAgainstSimulation, TheWaitingListSettlesJustBelowTheMaxInflowAndGrowsJustAbove) {
  Scenario scenario = testing::load_example("examples/mmc-rvdk.toml");
  set_parameter(scenario, "run.years", 30, "test");
  set_parameter(scenario, "run.replications", 4, "test");
  const auto report = analytic::analyze(scenario);
  const double boundary = report.max_inflow_multiplier;
  ASSERT_EQ(report.bottleneck, "rvdk RvdK Test");
  const double inflow = scenario.parameters.inflow.rvdk_other_cases_per_year;
  const double capacity_per_day = 3.0 / scenario.parameters.rvdk.other_case_hours;  // 3 investigators, 1 hour a day
  EXPECT_NEAR(boundary * inflow / 365.0, capacity_per_day, 1e-9);

  set_parameter(scenario, "inflow.rvdk_other_cases_per_year", 0.9 * boundary * inflow, "test");
  const double below = waiting_slope(run_scenario(scenario, RunOptions{}));
  set_parameter(scenario, "inflow.rvdk_other_cases_per_year", 1.1 * boundary * inflow, "test");
  const double above = waiting_slope(run_scenario(scenario, RunOptions{}));
  // Above, the list grows by the excess of arrivals over service: 10% of capacity a day.
  const double excess = 0.1 * capacity_per_day;
  EXPECT_NEAR(above, excess, 0.25 * excess) << "above the boundary the waiting list grows at " << above << " a day";
  EXPECT_LT(std::abs(below), 0.1 * excess) << "below the boundary the waiting list drifts at " << below << " a day";
}

}  // namespace
}  // namespace ketensim::model
