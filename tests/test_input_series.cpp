// SPDX-License-Identifier: MIT
// Dated input series ([[series]], docs/forecasting.md): a key changes exactly on its dates,
// and a run is identical to one without the series up to the first date.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "models/input_series.h"
#include "models/parameter_table.h"
#include "models/scenario.h"
#include "models/scenario_error.h"
#include "models/simulation.h"
#include "models/staff_metrics.h"
#include "models/toml_errors.h"
#include "support/scenario_files.h"

namespace ketensim::model {
namespace {

const std::string examples = testing::scenario_path("examples");

// The small chain of scenarios/examples with extra TOML after it (e.g. [[series]] tables).
Scenario small_chain_with(const std::string& extra) {
  const std::string text = read_input_file(testing::scenario_path("examples/small-chain.toml"), "scenario file");
  return load_scenario_text(text + "\n" + extra, "test.toml", examples);
}

std::string error_of(const std::string& extra) {
  try {
    small_chain_with(extra);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// The line of the small chain's last line + 1 + n: where the extra text's line n sits.
int extra_line(int n) {
  const std::string text = read_input_file(testing::scenario_path("examples/small-chain.toml"), "scenario file");
  int lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines + 1 + n;
}

std::string at(int n) { return "test.toml:" + std::to_string(extra_line(n)) + ": "; }

TEST(CalendarDate, DaysSinceTheEpochRoundTripAndCountLeapYears) {
  EXPECT_EQ((CalendarDate{1970, 1, 1}.days_since_epoch()), 0);
  EXPECT_EQ(run_day(CalendarDate{2019, 1, 1}, CalendarDate{2020, 1, 1}), 365.0);
  EXPECT_EQ(run_day(CalendarDate{2020, 1, 1}, CalendarDate{2021, 1, 1}), 366.0);  // 2020 is a leap year
  EXPECT_EQ(run_day(CalendarDate{2019, 1, 1}, CalendarDate{2019, 7, 1}), 181.0);
  for (long day = -800000; day < 800000; day += 997) {
    EXPECT_EQ(CalendarDate::from_days_since_epoch(day).days_since_epoch(), day);
  }
  EXPECT_EQ((CalendarDate{2023, 5, 1}.text()), "2023-05-01");
}

TEST(InputSeries, AStepSeriesSetsItsValueOnEachDate) {
  const auto s = small_chain_with(
      "[[series]]\nkey = \"gi.fte\"\ninterpolation = \"step\"\n"
      "values = [ { from = 2019-07-01, value = 50 }, { from = 2020-01-01, value = 30.5 } ]\n");
  ASSERT_EQ(s.series.size(), 1u);
  ASSERT_EQ(s.interventions.size(), 2u);
  EXPECT_EQ(s.interventions[0].starts_on_day(), 181.0);
  EXPECT_EQ(s.interventions[0].value, 50.0);
  EXPECT_EQ(s.interventions[1].starts_on_day(), 365.0);
  EXPECT_EQ(s.interventions[1].value, 30.5);
  for (const auto& change : s.interventions) {
    EXPECT_TRUE(change.from_series);
    EXPECT_EQ(change.how, Intervention::How::set);
    EXPECT_EQ(change.key, "gi.fte");
  }
}

TEST(InputSeries, ALinearSeriesIsExactOnItsDatesAndMovesInWeeklySteps) {
  const auto s = small_chain_with(
      "[[series]]\nkey = \"inflow.vt_reports_per_year\"\ninterpolation = \"linear\"\n"
      "values = [ { from = 2019-03-01, value = 2000 }, { from = 2019-04-01, value = 2310 }, { from = 2019-06-01, value = 2000 } ]\n");
  const auto& c = s.interventions;
  // 2019-03-01 is day 59, 2019-04-01 day 90 (31 days: points at 59, 66, 73, 80, 87), 2019-06-01 day 151.
  ASSERT_GE(c.size(), 6u);
  EXPECT_EQ(c[0].starts_on_day(), 59.0);
  EXPECT_EQ(c[0].value, 2000.0);
  EXPECT_EQ(c[1].starts_on_day(), 66.0);
  EXPECT_DOUBLE_EQ(c[1].value, 2000.0 + 310.0 * 7.0 / 31.0);
  EXPECT_EQ(c[4].starts_on_day(), 87.0);
  EXPECT_EQ(c[5].starts_on_day(), 90.0);
  EXPECT_EQ(c[5].value, 2310.0);
  EXPECT_EQ(c.back().starts_on_day(), 151.0);
  EXPECT_EQ(c.back().value, 2000.0);
  for (std::size_t i = 1; i < c.size(); ++i) {
    EXPECT_GT(c[i].starts_on_day(), c[i - 1].starts_on_day());
    EXPECT_LE(c[i].starts_on_day() - c[i - 1].starts_on_day(), linear_series_step_days);
  }
}

TEST(InputSeries, TheStartDateMovesDayZero) {
  std::string text = read_input_file(testing::scenario_path("examples/small-chain.toml"), "scenario file");
  text.replace(text.find("[run]\n"), 6, "[run]\nstart_date = 2020-01-01\n");
  const auto s = load_scenario_text(
      text + "\n[[series]]\nkey = \"gi.fte\"\nvalues = [ { from = 2021-01-01, value = 50 } ]\n", "test.toml", examples);
  EXPECT_EQ(s.start_date, (CalendarDate{2020, 1, 1}));
  ASSERT_EQ(s.interventions.size(), 1u);
  EXPECT_EQ(s.interventions[0].starts_on_day(), 366.0);
}

TEST(InputSeries, TheResolvedScenarioWritesTheSeriesBackAndLoadsToTheSameChanges) {
  const auto s = small_chain_with(
      "[[series]]\nkey = \"gi.fte\"\ninterpolation = \"linear\"\nregions = [\"noord\"]\nsource = \"a test\"\n"
      "values = [ { from = 2019-07-01, value = 50 }, { from = 2020-01-01, value = 30.5 } ]\n");
  const std::string text = s.resolved_text();
  EXPECT_EQ(text.find("[[intervention]]"), std::string::npos) << "set points must not be written as interventions";
  EXPECT_NE(text.find("start_date = 2019-01-01"), std::string::npos);
  const auto again = load_scenario_text(text, "resolved.toml", examples);
  ASSERT_EQ(again.series.size(), 1u);
  EXPECT_EQ(again.series[0].source, "a test");
  EXPECT_EQ(again.series[0].regions, std::vector<std::string>{"noord"});
  ASSERT_EQ(again.interventions.size(), s.interventions.size());
  for (std::size_t i = 0; i < s.interventions.size(); ++i) {
    EXPECT_EQ(again.interventions[i].starts_on_day(), s.interventions[i].starts_on_day());
    EXPECT_EQ(again.interventions[i].value, s.interventions[i].value);
  }
}

TEST(InputSeries, EveryMistakeNamesFileLineKeyAndWhatWasExpected) {
  const std::string head = "[[series]]\n";  // line 1 of the extra text is [[series]]
  EXPECT_EQ(error_of(head + "key = \"gi.ftee\"\nvalues = [ { from = 2019-07-01, value = 5 } ]\n").rfind(at(2) + "series.key = \"gi.ftee\": unknown key; valid keys here are gi.fte, ", 0), 0u);
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [ { from = 2019-07-01, value = \"many\" } ]\n"),
            at(3) + "series.values.value = \"many\": expected a number (FTE) for gi.fte");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [\n { from = 2020-01-01, value = 5 },\n { from = 2019-07-01, value = 6 } ]\n"),
            at(5) + "series.values.from = 2019-07-01: dates must increase (the date before is 2020-01-01)");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [ { from = 2018-12-31, value = 5 } ]\n"),
            at(3) + "series.values.from = 2018-12-31: before run.start_date (2019-01-01)");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [ { from = 2022-01-01, value = 5 } ]\n"),
            at(3) + "series.values.from = 2022-01-01: not before the end of the run (2021-12-31, run.start_date + run.years = 3 years of 365 days)");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [ { from = 2019-07-01T00:00:00, value = 5 } ]\n"),
            at(3) + "series.values.from = 2019-07-01T00:00:00: expected a date without time, e.g. 2020-01-01");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [ { from = 2019-07-01, value = -5 } ]\n"),
            at(3) + "series.values.value = -5: gi.fte must be within 0 .. 1e+06 (FTE)");
  EXPECT_EQ(error_of(head + "key = \"feedback.l1_turnover\"\nvalues = [ { from = 2019-07-01, value = 0 } ]\n").rfind(at(2) + "series.key = \"feedback.l1_turnover\": a yes/no switch", 0), 0u);
  EXPECT_EQ(error_of(head + "key = \"run.seed\"\nvalues = [ { from = 2019-07-01, value = 3 } ]\n"),
            at(2) + "series.key = \"run.seed\": a whole-number key: a series needs a key that takes any number");
  EXPECT_EQ(error_of(head + "key = \"initial.rvdk_children\"\nvalues = [ { from = 2019-07-01, value = 3 } ]\n"),
            at(2) + "series.key = \"initial.rvdk_children\": cannot change during a run (the initial state is fixed at the start)");
  EXPECT_EQ(error_of(head + "key = \"handover.regional_link_days\"\nvalues = [ { from = 2019-07-01, value = 3 } ]\n"),
            at(2) + "series.key = \"handover.regional_link_days\": cannot change during a run (the hand-over links are built at the start)");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\ninterpolation = \"spline\"\nvalues = [ { from = 2019-07-01, value = 5 } ]\n"),
            at(3) + "series.interpolation = \"spline\": expected \"step\" or \"linear\"");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nregions = [\"oost\"]\nvalues = [ { from = 2019-07-01, value = 5 } ]\n"),
            at(3) + "series.regions = \"oost\": unknown region code; valid codes are noord, zuid");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalue = 5\n"), at(3) + "series.value: unknown key; valid keys here are key, interpolation, values, regions, source");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\n"), at(1) + "series.values is missing: expected [ { from = 2019-01-01, value = NUMBER }, ... ]");
  EXPECT_EQ(error_of(head + "key = \"gi.fte\"\nvalues = [ { from = 2019-07-01, value = 5 } ]\n" + head +
                     "key = \"gi.fte\"\nregions = [\"zuid\"]\nvalues = [ { from = 2019-08-01, value = 5 } ]\n"),
            at(4) + "series.key = \"gi.fte\": a second series for the same key and region (the first is at " + "test.toml:" +
                std::to_string(extra_line(1)) + ")");
}

// The time series and staff series of a replication at the samples taken up to `day`.
struct Before {
  std::vector<double> values;
};
Before samples_up_to(const ReplicationResult& r, double day) {
  Before out;
  const auto& ts = r.timeseries;
  const std::size_t samples = ts.time_days.size();
  for (std::size_t i = 0; i < ts.values.size(); ++i) {
    if (ts.time_days[i % samples] <= day) out.values.push_back(ts.values[i]);
  }
  for (std::size_t i = 0; i < r.staff.values.size(); ++i) {
    if (ts.time_days[i % samples] <= day) out.values.push_back(r.staff.values[i]);
  }
  return out;
}

bool bitwise_equal(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool both_nan = std::isnan(a[i]) && std::isnan(b[i]);
    if (!both_nan && std::memcmp(&a[i], &b[i], sizeof(double)) != 0) return false;
  }
  return true;
}

// Funded GI FTE nationally at each sample.
std::vector<double> funded_gi_fte(const ReplicationResult& r) {
  const auto& staff = r.staff;
  const std::size_t samples = r.timeseries.time_days.size();
  for (std::size_t s = 0; s < staff.series_organisation.size(); ++s) {
    if (staff.series_organisation[s] != "gi" || staff.series_area[s] != "national") continue;
    const std::size_t metric = static_cast<std::size_t>(StaffMetric::funded_fte);
    const auto first = staff.values.begin() + static_cast<std::ptrdiff_t>(staff.index(metric, s, 0, samples));
    return std::vector<double>(first, first + static_cast<std::ptrdiff_t>(samples));
  }
  return {};
}

Scenario short_run(Scenario s) {
  set_parameter(s, "run.years", 1.5, "test");
  set_parameter(s, "run.warmup_years", 0.25, "test");
  return s;
}

TEST(InputSeries, AStaffSeriesChangesTheKeyExactlyOnItsDatesAndNothingBeforeTheFirst) {
  // Sampled daily, with the dates on sample days: a sample at the instant of a change records
  // the state before it (models/event_kind.h), the next day's the state after. Day 212
  // (2019-08-01) as 212 / 365 years comes back from x 365 one rounding below 212, day 243
  // (2019-09-01) one above: only an exact run day puts both changes on their dates.
  auto daily = [](Scenario s) {
    s = short_run(std::move(s));
    set_parameter(s, "run.timeseries_step_days", 1, "test");
    return s;
  };
  const Scenario without = daily(testing::load_example("examples/small-chain.toml"));
  const Scenario with = daily(small_chain_with(
      "[[series]]\nkey = \"gi.fte\"\ninterpolation = \"step\"\n"
      "values = [ { from = 2019-08-01, value = 50 }, { from = 2019-09-01, value = 36 } ]\n"));
  const double first = 212, second = 243;
  const ReplicationResult a = run_replication(without, 0, RunOptions{});
  const ReplicationResult b = run_replication(with, 0, RunOptions{});
  const Before before_a = samples_up_to(a, first), before_b = samples_up_to(b, first);
  ASSERT_GT(before_a.values.size(), 100u);
  EXPECT_TRUE(bitwise_equal(before_a.values, before_b.values)) << "a sample up to the first date differs";
  EXPECT_FALSE(bitwise_equal(samples_up_to(a, 540).values, samples_up_to(b, 540).values)) << "the series had no effect";

  const std::vector<double> fte_a = funded_gi_fte(a), fte_b = funded_gi_fte(b);
  const auto& times = b.timeseries.time_days;
  ASSERT_EQ(fte_b.size(), times.size());
  const double start_fte = get_parameter(without, "gi.fte");
  int after_first = 0, after_second = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    const double expected = times[i] <= first ? start_fte : times[i] <= second ? 50.0 : 36.0;
    EXPECT_NEAR(fte_b[i], expected, 1e-9 * expected) << "day " << times[i];
    EXPECT_NEAR(fte_a[i], start_fte, 1e-9 * start_fte) << "day " << times[i];
    after_first += times[i] > first && times[i] <= second ? 1 : 0;
    after_second += times[i] > second ? 1 : 0;
  }
  EXPECT_GT(after_first, 20);
  EXPECT_GT(after_second, 20);
}

TEST(InputSeries, TheSimGridEngineChangesTheKeyOnTheSameDates) {
  Scenario with = short_run(small_chain_with(
      "[[series]]\nkey = \"gi.fte\"\ninterpolation = \"linear\"\n"
      "values = [ { from = 2019-08-01, value = 50 }, { from = 2019-09-01, value = 36 } ]\n"));
  set_parameter(with, "run.timeseries_step_days", 1, "test");
  set_parameter(with, "run.replications", 1, "test");
  RunOptions simgrid;
  simgrid.engine = sim::EngineKind::simgrid;
  const std::vector<double> native_fte = funded_gi_fte(run_scenario(with, RunOptions{}).replications.at(0));
  const std::vector<double> simgrid_fte = funded_gi_fte(run_scenario(with, simgrid).replications.at(0));
  ASSERT_EQ(native_fte.size(), simgrid_fte.size());
  ASSERT_GT(native_fte.size(), 300u);
  EXPECT_NE(native_fte[212], native_fte[214]);  // the ramp moves
  for (std::size_t i = 0; i < native_fte.size(); ++i) EXPECT_DOUBLE_EQ(native_fte[i], simgrid_fte[i]) << "day " << i;
}

TEST(InputSeries, AnInflowSeriesLeavesEverySampleBeforeItsFirstDateAsItWas) {
  const Scenario without = short_run(testing::load_example("examples/small-chain.toml"));
  const Scenario with = short_run(small_chain_with(
      "[[series]]\nkey = \"inflow.vt_reports_per_year\"\ninterpolation = \"linear\"\n"
      "values = [ { from = 2019-05-01, value = 2120 }, { from = 2019-11-01, value = 3500 } ]\n"));
  const double first = 120;  // 2019-05-01
  const ReplicationResult a = run_replication(without, 0, RunOptions{});
  const ReplicationResult b = run_replication(with, 0, RunOptions{});
  EXPECT_TRUE(bitwise_equal(samples_up_to(a, first).values, samples_up_to(b, first).values));
  // The series sets the value the scenario has on its first date, so the samples right after
  // it still agree in distribution but not draw for draw (the arrival stream restarts).
  EXPECT_FALSE(bitwise_equal(samples_up_to(a, 540).values, samples_up_to(b, 540).values));
  // 65% more reports by November: the VT triage stage receives more families after it.
  double entered_a = 0, entered_b = 0;
  const auto& ts = a.timeseries;
  for (std::size_t m = 0; m < ts.metric_names.size(); ++m) {
    if (ts.metric_names[m] != "arrivals") continue;
    for (std::size_t s = 0; s < ts.series_stage.size(); ++s) {
      if (ts.series_stage[s] != "vt_triage" || ts.series_region[s] != "national") continue;
      for (std::size_t i = 0; i < ts.time_days.size(); ++i) {
        if (ts.time_days[i] <= 305) continue;
        entered_a += a.timeseries.at(m, s, i);
        entered_b += b.timeseries.at(m, s, i);
      }
    }
  }
  EXPECT_GT(entered_b, entered_a * 1.3);
}

}  // namespace
}  // namespace ketensim::model
