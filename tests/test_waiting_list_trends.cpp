// SPDX-License-Identifier: MIT
// The settling test of `ketensim calibration` (models/waiting_list_trends.h).
#include <gtest/gtest.h>

#include <stdexcept>

#include "models/timeseries_metrics.h"
#include "models/waiting_list_trends.h"

namespace ketensim::model {
namespace {

// A run of `replications` whose national waiting list at `stage` is `start + slope_per_day *
// t + wiggle(r, i)`, every other list empty, and 10 children a week joining each list.
RunResult run_with(const std::string& stage, double start, double slope_per_day, int replications) {
  RunResult run;
  run.years = 10;
  run.warmup_years = 2;
  for (int r = 0; r < replications; ++r) {
    ReplicationResult replication;
    TimeSeries& ts = replication.timeseries;
    for (std::size_t i = 0; i <= 520; ++i) ts.time_days.push_back(7.0 * static_cast<double>(i));
    for (const auto& name : settling_stages()) {
      ts.series_stage.push_back(name);
      ts.series_region.push_back("national");
    }
    ts.metric_names.assign(metric_names.begin(), metric_names.end());
    ts.values.assign(metric_count * ts.series_stage.size() * ts.time_days.size(), 0.0);
    for (std::size_t s = 0; s < ts.series_stage.size(); ++s) {
      for (std::size_t i = 0; i < ts.time_days.size(); ++i) {
        ts.at(static_cast<std::size_t>(Metric::arrivals), s, i) = 10;
        if (ts.series_stage[s] != stage) continue;
        const double wiggle = ((i * 7 + static_cast<std::size_t>(r) * 13) % 11) - 5.0;
        ts.at(static_cast<std::size_t>(Metric::waiting), s, i) = start + slope_per_day * ts.time_days[i] + wiggle;
      }
    }
    run.replications.push_back(replication);
  }
  return run;
}

const ListTrend& trend_of(const std::vector<ListTrend>& trends, const std::string& stage) {
  for (const auto& trend : trends) {
    if (trend.stage == stage) return trend;
  }
  throw std::out_of_range(stage);
}

TEST(WaitingListTrends, AFlatListSettles) {
  const auto trends = waiting_list_trends(run_with("rvdk", 2800, 0, 5));
  EXPECT_TRUE(trend_of(trends, "rvdk").settles);
  EXPECT_NEAR(trend_of(trends, "rvdk").waiting_start_mean, 2800, 6);
}

TEST(WaitingListTrends, AGrowingListDoesNotSettleAndIsNamed) {
  const auto trends = waiting_list_trends(run_with("rvdk", 2800, 1.0, 5));
  EXPECT_FALSE(trend_of(trends, "rvdk").settles);
  EXPECT_NEAR(trend_of(trends, "rvdk").slope_mean, 365.0, 5.0);
  EXPECT_TRUE(trend_of(trends, "gi").settles);
}

TEST(WaitingListTrends, AShrinkingListDoesNotSettleEither) {
  const auto trends = waiting_list_trends(run_with("care_foster_care", 5000, -0.5, 5));
  EXPECT_FALSE(trend_of(trends, "care_foster_care").settles);
}


// 10 children a week join each list: 521 a year; the floor is 0.1% of that.
TEST(WaitingListTrends, AGrowthBelowTheFloorCountsAsSettled) {
  const auto trends = waiting_list_trends(run_with("gi", 100, 0.2 / 365.0, 5));
  EXPECT_LT(trend_of(trends, "gi").slope_mean, trend_of(trends, "gi").floor_per_year);
  EXPECT_TRUE(trend_of(trends, "gi").settles);
}

TEST(WaitingListTrends, OneReplicationIsRefused) {
  EXPECT_THROW(waiting_list_trends(run_with("rvdk", 10, 0, 1)), std::invalid_argument);
}

}  // namespace
}  // namespace ketensim::model
