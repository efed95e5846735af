// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/run_result.h"
#include "models/waiting_trend.h"

namespace ketensim::model {

/// Whether one national waiting list of a run has settled: the least-squares slope of its
/// children waiting over the trend window (after the warm-up), per replication, tested over
/// the replications. The list drifts when the mean slope is significantly above the floor
/// or significantly below minus the floor (two-sided Student t at the criterion's
/// confidence); the floor is `min_growth_share` of the children joining the list per year,
/// as in the tipping criterion (docs/workforce.md).
struct ListTrend {
  std::string stage;             // the list's stage, e.g. "rvdk" or "care_foster_care"
  double slope_mean = 0;         // children/year
  double margin = 0;             // two-sided half-width of the slope's interval, children/year
  double floor_per_year = 0;     // children/year a slope must significantly exceed to count
  double waiting_start_mean = 0; // children waiting at the start of the window, mean over replications
  double waiting_end_mean = 0;   // children waiting at the end of the run, mean over replications
  bool settles = true;
};

/// The stages whose waiting lists the settling test looks at: every staffed stage and every
/// care type.
const std::vector<std::string>& settling_stages();

/// The trend of every national waiting list in `run` (at least two replications; throws
/// std::invalid_argument otherwise).
std::vector<ListTrend> waiting_list_trends(const RunResult& run, const TrendCriterion& criterion = {});

}  // namespace ketensim::model
