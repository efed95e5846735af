// SPDX-License-Identifier: MIT
#include "models/input_series.h"

namespace ketensim::model {

const char* interpolation_name(InputSeries::Interpolation interpolation) {
  return interpolation == InputSeries::Interpolation::step ? "step" : "linear";
}

std::vector<Intervention> series_set_points(const InputSeries& series, const CalendarDate& start) {
  std::vector<Intervention> changes;
  auto set_at = [&](double day, double value) {
    Intervention change;
    change.name = "series " + series.key;
    change.where = series.where;
    change.start_years = day / 365.0;
    change.start_day = day;
    change.regions = series.regions;
    change.key = series.key;
    change.how = Intervention::How::set;
    change.value = value;
    change.from_series = true;
    changes.push_back(std::move(change));
  };
  for (std::size_t i = 0; i < series.points.size(); ++i) {
    const double day = run_day(start, series.points[i].from);
    const double value = series.points[i].value;
    set_at(day, value);
    if (series.interpolation != InputSeries::Interpolation::linear || i + 1 == series.points.size()) continue;
    const double next_day = run_day(start, series.points[i + 1].from);
    const double next_value = series.points[i + 1].value;
    for (double at = day + linear_series_step_days; at < next_day; at += linear_series_step_days) {
      set_at(at, value + (next_value - value) * (at - day) / (next_day - day));
    }
  }
  return changes;
}

}  // namespace ketensim::model
