// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/calendar_date.h"
#include "models/run_result.h"

namespace ketensim::output {


/// One row of the yearly table, in the layout CBS publishes its youth-protection figures:
/// per calendar year and stage (and region), the stock on 1 January, 30 June and 31
/// December and the inflow and outflow in the year, in children (docs/output-format.md).
struct YearlyRow {
  int year = 0;
  std::string stage;
  std::string region;
  std::uint32_t replication = 0;
  double stock_1_january = 0;    // at the start of 1 January
  double stock_30_june = 0;      // at the end of 30 June (the start of 1 July)
  double stock_31_december = 0;  // at the end of 31 December (the start of the next 1 January)
  double inflow = 0;             // children entering the stage in the year
  double outflow = 0;            // children whose work at the stage was completed in the year
};

/// The yearly table of one replication, from its time series (stock = waiting + in service,
/// inflow = arrivals, outflow = completed) for a run whose day 0 is `start`. A date's stock is
/// the sample at the date's run day, or the last sample before it when the step does not fall
/// on it (at most one step earlier, so exact with run.timeseries_step_days = 1); a year's flows
/// are the steps between its first and last stock samples, so that stock on 31 December minus
/// stock on 1 January is inflow minus outflow for a stage that families leave only when their
/// work is completed. NaN where a date falls outside the samples. Every calendar year the run
/// reaches has a row per series.
std::vector<YearlyRow> yearly_table(const model::TimeSeries& series, std::uint32_t replication, const model::CalendarDate& start);

/// The yearly tables of every replication of a run, in replication order.
std::vector<YearlyRow> yearly_table(const model::RunResult& run);

}  // namespace ketensim::output
