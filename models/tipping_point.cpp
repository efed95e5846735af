// SPDX-License-Identifier: MIT
#include "models/tipping_point.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/parameter_table.h"
#include "models/scenario_error.h"

namespace ketensim::model {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// What the criterion needs of one replication; the rest of its result is dropped at once.
struct ReplicationTrend {
  double slope = nan;
  double arrivals_per_year = nan;
  double waiting_start = nan;
  double waiting_end = nan;
};

ReplicationTrend trend_of(const ReplicationResult& replication, double from_days, double to_days) {
  const TimeSeries& series = replication.timeseries;
  ReplicationTrend trend;
  trend.slope = waiting_slope_per_year(series, from_days, to_days);
  trend.arrivals_per_year = arrivals_per_year(series, from_days, to_days);
  const std::vector<double> total = total_waiting(series);
  for (std::size_t i = 0; i < total.size(); ++i) {
    if (series.time_days[i] >= from_days && std::isnan(trend.waiting_start)) trend.waiting_start = total[i];
    if (series.time_days[i] <= to_days) trend.waiting_end = total[i];
  }
  return trend;
}

// Runs the replications on `options.jobs` threads or child processes and keeps only each
// one's trend, so that a wide search does not hold every replication's time series.
std::vector<ReplicationTrend> run_trends(const Scenario& scenario, const RunOptions& options, double from_days, double to_days) {
  std::vector<ReplicationTrend> trends(static_cast<std::size_t>(scenario.parameters.run.replications));
  run_replications(scenario, options,
                   [&](std::size_t i, ReplicationResult&& result) { trends[i] = trend_of(result, from_days, to_days); });
  return trends;
}

}  // namespace

TippingSearch find_tipping_point(const std::string& key, double low, double high, std::size_t steps,
                                 const TrendEvaluator& evaluate,
                                 const std::function<void(const std::string& label, const TrendVerdict&)>& on_evaluation) {
  if (!(low < high)) {
    throw std::invalid_argument("tipping: the range must have LOW < HIGH (got " + std::to_string(low) + ":" +
                                std::to_string(high) + ")");
  }
  TippingSearch search;
  search.key = key;
  search.settles_at = nan;
  search.tips_at = nan;
  auto judge = [&](const std::string& label, double value) {
    search.evaluations.push_back(evaluate(value));
    if (on_evaluation) on_evaluation(label, search.evaluations.back());
    return search.evaluations.back().settles;
  };
  const bool low_settles = judge("low", low);
  const bool high_settles = judge("high", high);
  if (low_settles == high_settles) return search;
  search.direction = low_settles ? TippingDirection::above : TippingDirection::below;
  double settles_at = low_settles ? low : high;
  double tips_at = low_settles ? high : low;
  for (std::size_t step = 1; step <= steps; ++step) {
    const double middle = 0.5 * (settles_at + tips_at);
    (judge(std::to_string(step), middle) ? settles_at : tips_at) = middle;
  }
  search.settles_at = settles_at;
  search.tips_at = tips_at;
  return search;
}

TrendEvaluator scenario_evaluator(const Scenario& scenario, const std::string& key, const TrendCriterion& criterion,
                                  const RunOptions& options) {
  const ParameterSpec* spec = find_parameter(key);
  if (spec == nullptr) {
    Scenario probe = scenario;
    set_parameter(probe, key, 0, "--vary");  // throws the loader's message with the valid keys
    throw ScenarioError("--vary: " + key + ": unknown key");
  }
  if (spec->boolean || spec->integer || key.rfind("run.", 0) == 0) {
    throw ScenarioError("--vary: " + key + ": cannot be varied by bisection (" +
                        (key.rfind("run.", 0) == 0 ? std::string("a run setting") : std::string("not a continuous key")) + ")");
  }
  if (scenario.parameters.run.replications < 2) {
    throw ScenarioError("--replications: run.replications = " + std::to_string(static_cast<long>(scenario.parameters.run.replications)) +
                        ": the test over replications needs at least 2");
  }
  const auto window = trend_window_days(scenario.parameters.run.years, scenario.parameters.run.warmup_years, criterion);
  return [=](double value) {
    const auto started = std::chrono::steady_clock::now();
    Scenario varied = scenario;
    set_parameter(varied, key, value, "--vary");
    check_cross_field_rules(varied);
    const std::vector<ReplicationTrend> trends = run_trends(varied, options, window.first, window.second);
    std::vector<double> slopes;
    double start = 0, end = 0, arrivals = 0;
    for (const auto& trend : trends) {
      slopes.push_back(trend.slope);
      const double n = static_cast<double>(trends.size());
      start += trend.waiting_start / n;
      end += trend.waiting_end / n;
      arrivals += trend.arrivals_per_year / n;
    }
    TrendVerdict verdict = judge_slopes(value, slopes, criterion.min_growth_share * arrivals, criterion);
    verdict.waiting_start_mean = start;
    verdict.waiting_end_mean = end;
    verdict.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return verdict;
  };
}

}  // namespace ketensim::model
