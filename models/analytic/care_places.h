// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/analytic/chain_flows.h"
#include "models/analytic/flow_report.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// Every care type in every region as an M/M/c queue over its places (Erlang C), with the
/// mean time a place is held mixed over where the children come from: voluntary care after
/// VT and demand from outside the chain hold a place for the care's own duration; care under
/// a measure starts after the request's delay and ends with the measure if that comes first
/// (holding_times.h).
/// Ordered region by region, each with the care types in CareType order.
std::vector<CareEstimate> estimate_care(const Scenario& scenario, const ChainFlows& flows);

/// The sum over the regions of one care type, as a CareEstimate with region "national".
CareEstimate national_care(const std::vector<CareEstimate>& care, const std::string& care_type);

}  // namespace ketensim::model::analytic
