// SPDX-License-Identifier: MIT
#include "models/settling.h"

#include <cmath>

#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

// The replication's series with every trend stage but `stage` at zero, so that the
// criterion's own slope and arrival sums (which add the trend stages up) see one list.
TimeSeries only(const TimeSeries& series, const std::string& stage, bool& found) {
  TimeSeries one;
  one.time_days = series.time_days;
  one.series_stage = trend_stages();
  one.series_region.assign(one.series_stage.size(), "national");
  one.values.assign(metric_count * one.series_stage.size() * one.time_days.size(), 0.0);
  found = false;
  for (std::size_t s = 0; s < series.series_stage.size(); ++s) {
    if (series.series_stage[s] != stage || series.series_region[s] != "national") continue;
    found = true;
    std::size_t target = 0;
    while (one.series_stage[target] != stage) ++target;
    for (std::size_t m = 0; m < metric_count; ++m) {
      for (std::size_t t = 0; t < one.time_days.size(); ++t) one.at(m, target, t) = series.at(m, s, t);
    }
  }
  return one;
}

}  // namespace

std::vector<SettlingFlag> settling_flags(const RunResult& run, const TrendCriterion& criterion) {
  std::vector<SettlingFlag> flags;
  if (run.replications.size() < 2) return flags;
  const auto [from, to] = trend_window_days(run.years, run.warmup_years, criterion);
  for (const auto& stage : trend_stages()) {
    std::vector<double> slopes;
    double arrivals = 0;
    bool everywhere = true;
    for (const auto& replication : run.replications) {
      bool found = false;
      const TimeSeries one = only(replication.timeseries, stage, found);
      everywhere = everywhere && found;
      slopes.push_back(waiting_slope_per_year(one, from, to));
      arrivals += arrivals_per_year(one, from, to) / static_cast<double>(run.replications.size());
    }
    bool defined = everywhere;
    for (const double slope : slopes) defined = defined && std::isfinite(slope);
    if (!defined) continue;
    flags.push_back({stage, judge_slopes(0, slopes, criterion.min_growth_share * arrivals, criterion)});
  }
  return flags;
}

}  // namespace ketensim::model
