// SPDX-License-Identifier: MIT
// The tipping criterion (models/waiting_trend.h) and the bisection (models/tipping_point.h).
#include <gtest/gtest.h>

#include <cmath>

#include "models/scenario_error.h"
#include "models/timeseries_metrics.h"
#include "models/tipping_point.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

// Waiting series for the trend stages (national) plus a regional one that must be ignored;
// every series of a stage holds `waiting(stage, t)`.
template <class Waiting>
TimeSeries series(std::size_t samples, double step_days, Waiting&& waiting) {
  TimeSeries ts;
  for (std::size_t i = 0; i < samples; ++i) ts.time_days.push_back(static_cast<double>(i) * step_days);
  for (const auto& stage : trend_stages()) {
    for (const char* region : {"north", "national"}) {
      ts.series_stage.push_back(stage);
      ts.series_region.push_back(region);
    }
  }
  ts.metric_names.assign(metric_names.begin(), metric_names.end());
  ts.values.assign(metric_count * ts.series_stage.size() * samples, 0.0);
  const auto metric = static_cast<std::size_t>(Metric::waiting);
  for (std::size_t s = 0; s < ts.series_stage.size(); ++s) {
    for (std::size_t i = 0; i < samples; ++i) {
      ts.at(metric, s, i) = ts.series_region[s] == "national" ? waiting(s / 2, ts.time_days[i]) : 1e6;
    }
  }
  return ts;
}

TEST(WaitingTrend, TheSlopeOfALinearTotalIsItsGrowthPerYear) {
  // Stage k grows by k + 1 children a day: the total of n stages by n (n + 1) / 2 a day.
  const auto ts = series(100, 7, [](std::size_t k, double t) { return 50.0 + static_cast<double>(k + 1) * t; });
  const double n = static_cast<double>(trend_stages().size());
  EXPECT_NEAR(waiting_slope_per_year(ts, 0, 1e9), 365.0 * n * (n + 1) / 2, 1e-6);
  EXPECT_DOUBLE_EQ(total_waiting(ts)[3], 50.0 * n + n * (n + 1) / 2 * 21);
}

TEST(WaitingTrend, OnlyTheSamplesInTheWindowCount) {
  // Flat until day 350, then rising by 1 a day: the window from day 350 sees only the rise.
  const auto ts = series(200, 7, [](std::size_t k, double t) { return k == 3 && t > 350 ? t - 350 : 0.0; });
  EXPECT_NEAR(waiting_slope_per_year(ts, 350, 1e9), 365.0, 1e-6);
  EXPECT_TRUE(std::isnan(waiting_slope_per_year(ts, 2000, 2005)));  // no sample in it
}

TEST(WaitingTrend, AMissingStageIsAnError) {
  auto ts = series(10, 7, [](std::size_t, double) { return 0.0; });
  ts.series_region[7] = "south";  // gi has no national series any more
  EXPECT_THROW(total_waiting(ts), std::invalid_argument);
}

TEST(WaitingTrend, ArrivalsPerYearCountTheStepsEndingInTheWindow) {
  auto ts = series(60, 7, [](std::size_t, double) { return 0.0; });
  const auto metric = static_cast<std::size_t>(Metric::arrivals);
  for (std::size_t s = 0; s < ts.series_stage.size(); ++s) {
    // 2 children a week at each stage nationally; the regional series must not count.
    for (std::size_t i = 0; i < ts.time_days.size(); ++i) ts.at(metric, s, i) = ts.series_region[s] == "national" ? 2.0 : 50.0;
  }
  // Samples at days 7 ... 364 end the 52 weeks of (0, 364]: n stages x 2 x 52 children in 364 days.
  EXPECT_NEAR(arrivals_per_year(ts, 0, 364), static_cast<double>(trend_stages().size()) * 2 * 52 / (364.0 / 365.0), 1e-9);
  EXPECT_TRUE(std::isnan(arrivals_per_year(ts, 1000, 1001)));
}

TEST(WaitingTrend, TheWindowIsTheLastYearsButNeverTheWarmUp) {
  TrendCriterion criterion;
  EXPECT_EQ(trend_window_days(5, 1, criterion), std::make_pair(365.0, 1825.0));
  criterion.trend_years = 2;
  EXPECT_EQ(trend_window_days(5, 1, criterion), std::make_pair(1095.0, 1825.0));
  criterion.trend_years = 10;
  EXPECT_EQ(trend_window_days(5, 1, criterion), std::make_pair(365.0, 1825.0));
}

TEST(WaitingTrend, SlopesSignificantlyAboveZeroDoNotSettle) {
  const TrendCriterion criterion;
  const auto rising = judge_slopes(1, {9, 11, 10, 12, 8}, 0, criterion);
  EXPECT_FALSE(rising.settles);
  EXPECT_DOUBLE_EQ(rising.slope_mean, 10);
  // s = sqrt(2.5), t(0.95, 4) = 2.131847
  EXPECT_NEAR(rising.margin, 2.131847 * std::sqrt(2.5 / 5), 1e-5);
  EXPECT_LT(rising.p_value, 0.001);
  const auto noise = judge_slopes(1, {-3, 2, 1, -1, 2}, 0, criterion);
  EXPECT_TRUE(noise.settles);
  EXPECT_GT(noise.p_value, 0.05);
}

TEST(WaitingTrend, TheVerdictFlipsExactlyWhereTheOneSidedTestDoes) {
  // Mean 1, s = 1.633, n = 4: mean - t(0.95, 3) s / 2 = 1 - 1.921 < 0 (settles); mean 1.2,
  // s = 0.707, n = 9: 1.2 - 1.860 x 0.236 = 0.762 > 0 (does not settle).
  EXPECT_TRUE(judge_slopes(0, {-1, 1, 1, 3}, 0, TrendCriterion{}).settles);
  EXPECT_FALSE(judge_slopes(0, {0, 1, 1, 2}, 0, TrendCriterion{}).settles);  // s = 0.816: 1 - 0.961 > 0
  const auto nine = judge_slopes(0, {0.2, 1.2, 1.2, 2.2, 0.2, 1.2, 1.2, 2.2, 1.2}, 0, TrendCriterion{});
  EXPECT_FALSE(nine.settles);
  EXPECT_LT(nine.p_value, 0.05);
  // A floor: the slopes must exceed it significantly (1.2 - 0.438 < 1).
  const auto floored = judge_slopes(0, {0.2, 1.2, 1.2, 2.2, 0.2, 1.2, 1.2, 2.2, 1.2}, 1.0, TrendCriterion{});
  EXPECT_TRUE(floored.settles);
  EXPECT_EQ(floored.floor_per_year, 1.0);
  EXPECT_GT(floored.p_value, 0.05);
}

TEST(WaitingTrend, IdenticalSlopesNeedNoSpread) {
  EXPECT_FALSE(judge_slopes(0, {3, 3, 3}, 0, TrendCriterion{}).settles);
  EXPECT_TRUE(judge_slopes(0, {0, 0, 0}, 0, TrendCriterion{}).settles);
  EXPECT_THROW(judge_slopes(0, {3}, 0, TrendCriterion{}), std::invalid_argument);
  EXPECT_THROW(judge_slopes(0, {3, std::nan("")}, 0, TrendCriterion{}), std::invalid_argument);
}

// An evaluator that settles below (or above) `edge`, counting its calls.
TrendEvaluator synthetic(double edge, bool tips_above, int& calls) {
  return [edge, tips_above, &calls](double value) {
    ++calls;
    TrendVerdict verdict;
    verdict.value = value;
    verdict.settles = tips_above ? value < edge : value > edge;
    return verdict;
  };
}

TEST(TippingPoint, BisectionBracketsTheEdgeToTheRangeOverTwoToTheSteps) {
  int calls = 0;
  std::vector<std::string> labels;
  const auto search = find_tipping_point("k", 1000, 3000, 5, synthetic(2345, true, calls),
                                         [&](const std::string& label, const TrendVerdict&) { labels.push_back(label); });
  ASSERT_TRUE(search.bracketed());
  EXPECT_EQ(*search.direction, TippingDirection::above);
  EXPECT_EQ(calls, 7);
  EXPECT_EQ(labels, (std::vector<std::string>{"low", "high", "1", "2", "3", "4", "5"}));
  EXPECT_LT(search.settles_at, 2345);
  EXPECT_GE(search.tips_at, 2345);
  EXPECT_DOUBLE_EQ(search.tips_at - search.settles_at, 2000.0 / 32);
  EXPECT_DOUBLE_EQ(search.half_width(), 2000.0 / 64);
  EXPECT_EQ(search.evaluations.size(), 7U);
}

TEST(TippingPoint, AStaffingKeyTipsBelowItsEdge) {
  int calls = 0;
  const auto search = find_tipping_point("gi.fte", 10, 50, 6, synthetic(23.3, false, calls));
  ASSERT_TRUE(search.bracketed());
  EXPECT_EQ(*search.direction, TippingDirection::below);
  EXPECT_GT(search.settles_at, 23.3);
  EXPECT_LE(search.tips_at, 23.3);
  EXPECT_NEAR(search.estimate(), 23.3, 40.0 / 64);
}

TEST(TippingPoint, ARangeWithOneVerdictHasNoTippingPoint) {
  int calls = 0;
  const auto search = find_tipping_point("k", 1000, 2000, 5, synthetic(5000, true, calls));
  EXPECT_FALSE(search.bracketed());
  EXPECT_EQ(calls, 2);
  EXPECT_THROW(find_tipping_point("k", 2000, 2000, 5, synthetic(5000, true, calls)), std::invalid_argument);
}

TEST(TippingPoint, OnlyContinuousScenarioKeysCanBeVaried) {
  auto scenario = testing::load_example("examples/small-chain.toml");
  const TrendCriterion criterion;
  EXPECT_THROW(scenario_evaluator(scenario, "feedback.l1_turnover", criterion, RunOptions{}), ScenarioError);
  EXPECT_THROW(scenario_evaluator(scenario, "run.years", criterion, RunOptions{}), ScenarioError);
  EXPECT_THROW(scenario_evaluator(scenario, "gi.staff", criterion, RunOptions{}), ScenarioError);
  set_parameter(scenario, "run.replications", 1, "test");
  EXPECT_THROW(scenario_evaluator(scenario, "gi.fte", criterion, RunOptions{}), ScenarioError);
}

RunOptions on_threads(unsigned jobs) {
  RunOptions options;
  options.jobs = jobs;
  return options;
}

TEST(TippingPoint, AnEvaluationDoesNotDependOnTheNumberOfThreads) {
  auto scenario = testing::load_example("examples/small-chain.toml");
  set_parameter(scenario, "run.replications", 3, "test");
  set_parameter(scenario, "run.years", 2, "test");
  const TrendCriterion criterion;
  const auto one = scenario_evaluator(scenario, "inflow.vt_reports_per_year", criterion, RunOptions{})(2600);
  const auto three = scenario_evaluator(scenario, "inflow.vt_reports_per_year", criterion, on_threads(3))(2600);
  EXPECT_EQ(one.slopes, three.slopes);
  EXPECT_EQ(one.settles, three.settles);
  EXPECT_EQ(one.waiting_end_mean, three.waiting_end_mean);
}

}  // namespace
}  // namespace ketensim::model
