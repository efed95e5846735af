// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/calendar_date.h"

namespace ketensim::model {

/// Time series of one replication: values[metric][series][sample].
///
/// A series is one (stage, region) pair; region "national" is the sum (or, for means and
/// percentiles, the value over all regions' workers). Samples are taken every
/// `run.timeseries_step_days` from day 0, warm-up included (`time_days` tells which).
struct TimeSeries {
  std::vector<double> time_days;
  std::vector<std::string> series_stage;
  std::vector<std::string> series_region;
  std::vector<std::string> metric_names;
  std::vector<std::string> metric_units;
  /// Flattened [metric][series][sample]; use `at`.
  std::vector<double> values;

  [[nodiscard]] std::size_t index(std::size_t metric, std::size_t series, std::size_t sample) const {
    return (metric * series_stage.size() + series) * time_days.size() + sample;
  }
  double& at(std::size_t metric, std::size_t series, std::size_t sample) { return values[index(metric, series, sample)]; }
  [[nodiscard]] double at(std::size_t metric, std::size_t series, std::size_t sample) const {
    return values[index(metric, series, sample)];
  }
};

/// Staff time series of one replication: values[metric][series][sample], one series per
/// staff pool (organisation, area) and one per organisation (area "national"); the samples
/// are those of TimeSeries::time_days. See docs/workforce.md.
struct StaffSeries {
  std::vector<std::string> series_organisation;
  std::vector<std::string> series_area;
  std::vector<std::string> metric_names;
  std::vector<std::string> metric_units;
  std::vector<double> values;

  [[nodiscard]] std::size_t index(std::size_t metric, std::size_t series, std::size_t sample, std::size_t samples) const {
    return (metric * series_organisation.size() + series) * samples + sample;
  }
};

/// One key performance indicator of one replication (after warm-up).
struct KpiValue {
  std::string name;    // e.g. "wait_days_median"
  std::string stage;   // e.g. "rvdk_investigation", or "chain"
  std::string region;  // a region name or "national"
  std::string unit;    // e.g. "days", "share", "children"
  double value = 0.0;  // NaN when undefined in this replication (no case observed)
};

/// One row of the optional per-family event log.
struct FamilyEvent {
  double time_days = 0.0;
  std::uint64_t family = 0;
  std::uint16_t region = 0;  // index into RunResult::region_names
  std::uint8_t stage = 0;    // index into RunResult::stage_names
  std::uint8_t what = 0;     // index into RunResult::event_names
  std::uint8_t children = 0;
  std::int32_t detail = -1;  // meaning depends on `what` (worker index, outcome); -1 if none
};

/// A target from figures.md beside what this replication simulated.
struct CalibrationValue {
  std::string target;  // e.g. "rvdk_investigations_per_year"
  double published = 0.0;
  double simulated = 0.0;
  std::string source;
};

struct ReplicationResult {
  std::uint32_t replication = 0;
  std::uint64_t stream_seed = 0;  // seed of this replication's streams
  std::uint64_t events_delivered = 0;
  double wall_seconds = 0.0;
  TimeSeries timeseries;
  StaffSeries staff;
  std::vector<KpiValue> kpis;
  std::vector<CalibrationValue> calibration;
  std::vector<FamilyEvent> events;  // empty unless the event log was asked for
};

/// Everything one `ketensim run` writes.
struct RunResult {
  std::string software_version;
  std::string git_revision;
  std::string engine;
  std::string scenario_name;
  std::string scenario_path;
  std::string scenario_text;  // the resolved scenario (defaults filled in), as TOML
  std::uint64_t seed = 0;
  double years = 0.0;
  double warmup_years = 0.0;
  /// Calendar date of day 0 (run.start_date); the yearly table's calendar.
  CalendarDate start_date = default_start_date;
  std::vector<std::string> region_names;
  std::vector<std::string> stage_names;
  std::vector<std::string> event_names;
  bool has_events = false;
  std::vector<ReplicationResult> replications;
  /// The analytic flow model's estimates (docs/analytic.md), keyed like the KPIs; empty unless
  /// the run asked for them (`ketensim run --analytic`). Written to /analytic.
  std::vector<KpiValue> analytic;
};

}  // namespace ketensim::model
