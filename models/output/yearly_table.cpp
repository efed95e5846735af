// SPDX-License-Identifier: MIT
#include "models/output/yearly_table.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace ketensim::output {
using model::CalendarDate;
using model::TimeSeries;
using model::run_day;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::optional<std::size_t> metric_index(const TimeSeries& series, const char* name) {
  const auto it = std::find(series.metric_names.begin(), series.metric_names.end(), name);
  if (it == series.metric_names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - series.metric_names.begin());
}

}  // namespace

std::vector<YearlyRow> yearly_table(const model::TimeSeries& series, std::uint32_t replication, const model::CalendarDate& start) {
  std::vector<YearlyRow> rows;
  const auto waiting = metric_index(series, "waiting");
  const auto in_service = metric_index(series, "in_service");
  const auto arrivals = metric_index(series, "arrivals");
  const auto completed = metric_index(series, "completed");
  const std::vector<double>& times = series.time_days;
  if (times.size() < 2) return rows;
  const double step = times[1] - times[0];
  // The sample that stands for the start of `date`: at its run day or at most one step before.
  auto sample_of = [&](const CalendarDate& date) -> std::optional<std::size_t> {
    const double day = run_day(start, date);
    const auto after = std::upper_bound(times.begin(), times.end(), day + 1e-9);
    if (after == times.begin()) return std::nullopt;
    const auto at = static_cast<std::size_t>(after - times.begin()) - 1;
    if (day - times[at] >= step - 1e-9) return std::nullopt;  // past the last sample
    return at;
  };
  const int first_year = start.year;
  const int last_year = CalendarDate::from_days_since_epoch(start.days_since_epoch() + static_cast<long>(times.back())).year;
  for (int year = first_year; year <= last_year; ++year) {
    const auto january = sample_of(CalendarDate{year, 1, 1});
    const auto july = sample_of(CalendarDate{year, 7, 1});
    const auto next_january = sample_of(CalendarDate{year + 1, 1, 1});
    for (std::size_t s = 0; s < series.series_stage.size(); ++s) {
      // A series without one of the metrics (a synthetic result) gives NaN where it is needed.
      auto stock = [&](const std::optional<std::size_t>& sample) {
        if (!sample || !waiting || !in_service) return nan;
        return series.at(*waiting, s, *sample) + series.at(*in_service, s, *sample);
      };
      auto flow = [&](const std::optional<std::size_t>& metric) {
        if (!january || !next_january || !metric) return nan;
        double total = 0;
        for (std::size_t k = *january + 1; k <= *next_january; ++k) total += series.at(*metric, s, k);
        return total;
      };
      rows.push_back(YearlyRow{year, series.series_stage[s], series.series_region[s], replication, stock(january),
                               stock(july), stock(next_january), flow(arrivals), flow(completed)});
    }
  }
  return rows;
}

std::vector<YearlyRow> yearly_table(const model::RunResult& run) {
  std::vector<YearlyRow> rows;
  for (const auto& replication : run.replications) {
    auto one = yearly_table(replication.timeseries, replication.replication, run.start_date);
    rows.insert(rows.end(), std::make_move_iterator(one.begin()), std::make_move_iterator(one.end()));
  }
  return rows;
}

}  // namespace ketensim::output
