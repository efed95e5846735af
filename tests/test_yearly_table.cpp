// SPDX-License-Identifier: MIT
// The yearly table (CBS layout): its stocks and flows agree with the time series, and it
// round-trips through the run file.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "models/output/result_reader.h"
#include "models/output/result_writer.h"
#include "models/output/yearly_table.h"
#include "models/simulation.h"
#include "models/toml_errors.h"
#include "support/scenario_files.h"

namespace ketensim::output {
namespace {

model::Scenario daily_small_chain() {
  auto s = testing::load_example("examples/small-chain.toml");
  set_parameter(s, "run.years", 3, "test");
  set_parameter(s, "run.replications", 2, "test");
  set_parameter(s, "run.timeseries_step_days", 1, "test");
  return s;
}

const YearlyRow* find(const std::vector<YearlyRow>& rows, int year, const std::string& stage, const std::string& region,
                      std::uint32_t replication = 0) {
  for (const auto& row : rows) {
    if (row.year == year && row.stage == stage && row.region == region && row.replication == replication) return &row;
  }
  return nullptr;
}

double stock_at(const model::TimeSeries& ts, const std::string& stage, const std::string& region, double day) {
  std::size_t s = 0;
  while (ts.series_stage[s] != stage || ts.series_region[s] != region) ++s;
  std::size_t i = 0;
  while (ts.time_days[i] < day) ++i;
  // metrics: arrivals, started, completed, waiting, in_service, ... (models/timeseries_metrics.h)
  return ts.at(3, s, i) + ts.at(4, s, i);
}

TEST(YearlyTable, StocksAreTheTimeSeriesOnTheDatesAndFlowsCloseTheBalance) {
  const auto scenario = daily_small_chain();
  const auto run = model::run_scenario(scenario, model::RunOptions{});
  const auto rows = yearly_table(run);
  const auto& ts = run.replications.at(0).timeseries;
  // 2019-01-01 + 3 x 365 days: 2019 and 2020 complete, 2021 ends a day short of 1 January 2022.
  for (const char* stage : {"vt_triage", "gi", "rvdk"}) {
    const YearlyRow* y2019 = find(rows, 2019, stage, "national");
    const YearlyRow* y2020 = find(rows, 2020, stage, "national");
    const YearlyRow* y2021 = find(rows, 2021, stage, "national");
    ASSERT_TRUE(y2019 && y2020 && y2021) << stage;
    EXPECT_EQ(y2019->stock_1_january, stock_at(ts, stage, "national", 0)) << stage;
    EXPECT_EQ(y2019->stock_30_june, stock_at(ts, stage, "national", 181)) << stage;   // start of 1 July 2019
    EXPECT_EQ(y2019->stock_31_december, stock_at(ts, stage, "national", 365)) << stage;
    EXPECT_EQ(y2020->stock_1_january, y2019->stock_31_december) << stage;
    EXPECT_EQ(y2020->stock_31_december, stock_at(ts, stage, "national", 731)) << stage;  // 2020 has 366 days
    EXPECT_GT(y2019->inflow, 0) << stage;
    EXPECT_TRUE(std::isnan(y2021->stock_31_december)) << stage;
    EXPECT_TRUE(std::isnan(y2021->inflow)) << stage;
  }
  // VT's first safety assessment has no exit besides its completion: the balance closes.
  for (const int year : {2019, 2020}) {
    for (const char* region : {"national", "noord", "zuid"}) {
      const YearlyRow* row = find(rows, year, "vt_triage", region, 1);
      ASSERT_NE(row, nullptr);
      EXPECT_NEAR(row->stock_31_december - row->stock_1_january, row->inflow - row->outflow, 1e-6)
          << year << " " << region;
    }
  }
}

TEST(YearlyTable, WeeklySamplesGiveTheLastSampleBeforeEachDate) {
  auto scenario = daily_small_chain();
  set_parameter(scenario, "run.timeseries_step_days", 7, "test");
  set_parameter(scenario, "run.replications", 1, "test");
  const auto run = model::run_scenario(scenario, model::RunOptions{});
  const auto rows = yearly_table(run);
  const auto& ts = run.replications.at(0).timeseries;
  const YearlyRow* y2020 = find(rows, 2020, "gi", "national");
  ASSERT_NE(y2020, nullptr);
  EXPECT_EQ(y2020->stock_1_january, stock_at(ts, "gi", "national", 364));  // day 365 is no sample, 364 is
  EXPECT_EQ(y2020->stock_30_june, stock_at(ts, "gi", "national", 546));    // 1 July 2020 is day 547
  const YearlyRow* triage = find(rows, 2020, "vt_triage", "national");
  EXPECT_NEAR(triage->stock_31_december - triage->stock_1_january, triage->inflow - triage->outflow, 1e-6);
}

TEST(YearlyTable, TheRunFileCarriesTheStartDateAndTheTable) {
  std::string text = model::read_input_file(testing::scenario_path("examples/small-chain.toml"), "scenario file");
  text.replace(text.find("[run]\n"), 6, "[run]\nstart_date = 2020-07-01\n");
  auto scenario = model::load_scenario_text(text, "test.toml", testing::scenario_path("examples"));
  set_parameter(scenario, "run.years", 1.2, "test");
  set_parameter(scenario, "run.replications", 2, "test");
  const auto run = model::run_scenario(scenario, model::RunOptions{});
  const std::string path = (std::filesystem::temp_directory_path() / ("yearly-" + std::to_string(getpid()) + ".h5")).string();
  write_run_result(run, path);
  const auto back = read_run_result(path);
  EXPECT_EQ(back.start_date, (model::CalendarDate{2020, 7, 1}));
  const auto written = read_yearly_table(path);
  const auto expected = yearly_table(run);
  std::remove(path.c_str());
  ASSERT_EQ(written.size(), expected.size());
  ASSERT_GT(written.size(), 0u);
  EXPECT_EQ(written.front().year, 2020);
  EXPECT_TRUE(std::isnan(written.front().stock_1_january));  // before the run's first day
  for (std::size_t i = 0; i < written.size(); ++i) {
    EXPECT_EQ(written[i].year, expected[i].year);
    EXPECT_EQ(written[i].stage, expected[i].stage);
    EXPECT_EQ(written[i].region, expected[i].region);
    EXPECT_EQ(written[i].replication, expected[i].replication);
    for (const auto field : {&YearlyRow::stock_1_january, &YearlyRow::stock_30_june, &YearlyRow::stock_31_december,
                             &YearlyRow::inflow, &YearlyRow::outflow}) {
      const double a = written[i].*field, b = expected[i].*field;
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << i;
    }
  }
}

}  // namespace
}  // namespace ketensim::output
