// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/run_result.h"
#include "models/waiting_trend.h"

namespace ketensim::model {

/// Whether one national waiting list settles over a run's trend window: the tipping
/// criterion (models/waiting_trend.h, judge_slopes) applied to that list alone, its floor
/// `min_growth_share` of that stage's own arrivals.
struct SettlingFlag {
  std::string stage;
  TrendVerdict verdict;  ///< verdict.settles false: "does not settle: +slope_mean children a year"
};

/// One flag per trend stage (vt_triage, vt_investigation, rvdk, gi) with a national series;
/// none with fewer than two replications (a slope's spread is unknown). A list that does
/// not settle has no steady mean: the tables say so next to it.
std::vector<SettlingFlag> settling_flags(const RunResult& run, const TrendCriterion& criterion = {});

}  // namespace ketensim::model
