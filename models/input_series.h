// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/calendar_date.h"
#include "models/intervention.h"

namespace ketensim::model {

/// Observed or forecast values of one numeric key over calendar time (a scenario's
/// [[series]] table, docs/forecasting.md): from each date on, the key has that date's value
/// (`step`) or moves linearly towards the next date's value (`linear`, in weekly steps, exact
/// on the dates). Before the first date the key keeps the scenario's value.
struct InputSeries {
  enum class Interpolation { step, linear };
  struct Point {
    CalendarDate from;
    double value = 0;
  };
  std::string key;
  std::string where;  // "FILE:LINE" of the [[series]] table, for messages
  Interpolation interpolation = Interpolation::step;
  std::vector<std::string> regions;  // region codes; empty: every region
  std::vector<Point> points;         // dates strictly increasing
  std::string source;                // where the figures come from (free text)
};

/// "step" or "linear".
const char* interpolation_name(InputSeries::Interpolation interpolation);

/// Days between the set points of a linear series.
inline constexpr double linear_series_step_days = 7.0;

/// The series as timed changes (each a `set` at a run day, marked `from_series`), for a run
/// that starts on `start`: one per date for `step`; for `linear` also one every
/// `linear_series_step_days` between two dates, with the value interpolated at that day.
std::vector<Intervention> series_set_points(const InputSeries& series, const CalendarDate& start);

}  // namespace ketensim::model
