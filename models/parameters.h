// SPDX-License-Identifier: MIT
#pragma once
#include <array>

#include "models/care_type.h"

namespace ketensim::model {

/// Per care type: capacity, duration, demand from outside the chain and starting stocks.
struct CareTypeParameters {
  double capacity_children = 0;
  double duration_days_mean = 0;
  double duration_cv = 0;
  double external_demand_children_per_year = 0;
  double share_of_needs_at_home = 0;      // of measures that need care at home
  double share_of_out_of_home = 0;        // of out-of-home placements
  double initial_in_care_children = 0;
  double initial_waiting_children = 0;
  double withdrawal_share_within_90_days = 0;  // of children waiting, the share that find help elsewhere
};

/// A caseload staff pool of one organisation (VT, RvdK, GI).
struct PoolParameters {
  double fte = 0;
  double caseload_norm_children = 0;
  double caseload_cap_children = 0;
};

/// Every numeric scenario value, validated and immutable once the run starts.
///
/// Names follow the scenario keys (`gi.caseload_norm_children` is `gi.caseload_norm_children`
/// here); `models/parameter_table.cpp` holds each key's unit, default, bounds and source.
struct Parameters {
  struct Run {
    double years, warmup_years, replications, seed, timeseries_step_days, compare_with_targets;
  } run{};
  struct Inflow {
    double vt_reports_per_year, urgent_share, rvdk_other_cases_per_year, youth_probation_children_per_year,
        rvdk_requests_police_other_per_year;
  } inflow{};
  struct Family {
    double share_one_child, share_two_children, share_three_children, share_four_children;
  } family{};
  struct Handover {
    double regional_link_days, national_link_days;
  } handover{};
  struct Workforce {
    double productive_hours_per_fte_year;
    double departure_rate_per_year, departure_pressure_elasticity, new_staff_departure_extra, new_staff_tenure_days;
    double pressure_smoothing_days;
    double sick_episodes_per_year, sick_days_mean, sick_pressure_elasticity, sick_cover_share;
    double hiring_days_mean, hiring_allowed, ramp_up_days, new_hire_productivity, mentoring_hours_per_week;
    double temporary_staff_allowed, temporary_staff_after_days, temporary_productivity, temporary_premium_share;
    double salary_per_fte_year_euros, hiring_cost_euros, onboarding_cost_euros, budget_share_of_base_cost;
    double rework_hours_per_child, initial_tenure_days_mean, staff_dynamics;
  } workforce{};
  /// Escalation while waiting (loop L4).
  struct Escalation {
    double share_within_90_days_waiting, share_re_report, share_crisis_placement, extension_extra_share;
  } escalation{};
  /// Switches of the feedback loops L1-L5 (1 on, 0 off), docs/workforce.md.
  struct Feedback {
    double l1_turnover, l2_transfers, l3_budget, l4_escalation, l5_care_delay;
  } feedback{};
  struct Vt {
    PoolParameters pool;
    double triage_hours_per_child, investigation_hours_per_child, work_cv;
    double share_triage_to_investigation, share_triage_to_local_team;
    double share_investigation_to_rvdk, share_investigation_to_local_team;
    double deadline_triage_days, deadline_investigation_days;
    double late_work_cut_share;
    double sector_norm_triage_share, sector_norm_investigation_share;
  } vt{};
  /// Function (a), specialised expertise on acute and structural unsafety (fact-finding,
  /// the forensic link): does the VT investigations when placed outside VT.
  struct Expertise {
    PoolParameters pool;
    /// Share of VT's staff that moves to function (a) (docs/scenario-comparison.md).
    double fte_from_vt_share;
  } expertise{};
  /// Function (b), the independent judgment on the coercive framework: does the protection
  /// investigations when placed outside the RvdK.
  struct Judgment {
    PoolParameters pool;
    /// Share of the RvdK's staff that moves to function (b).
    double fte_from_rvdk_share;
  } judgment{};
  struct Team {
    double reintake_saved_hours_per_child;
  } team{};
  struct National {
    double travel_hours_per_child, coordination_hours_per_child;
  } national{};
  struct LocalTeam {
    double support_days_mean, support_cv, share_escalate_to_rvdk;
  } local_team{};
  struct Rvdk {
    PoolParameters pool;
    double investigation_hours_per_child, other_case_hours, work_cv;
    double deadline_start_days, share_request_measure, share_screened_out;
    double withdrawal_share_within_90_days;
  } rvdk{};
  struct Court {
    double decision_days_mean, decision_cv, urgent_decision_days, grant_share, share_guardianship, share_out_of_home;
  } court{};
  struct Gi {
    PoolParameters pool;
    double national_share, deadline_guardian_days, startup_hours_per_child, work_cv;
    double ots_term_days, share_ots_extended, vots_term_days, share_vots_to_ots;
    double guardianship_days_mean, youth_probation_days_mean, share_needing_care_at_home, care_request_days_mean;
    double extension_extra_share_care_not_started;
    double caseload_average_cap_children;
    double extension_cut_per_pressure;
  } gi{};
  /// The shares of cases that must meet each legal deadline: what `compare --basis
  /// meet-norms` staffs for (docs/scenario-comparison.md). No effect on a run.
  struct Norm {
    double vt_triage_share, vt_investigation_share, rvdk_start_share, guardian_share;
  } norm{};
  std::array<CareTypeParameters, care_type_count> care{};
  struct Initial {
    double vt_families, rvdk_children, gi_ots_children, gi_vots_children, gi_guardianship_children,
        gi_youth_probation_children;
  } initial{};

  [[nodiscard]] const CareTypeParameters& care_of(CareType type) const { return care[static_cast<std::size_t>(type)]; }
};

}  // namespace ketensim::model
