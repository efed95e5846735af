// SPDX-License-Identifier: MIT
#pragma once
#include <vector>

#include "models/analytic/chain_flows.h"
#include "models/analytic/flow_report.h"
#include "models/analytic/staff_pools.h"
#include "models/parameters.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// The chain's steady state with the feedback loops that act on flows at their configured
/// rates (docs/analytic.md, "Feedback loops"):
/// - L4, escalation while waiting: the waits give each list's share of escalating children
///   (escalation.h); they become urgent (a provisional OTS at the court), may bring a re-report
///   to VT, a crisis (a placement, or heavier care), and extend their OTS more often;
/// - L5, care not started at an OTS's first review extends it more often;
/// - staff dynamics with L1 and L2: each pool works at the long-run strength its pressure
///   gives (staff_availability.h): departures, vacancies, temporary staff, sick leave,
///   ramp-up and mentoring shrink its hours, successors' rework adds to its load, and the
///   pressure comes from the caseload the pool then carries. L3 (the budget) is taken as
///   never binding;
/// - withdrawal from the Board's list (withdrawal.h): the share withdrawn follows the list,
///   and a withdrawn protection request goes back to the local team, which may send it again.
///   VT's quality erosion and the care lists' withdrawal act inside their own estimates.
/// Waits depend on the flows and the flows on the waits, so the two are iterated to a fixed
/// point, each value moving part of the way each round (adaptively: a value that overshoots
/// takes smaller steps); each round solves the traffic
/// equations and every pool and care list again (milliseconds). With the loops off (or no
/// waiting anywhere) the first round is the answer.
struct LoopSolution {
  ChainFlows flows;
  StaffPools staff;
  std::vector<CareEstimate> care;
  std::vector<StaffAvailability> availability;  ///< per pool, in the order of staff.pools
  LoopSummary summary;
};

LoopSolution solve_with_loops(const Scenario& scenario, const std::vector<Parameters>& params);

}  // namespace ketensim::model::analytic
