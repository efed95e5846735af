// SPDX-License-Identifier: MIT
#include "models/waiting_trend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/timeseries_metrics.h"

namespace ketensim::model {
namespace {

constexpr double days_per_year = 365.0;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

const std::vector<std::string>& trend_stages() {
  static const std::vector<std::string> stages = {"vt_triage", "vt_investigation", "rvdk", "rvdk_other", "gi"};
  return stages;
}

std::vector<double> total_waiting(const TimeSeries& series) { return total_waiting(series, trend_stages()); }

std::vector<double> total_waiting(const TimeSeries& series, const std::vector<std::string>& stages) {
  const auto metric = static_cast<std::size_t>(Metric::waiting);
  std::vector<double> total(series.time_days.size(), 0.0);
  for (const auto& stage : stages) {
    std::size_t found = series.series_stage.size();
    for (std::size_t s = 0; s < series.series_stage.size(); ++s) {
      if (series.series_stage[s] == stage && series.series_region[s] == "national") found = s;
    }
    if (found == series.series_stage.size()) {
      throw std::invalid_argument("waiting trend: no national series for stage " + stage);
    }
    for (std::size_t t = 0; t < total.size(); ++t) total[t] += series.at(metric, found, t);
  }
  return total;
}

double waiting_slope_per_year(const TimeSeries& series, double from_days, double to_days) {
  return waiting_slope_per_year(series, from_days, to_days, trend_stages());
}

double waiting_slope_per_year(const TimeSeries& series, double from_days, double to_days,
                              const std::vector<std::string>& stages) {
  const std::vector<double> total = total_waiting(series, stages);
  // Centred sums, so that large times do not cost precision.
  double n = 0, sum_t = 0, sum_y = 0;
  for (std::size_t i = 0; i < total.size(); ++i) {
    const double t = series.time_days[i];
    if (t < from_days || t > to_days || std::isnan(total[i])) continue;
    n += 1;
    sum_t += t;
    sum_y += total[i];
  }
  if (n < 2) return nan;
  const double mean_t = sum_t / n;
  const double mean_y = sum_y / n;
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < total.size(); ++i) {
    const double t = series.time_days[i];
    if (t < from_days || t > to_days || std::isnan(total[i])) continue;
    sxy += (t - mean_t) * (total[i] - mean_y);
    sxx += (t - mean_t) * (t - mean_t);
  }
  return sxx > 0 ? sxy / sxx * days_per_year : nan;
}

double arrivals_per_year(const TimeSeries& series, double from_days, double to_days) {
  return arrivals_per_year(series, from_days, to_days, trend_stages());
}

double arrivals_per_year(const TimeSeries& series, double from_days, double to_days, const std::vector<std::string>& stages) {
  const auto metric = static_cast<std::size_t>(Metric::arrivals);
  double children = 0;
  std::size_t samples = 0;
  for (std::size_t i = 0; i < series.time_days.size(); ++i) samples += series.time_days[i] > from_days && series.time_days[i] <= to_days;
  if (samples == 0 || !(to_days > from_days)) return nan;
  for (const auto& stage : stages) {
    for (std::size_t s = 0; s < series.series_stage.size(); ++s) {
      if (series.series_stage[s] != stage || series.series_region[s] != "national") continue;
      for (std::size_t i = 0; i < series.time_days.size(); ++i) {
        if (series.time_days[i] > from_days && series.time_days[i] <= to_days) children += series.at(metric, s, i);
      }
    }
  }
  return children / ((to_days - from_days) / days_per_year);
}

TrendVerdict judge_slopes(double value, const std::vector<double>& slopes, double floor_per_year,
                          const TrendCriterion& criterion) {
  if (slopes.size() < 2) {
    throw std::invalid_argument("waiting trend: " + std::to_string(slopes.size()) +
                                " replication(s): the test over replications needs at least 2");
  }
  sim::SufficientStats stats;
  for (const double slope : slopes) {
    if (std::isnan(slope)) throw std::invalid_argument("waiting trend: a replication has fewer than two samples in the trend window");
    stats.add(slope);
  }
  TrendVerdict verdict;
  verdict.value = value;
  verdict.slopes = slopes;
  verdict.slope_mean = stats.mean();
  const double n = static_cast<double>(stats.count);
  const double standard_error = std::sqrt(stats.variance() / n);
  verdict.margin = sim::student_t_quantile(criterion.confidence, n - 1) * standard_error;
  verdict.floor_per_year = floor_per_year;
  const double excess = verdict.slope_mean - floor_per_year;
  if (standard_error > 0) {
    verdict.p_value = 1.0 - sim::student_t_cdf(excess / standard_error, n - 1);
  } else {
    verdict.p_value = excess > 0 ? 0.0 : 1.0;  // identical slopes: no spread to test against
  }
  verdict.settles = !(excess - verdict.margin > 0);
  return verdict;
}

std::pair<double, double> trend_window_days(double years, double warmup_years, const TrendCriterion& criterion) {
  const double end = years * days_per_year;
  const double warmup_end = warmup_years * days_per_year;
  const double from = criterion.trend_years > 0 ? std::max(warmup_end, end - criterion.trend_years * days_per_year) : warmup_end;
  return {from, end};
}

}  // namespace ketensim::model
