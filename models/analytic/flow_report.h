// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

namespace ketensim::model::analytic {

/// The flow through one node of the traffic equations in one region (children per day).
struct NodeFlow {
  std::string node;    ///< a FlowNode name, e.g. "rvdk_protection"
  std::string region;  ///< region code, or "national" for the sum
  double children_per_day = 0.0;
  double urgent_children_per_day = 0.0;
};

/// One staff pool (VT region, RvdK area, GI area, the national GIs, a moved function's team),
/// or the sum over an organisation's pools (`total`, area "national").
struct PoolEstimate {
  std::string organisation;  ///< "vt", "rvdk", "gi", "expertise" or "judgment", as in the KPI `utilisation`
  std::string area;          ///< the area's name as in the model ("national" for a national pool)
  bool total = false;        ///< the sum over the organisation's pools
  double fte = 0.0;
  int positions = 0;                       ///< staff positions (round(fte), at least one)
  double slots = 0.0;                      ///< children the positions may carry (caseload cap)
  double arrivals_children_per_day = 0.0;
  double offered_hours_per_day = 0.0;      ///< work started, hours per day: withdrawn children bring none, eroded VT work counts as done
  double demand_hours_per_day = 0.0;       ///< every arriving child's full work (= offered without withdrawal and erosion)
  double capacity_hours_per_day = 0.0;     ///< fte x productive hours per FTE-day: the funded hours at full strength
  double utilisation = 0.0;                ///< offered over capacity hours (the KPI `utilisation`)
  double productive_hours_per_day = 0.0;   ///< hours the staff deliver at their long-run strength (= capacity without staff dynamics)
  double effective_utilisation = 0.0;      ///< offered over productive hours: what decides stability
  double held_children_offered = 0.0;      ///< GI: arrivals x mean holding time (slot load)
  double slot_utilisation = 0.0;           ///< GI: held_children_offered / slots; else held / slots
  bool stable = true;                      ///< below capacity (hours, and slots at the GI)
  double caseload_children_mean = 0.0;     ///< children held by the pool's workers, mean
  double waiting_children_mean = 0.0;
  double wait_days_mean = 0.0;             ///< mean time on the list over every child who joins it (Little)
  double served_wait_days_mean = 0.0;      ///< mean wait of the children a worker takes (withdrawn ones left out)
  double max_inflow_multiplier = 0.0;      ///< factor on every external inflow at which the full work (slots at the GI) reaches capacity
  double withdrawn_children_per_day = 0.0; ///< Board: requests withdrawn from the list (rvdk.withdrawal_share_within_90_days)
  double withdrawn_share_of_normal = 0.0;  ///< withdrawn over the non-urgent arrivals
  std::string method;                      ///< the approximation used (docs/analytic.md)
  double norm_children = 0.0;              ///< the caseload norm of all positions: norm per FTE x FTE
  /// Staff dynamics at the fixed point (staff_availability.h); full strength when they are off.
  double pressure_mean = 0.0;              ///< children held over norm_children
  double productive_share = 1.0;           ///< hours delivered over the funded FTE's hours
  double turnover_rate_per_year = 0.0;     ///< leavers per person-year held
  double vacancy_share = 0.0;              ///< funded positions without a holder
  double temporary_share = 0.0;            ///< held positions held by temporary staff
  double sick_share = 0.0;                 ///< held positions whose holder is off sick
};

/// The places of one care type in one region, or the national sum (`region` = "national").
struct CareEstimate {
  std::string care_type;  ///< e.g. "foster_care"
  std::string region;
  double places = 0.0;
  double arrivals_children_per_day = 0.0;
  double holding_days_mean = 0.0;          ///< mean time a place is held
  double occupied_places_offered = 0.0;    ///< arrivals x holding time
  double utilisation = 0.0;
  bool stable = true;
  double waiting_children_mean = 0.0;
  double wait_days_mean = 0.0;
  double wait_probability = 0.0;           ///< share of arrivals that wait at all
  double max_inflow_multiplier = 0.0;
  double served_wait_days_mean = 0.0;      ///< mean wait of the children placed (withdrawn ones left out)
  double withdrawn_children_per_day = 0.0; ///< care requests withdrawn from the list (care.<type>.withdrawal_share_within_90_days)
};

/// The estimate for one stage in one region (or "national"), keyed like the KPIs.
struct StageEstimate {
  std::string stage;   ///< a stage name of the model, e.g. "vt_triage", "rvdk", "care_closed"
  std::string region;  ///< region code, or "national"
  double arrivals_children_per_day = 0.0;
  double wait_days_mean = 0.0;         ///< of the children served, as the KPI (withdrawn ones left out); NaN where nobody waits (local team, court)
  double waiting_children_mean = 0.0;
  double sojourn_days_mean = 0.0;      ///< delay stages (local team, court); NaN elsewhere
  double withdrawn_children_per_day = 0.0;  ///< left the list unserved (the Board's and the care lists)
};

/// What the feedback loops add in the analytic steady state (feedback_loops.h), national.
struct LoopSummary {
  bool escalation_on = false;          ///< loop L4 switched on with a share above 0
  bool care_delay_on = false;          ///< loop L5 switched on with a share above 0
  bool staff_dynamics_on = false;      ///< pools work at their long-run strength (L1, L2 inside)
  int iterations = 0;                  ///< rounds of the fixed point
  bool converged = true;               ///< the escalation shares settled (to 1e-9)
  double escalations_per_year = 0.0;   ///< children, as the KPI of that name
  double re_reports_per_year = 0.0;    ///< reports (families), as the KPI
  double crisis_placements_per_year = 0.0;  ///< children, as the KPI
  double ots_extension_share = 0.0;    ///< mean share of OTS reviews that extend, flow-weighted
  double rvdk_withdrawals_per_year = 0.0;  ///< Board requests withdrawn while waiting, children (as the KPI)
  double care_withdrawals_per_year = 0.0;  ///< care requests withdrawn while waiting, children (as the KPI)
};

/// Everything `ketensim analyze` reports, as flat records (one type per table) so that a
/// Python binding can hand each list straight to pandas.
struct FlowReport {
  std::string scenario_name;
  std::vector<NodeFlow> flows;
  std::vector<PoolEstimate> pools;
  std::vector<CareEstimate> care;
  std::vector<StageEstimate> stages;
  /// The smallest max_inflow_multiplier over pools and care, and where it is reached: the
  /// analytic first guess for the chain's tipping point.
  double max_inflow_multiplier = 0.0;
  std::string bottleneck;
  /// What the scenario switches on that the estimate leaves out (staff dynamics, feedback
  /// loops), in words, so that a reader knows why the simulation may differ.
  std::vector<std::string> left_out;
  LoopSummary loops;
};

}  // namespace ketensim::model::analytic
