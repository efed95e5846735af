// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/run_result.h"
#include "sim/statistics.h"

namespace ketensim::model {

/// The criterion of `ketensim tipping` (docs/workforce.md): do a run's waiting lists settle?
///
/// Per replication, the children waiting at the staffed stages (the national `waiting` series
/// of vt_triage, vt_investigation, rvdk and gi, added up) get a least-squares line over the
/// last `trend_years` of the run, never reaching into the warm-up. The waiting lists "do not
/// settle" when the replications' slopes are significantly above a floor: a one-sided Student
/// t test at level `confidence`, mean - t * s / sqrt(R) > floor. The floor is
/// `min_growth_share` of the children entering those stages per year (their `arrivals`), so
/// that a growth too small to matter (a few children a year in a chain that handles
/// thousands) does not count as tipping, whatever the scale of the scenario.
struct TrendCriterion {
  double trend_years = 0;            // 0: everything after the warm-up
  double confidence = 0.95;          // one-sided
  double min_growth_share = 0.001;   // floor of the slope, as a share of the arrivals per year
};

/// The stages whose national waiting lists the criterion adds up.
const std::vector<std::string>& trend_stages();

/// Children waiting at the trend stages, nationally, at every sample of `series`.
/// Throws std::invalid_argument when a stage's national series is missing.
std::vector<double> total_waiting(const TimeSeries& series);
/// The same over the given stages' national series.
std::vector<double> total_waiting(const TimeSeries& series, const std::vector<std::string>& stages);

/// Least-squares slope, in children per year, of total_waiting over the samples with
/// `from_days` <= time <= `to_days`; NaN with fewer than two such samples.
double waiting_slope_per_year(const TimeSeries& series, double from_days, double to_days);
double waiting_slope_per_year(const TimeSeries& series, double from_days, double to_days,
                              const std::vector<std::string>& stages);

/// Children entering the trend stages per year (their national `arrivals`, which count the
/// step that ends at each sample) over the samples with from_days < time <= to_days; NaN
/// when no sample is in the window.
double arrivals_per_year(const TimeSeries& series, double from_days, double to_days);
double arrivals_per_year(const TimeSeries& series, double from_days, double to_days, const std::vector<std::string>& stages);

/// What one value of the varied key did, over the replications.
struct TrendVerdict {
  double value = 0;                // the varied key's value
  std::vector<double> slopes;      // children/year, one per replication
  double slope_mean = 0;           // children/year
  double margin = 0;               // t_{confidence, R-1} * s / sqrt(R): the one-sided margin
  double floor_per_year = 0;       // children/year the slope must significantly exceed
  double p_value = 1;              // one-sided, for a mean slope > floor_per_year
  double waiting_start_mean = 0;   // total waiting at the start of the trend window, mean over replications
  double waiting_end_mean = 0;     // total waiting at the last sample, mean over replications
  bool settles = true;             // false: slope_mean - margin > floor_per_year
  double wall_seconds = 0;         // time the evaluation took
};

/// Judges per-replication slopes (at least two) against `floor_per_year` at the criterion's
/// confidence. Throws std::invalid_argument with fewer than two slopes or a NaN slope.
TrendVerdict judge_slopes(double value, const std::vector<double>& slopes, double floor_per_year,
                          const TrendCriterion& criterion);

/// The trend window of a run: [max(warm-up end, end - trend_years), end], in days.
std::pair<double, double> trend_window_days(double years, double warmup_years, const TrendCriterion& criterion);

}  // namespace ketensim::model
