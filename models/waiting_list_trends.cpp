// SPDX-License-Identifier: MIT
#include "models/waiting_list_trends.h"

#include <cmath>
#include <stdexcept>

namespace ketensim::model {

const std::vector<std::string>& settling_stages() {
  static const std::vector<std::string> stages = {
      "vt_triage", "vt_investigation", "rvdk", "rvdk_other", "gi", "care_ambulatory", "care_intensive_ambulatory",
      "care_foster_care", "care_family_home", "care_residential", "care_closed"};
  return stages;
}

std::vector<ListTrend> waiting_list_trends(const RunResult& run, const TrendCriterion& criterion) {
  if (run.replications.size() < 2) {
    throw std::invalid_argument("waiting-list trends: " + std::to_string(run.replications.size()) +
                                " replication(s): the test over replications needs at least 2");
  }
  const auto [from, to] = trend_window_days(run.years, run.warmup_years, criterion);
  // Two-sided: each side is tested at the level that leaves (1 - confidence) / 2 beyond it.
  TrendCriterion side = criterion;
  side.confidence = 1.0 - (1.0 - criterion.confidence) / 2.0;
  std::vector<ListTrend> trends;
  for (const auto& stage : settling_stages()) {
    const std::vector<std::string> one = {stage};
    std::vector<double> slopes, falls;
    double arrivals = 0, start = 0, end = 0;
    for (const auto& replication : run.replications) {
      const TimeSeries& series = replication.timeseries;
      const double slope = waiting_slope_per_year(series, from, to, one);
      slopes.push_back(std::isnan(slope) ? 0.0 : slope);
      falls.push_back(-slopes.back());
      const double joining = arrivals_per_year(series, from, to, one);
      arrivals += std::isnan(joining) ? 0.0 : joining;
      const std::vector<double> waiting = total_waiting(series, one);
      bool started = false;
      for (std::size_t i = 0; i < waiting.size(); ++i) {
        if (series.time_days[i] >= from && !started) {
          start += waiting[i];
          started = true;
        }
      }
      if (!waiting.empty()) end += waiting.back();
    }
    const double n = static_cast<double>(run.replications.size());
    const double floor = criterion.min_growth_share * arrivals / n;
    const TrendVerdict growth = judge_slopes(0, slopes, floor, side);
    const TrendVerdict decline = judge_slopes(0, falls, floor, side);
    trends.push_back(ListTrend{stage, growth.slope_mean, growth.margin, floor, start / n, end / n,
                               growth.settles && decline.settles});
  }
  return trends;
}

}  // namespace ketensim::model
