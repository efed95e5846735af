// SPDX-License-Identifier: MIT
#pragma once
#include <limits>
#include <string>

#include "models/run_result.h"

// A small synthetic RunResult with every part of the output filled in. The gtests and the
// ketensim_write_example_result tool (behind tests/python/test_output_format.py) share it,
// so the values below are the ones those tests check.
namespace ketensim::testing {

/// 3 replications (indices 0, 1, 2); 5 samples every 30 days; 4 series; 2 metrics whose
/// value is 1000 r + 100 m + 10 s + t; 3 staff series (gi in groningen, friesland and
/// national) of 3 staff metrics whose value is 1000 r + 100 m + 10 s + t + 0.5; 3 KPIs: wait_days_median = 10, 20, NaN,
/// completed_per_year = 5, 6, 7, share_on_time = NaN in all; 1 calibration target simulated as
/// 19000, 19100, 19200. With `with_events`, replication r logs r + 2 events. Two analytic
/// rows: utilisation of rvdk = 0.9, wait_days_mean at rvdk = +inf (an unstable pool).
inline model::RunResult example_run_result(bool with_events = true) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  model::RunResult run;
  run.software_version = "0.1.0";
  run.git_revision = "abc123def456";
  run.engine = "native";
  run.scenario_name = "example";
  run.scenario_path = "scenarios/examples/example.toml";
  run.scenario_text = "format_version = \"1.0\"\n[run]\nyears = 2.0\n# Jeugdbescherming, regio's: Zeeland–Brabant\n";
  run.seed = 18446744073709551557ULL;  // near the top of uint64: checks nothing narrows it
  run.years = 2.0;
  run.warmup_years = 0.5;
  run.start_date = model::CalendarDate{2019, 12, 1};  // day 31 is 1 January 2020: two calendar years
  run.region_names = {"groningen", "friesland"};
  run.stage_names = {"vt_triage", "rvdk", "gi"};
  run.event_names = {"arrive", "start", "complete", "leave"};
  run.has_events = with_events;

  const double kpi_wait[3] = {10.0, 20.0, nan};
  for (std::uint32_t r = 0; r < 3; ++r) {
    model::ReplicationResult rep;
    rep.replication = r;
    rep.stream_seed = 1000 + r;
    rep.events_delivered = 100 + r;
    rep.wall_seconds = 0.25 * (r + 1);

    model::TimeSeries& ts = rep.timeseries;
    ts.time_days = {0.0, 30.0, 60.0, 90.0, 120.0};
    ts.series_stage = {"vt_triage", "vt_triage", "vt_triage", "rvdk"};
    ts.series_region = {"groningen", "friesland", "national", "national"};
    ts.metric_names = {"waiting", "staff_fte"};
    ts.metric_units = {"children", "FTE"};
    ts.values.resize(2 * 4 * 5);
    for (std::size_t m = 0; m < 2; ++m)
      for (std::size_t s = 0; s < 4; ++s)
        for (std::size_t t = 0; t < 5; ++t) ts.at(m, s, t) = 1000.0 * r + 100.0 * m + 10.0 * s + t;

    model::StaffSeries& staff = rep.staff;
    staff.series_organisation = {"gi", "gi", "gi"};
    staff.series_area = {"groningen", "friesland", "national"};
    staff.metric_names = {"headcount", "pressure_mean", "cost_euros"};
    staff.metric_units = {"FTE", "caseload/norm", "euros/step"};
    staff.values.resize(3 * 3 * 5);
    for (std::size_t m = 0; m < 3; ++m)
      for (std::size_t s = 0; s < 3; ++s)
        for (std::size_t t = 0; t < 5; ++t)
          staff.values[staff.index(m, s, t, 5)] = 1000.0 * r + 100.0 * m + 10.0 * s + t + 0.5;

    rep.kpis = {{"wait_days_median", "rvdk", "national", "days", kpi_wait[r]},
                {"completed_per_year", "gi", "groningen", "children/year", 5.0 + r},
                {"share_on_time", "chain", "national", "share", nan}};
    rep.calibration = {
        {"rvdk_investigations_per_year", 20000.0, 19000.0 + 100.0 * r, "CBS Jeugdbeschermingsstatistiek 2023"}};
    if (with_events) {
      for (std::uint32_t i = 0; i < r + 2; ++i) {
        model::FamilyEvent e;
        e.time_days = 1.5 * i + r;
        e.family = 10ULL * r + i;
        e.region = static_cast<std::uint16_t>(i % 2);
        e.stage = static_cast<std::uint8_t>(i % 3);
        e.what = static_cast<std::uint8_t>(i % 4);
        e.children = static_cast<std::uint8_t>(1 + i % 3);
        e.detail = i % 2 == 0 ? -1 : static_cast<std::int32_t>(i);
        rep.events.push_back(e);
      }
    }
    run.replications.push_back(std::move(rep));
  }
  run.analytic = {{"utilisation", "rvdk", "national", "share", 0.9},
                  {"wait_days_mean", "rvdk", "national", "days", std::numeric_limits<double>::infinity()}};
  return run;
}

}  // namespace ketensim::testing
