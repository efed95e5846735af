// SPDX-License-Identifier: MIT
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "models/run_result.h"

// Field-by-field comparison of results in which NaN equals NaN (an undefined KPI must stay
// undefined through a round trip) and doubles must match bit for bit.
namespace ketensim::testing {

inline ::testing::AssertionResult same_double(double a, double b) {
  if ((std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " != " << b;
}

inline void expect_same_doubles(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(same_double(a[i], b[i])) << "at index " << i;
}

/// `compare_wall_seconds`: the codec carries wall-clock time; result files do not store it.
inline void expect_equal(const model::ReplicationResult& a, const model::ReplicationResult& b,
                         bool compare_wall_seconds = true) {
  SCOPED_TRACE("replication " + std::to_string(a.replication));
  EXPECT_EQ(a.replication, b.replication);
  EXPECT_EQ(a.stream_seed, b.stream_seed);
  EXPECT_EQ(a.events_delivered, b.events_delivered);
  if (compare_wall_seconds) {
    EXPECT_TRUE(same_double(a.wall_seconds, b.wall_seconds));
  }
  expect_same_doubles(a.timeseries.time_days, b.timeseries.time_days);
  EXPECT_EQ(a.timeseries.series_stage, b.timeseries.series_stage);
  EXPECT_EQ(a.timeseries.series_region, b.timeseries.series_region);
  EXPECT_EQ(a.timeseries.metric_names, b.timeseries.metric_names);
  EXPECT_EQ(a.timeseries.metric_units, b.timeseries.metric_units);
  expect_same_doubles(a.timeseries.values, b.timeseries.values);
  EXPECT_EQ(a.staff.series_organisation, b.staff.series_organisation);
  EXPECT_EQ(a.staff.series_area, b.staff.series_area);
  EXPECT_EQ(a.staff.metric_names, b.staff.metric_names);
  EXPECT_EQ(a.staff.metric_units, b.staff.metric_units);
  expect_same_doubles(a.staff.values, b.staff.values);
  ASSERT_EQ(a.kpis.size(), b.kpis.size());
  for (std::size_t k = 0; k < a.kpis.size(); ++k) {
    EXPECT_EQ(a.kpis[k].name, b.kpis[k].name);
    EXPECT_EQ(a.kpis[k].stage, b.kpis[k].stage);
    EXPECT_EQ(a.kpis[k].region, b.kpis[k].region);
    EXPECT_EQ(a.kpis[k].unit, b.kpis[k].unit);
    EXPECT_TRUE(same_double(a.kpis[k].value, b.kpis[k].value)) << a.kpis[k].name;
  }
  ASSERT_EQ(a.calibration.size(), b.calibration.size());
  for (std::size_t c = 0; c < a.calibration.size(); ++c) {
    EXPECT_EQ(a.calibration[c].target, b.calibration[c].target);
    EXPECT_TRUE(same_double(a.calibration[c].published, b.calibration[c].published));
    EXPECT_TRUE(same_double(a.calibration[c].simulated, b.calibration[c].simulated));
    EXPECT_EQ(a.calibration[c].source, b.calibration[c].source);
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    const model::FamilyEvent& x = a.events[i];
    const model::FamilyEvent& y = b.events[i];
    EXPECT_TRUE(same_double(x.time_days, y.time_days)) << "event " << i;
    EXPECT_EQ(x.family, y.family) << "event " << i;
    EXPECT_EQ(x.region, y.region) << "event " << i;
    EXPECT_EQ(x.stage, y.stage) << "event " << i;
    EXPECT_EQ(x.what, y.what) << "event " << i;
    EXPECT_EQ(x.children, y.children) << "event " << i;
    EXPECT_EQ(x.detail, y.detail) << "event " << i;
  }
}

inline void expect_equal(const model::RunResult& a, const model::RunResult& b) {
  EXPECT_EQ(a.software_version, b.software_version);
  EXPECT_EQ(a.git_revision, b.git_revision);
  EXPECT_EQ(a.engine, b.engine);
  EXPECT_EQ(a.scenario_name, b.scenario_name);
  EXPECT_EQ(a.scenario_path, b.scenario_path);
  EXPECT_EQ(a.scenario_text, b.scenario_text);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_TRUE(same_double(a.years, b.years));
  EXPECT_TRUE(same_double(a.warmup_years, b.warmup_years));
  EXPECT_EQ(a.start_date, b.start_date);
  EXPECT_EQ(a.region_names, b.region_names);
  EXPECT_EQ(a.stage_names, b.stage_names);
  EXPECT_EQ(a.event_names, b.event_names);
  EXPECT_EQ(a.has_events, b.has_events);
  ASSERT_EQ(a.replications.size(), b.replications.size());
  for (std::size_t r = 0; r < a.replications.size(); ++r) expect_equal(a.replications[r], b.replications[r], false);
  ASSERT_EQ(a.analytic.size(), b.analytic.size());
  for (std::size_t k = 0; k < a.analytic.size(); ++k) {
    EXPECT_EQ(a.analytic[k].name, b.analytic[k].name);
    EXPECT_EQ(a.analytic[k].stage, b.analytic[k].stage);
    EXPECT_EQ(a.analytic[k].region, b.analytic[k].region);
    EXPECT_EQ(a.analytic[k].unit, b.analytic[k].unit);
    EXPECT_TRUE(same_double(a.analytic[k].value, b.analytic[k].value)) << a.analytic[k].name;
  }
}

}  // namespace ketensim::testing
