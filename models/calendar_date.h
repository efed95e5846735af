// SPDX-License-Identifier: MIT
#pragma once
// Header-only: the result files (models/output, which does not link the model) use it too.
#include <cstdio>
#include <string>

namespace ketensim::model {

/// A day of the Gregorian calendar: the scenario's `run.start_date`, the dates of an input
/// series and the years of the yearly tables. Day 0 of a run is its start date.
struct CalendarDate {
  int year = 2019;
  int month = 1;
  int day = 1;

  /// Days since 1970-01-01 (negative before); differences give run days.
  [[nodiscard]] long days_since_epoch() const;
  /// "YYYY-MM-DD", as TOML writes a local date.
  [[nodiscard]] std::string text() const;
  /// The date `days` after 1970-01-01.
  static CalendarDate from_days_since_epoch(long days);

  friend bool operator==(const CalendarDate& a, const CalendarDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms): exact for
// every Gregorian date, without the C library's time zones.
inline long CalendarDate::days_since_epoch() const {
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long year_of_era = y - era * 400;
  const long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

inline CalendarDate CalendarDate::from_days_since_epoch(long days) {
  const long z = days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long day_of_era = z - era * 146097;
  const long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long mp = (5 * day_of_year + 2) / 153;
  CalendarDate date;
  date.day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  date.year = static_cast<int>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

inline std::string CalendarDate::text() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

/// The default `run.start_date`: the date of the default's initial stocks (CBS Beleidsinformatie
/// Jeugd, stock on 1 January 2019; see initial.* in models/parameter_table.cpp).
inline constexpr CalendarDate default_start_date{2019, 1, 1};

/// Run day of `date` in a run that starts on `start` (day 0).
inline double run_day(const CalendarDate& start, const CalendarDate& date) {
  return static_cast<double>(date.days_since_epoch() - start.days_since_epoch());
}

}  // namespace ketensim::model
