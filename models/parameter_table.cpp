// SPDX-License-Identifier: MIT
#include "models/parameter_table.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace ketensim::model {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
// The default of a key whose value is derived when the scenario is used, unless stated.
constexpr double derived = std::numeric_limits<double>::quiet_NaN();

// Caseload rules of VT and the RvdK. The moved functions (a) and (b) default to the rules of
// the organisation they come from: one constant each, so that a recalibration of VT or the
// RvdK moves its function along (function (a) kept VT's old 12/20 once VT's became 8/10, and
// its investigations stretched over twice the cases).
constexpr double vt_caseload_norm = 8;
constexpr double vt_caseload_cap = 10;
constexpr double rvdk_caseload_norm = 8;
constexpr double rvdk_caseload_cap = 12;

// Accessors from a key to its field, two or three levels deep.
template <class Group>
std::function<double&(Parameters&)> at(Group Parameters::*group, double Group::*field) {
  return [=](Parameters& p) -> double& { return (p.*group).*field; };
}
template <class Group>
std::function<double&(Parameters&)> pool(Group Parameters::*group, double PoolParameters::*field) {
  return [=](Parameters& p) -> double& { return ((p.*group).pool).*field; };
}

using P = Parameters;
const std::string assumption = "assumption";

std::vector<ParameterSpec> build_table() {
  std::vector<ParameterSpec> t = {
      // run
      {"run.years", "years", 5, 0.01, 200, false, assumption, "simulated horizon, warm-up included", at(&P::run, &P::Run::years)},
      {"run.warmup_years", "years", 1, 0, 100, false, assumption, "period at the start excluded from KPIs", at(&P::run, &P::Run::warmup_years)},
      {"run.replications", "count", 5, 1, 100000, true, assumption, "independent replications", at(&P::run, &P::Run::replications)},
      {"run.seed", "count", 2020, 0, 9.0e15, true, assumption, "root of every random stream", at(&P::run, &P::Run::seed)},
      {"run.timeseries_step_days", "days", 7, 0.01, 3650, false, assumption, "sampling step of the time series", at(&P::run, &P::Run::timeseries_step_days)},
      {"run.compare_with_targets", "yes/no", 1, 0, 1, true, assumption, "print the calibration targets of figures.md beside the results (national scenarios)", at(&P::run, &P::Run::compare_with_targets), true},
      // inflow
      {"inflow.vt_reports_per_year", "families/year", 127410, 0, 1e8, false, "CBS StatLine 84852NED (2020)", "reports to Veilig Thuis, split over regions by youth population", at(&P::inflow, &P::Inflow::vt_reports_per_year)},
      {"inflow.urgent_share", "share", 0.10, 0, 1, false, assumption, "share of reports about acute unsafety (jump every queue)", at(&P::inflow, &P::Inflow::urgent_share)},
      {"inflow.rvdk_other_cases_per_year", "children/year", 27460, 0, 1e8, false, "derived: RvdK March 2019, 3,994 cases registered a month x 12, times the other cases' share of the starts (22,500 of 39,229; docs/calibration.md)", "RvdK cases other than protection investigations (divorce, criminal) sharing its staff and waiting list", at(&P::inflow, &P::Inflow::rvdk_other_cases_per_year)},
      {"inflow.rvdk_requests_police_other_per_year", "children/year", 0, 0, 1e8, false, "assumption: 0, the default's protection requests all come from VT and the local teams (calibrated through vt.share_investigation_to_rvdk and local_team.share_escalate_to_rvdk)", "requests for a protection investigation that reach the RvdK directly from the police and others (single children, not urgent), besides those from VT and the local teams", at(&P::inflow, &P::Inflow::rvdk_requests_police_other_per_year)},
      {"inflow.youth_probation_children_per_year", "children/year", 7000, 0, 1e8, false, "assumption from Jeugdzorg Nederland: under 20% of ~49,000 children at GIs are youth probation", "youth probation (jeugdreclassering) entering the GIs from the criminal chain", at(&P::inflow, &P::Inflow::youth_probation_children_per_year)},
      // family
      {"family.share_one_child", "share", 0.50, 0, 1, false, assumption, "families with one child in the case", at(&P::family, &P::Family::share_one_child)},
      {"family.share_two_children", "share", 0.30, 0, 1, false, assumption, "families with two children", at(&P::family, &P::Family::share_two_children)},
      {"family.share_three_children", "share", 0.13, 0, 1, false, assumption, "families with three children", at(&P::family, &P::Family::share_three_children)},
      {"family.share_four_children", "share", 0.07, 0, 1, false, assumption, "families with four children", at(&P::family, &P::Family::share_four_children)},
      // hand-overs
      {"handover.regional_link_days", "days", 0.5, 0, 365, false, assumption, "latency of the link between a regional organisation's zone and the nation", at(&P::handover, &P::Handover::regional_link_days)},
      {"handover.national_link_days", "days", 2.0, 0, 365, false, assumption, "latency of the link between a national organisation's zone and the nation", at(&P::handover, &P::Handover::national_link_days)},
      // workforce
      {"workforce.productive_hours_per_fte_year", "hours/FTE/year", 1244, 1, 8760, false, "Kamerstuk 31839-176 (funded GI hours; assumed for VT and RvdK too)", "productive hours one FTE delivers per year", at(&P::workforce, &P::Workforce::productive_hours_per_fte_year)},
      // workforce dynamics (docs/workforce.md); the same keys for every organisation
      {"workforce.staff_dynamics", "yes/no", 1, 0, 1, true, assumption, "false: staff is a constant capacity (no departures, sick leave, hiring or ramp-up), as in queueing-theory checks", at(&P::workforce, &P::Workforce::staff_dynamics), true},
      {"workforce.departure_rate_per_year", "1/year", 0.13, 0, 10, false, "assumption, calibrated to GI turnover of almost one fifth in 2019 (figures.md)", "departure hazard of an experienced worker at the caseload norm", at(&P::workforce, &P::Workforce::departure_rate_per_year)},
      {"workforce.departure_pressure_elasticity", "ratio", 1.5, 0, 100, false, "assumption (figures.md: no published elasticity)", "relative rise of the departure hazard per unit of pressure above 1 (pressure = smoothed caseload / norm)", at(&P::workforce, &P::Workforce::departure_pressure_elasticity)},
      {"workforce.new_staff_departure_extra", "ratio", 1.0, 0, 100, false, assumption, "extra departure hazard of a new worker, fading with tenure (x exp(-tenure / new_staff_tenure_days))", at(&P::workforce, &P::Workforce::new_staff_departure_extra)},
      {"workforce.new_staff_tenure_days", "days", 365, 1, 1e5, false, assumption, "tenure over which the extra hazard of new staff fades", at(&P::workforce, &P::Workforce::new_staff_tenure_days)},
      {"workforce.pressure_smoothing_days", "days", 56, 1, 3650, false, assumption, "time constant over which a worker's caseload pressure is smoothed", at(&P::workforce, &P::Workforce::pressure_smoothing_days)},
      {"workforce.sick_episodes_per_year", "1/year", 1.0, 0, 100, false, "assumption, calibrated to GI sick leave of 6.9% in 2019 (figures.md)", "rate at which a worker at the norm falls sick", at(&P::workforce, &P::Workforce::sick_episodes_per_year)},
      {"workforce.sick_days_mean", "days", 21, 0, 3650, false, assumption, "mean length of a sick leave (exponential)", at(&P::workforce, &P::Workforce::sick_days_mean)},
      {"workforce.sick_pressure_elasticity", "ratio", 1.0, 0, 100, false, assumption, "relative rise of the sickness rate per unit of pressure above 1", at(&P::workforce, &P::Workforce::sick_pressure_elasticity)},
      {"workforce.sick_cover_share", "share", 0.5, 0, 1, false, assumption, "share of a sick worker's hours that colleagues cover for the cases", at(&P::workforce, &P::Workforce::sick_cover_share)},
      {"workforce.hiring_days_mean", "days", 90, 0, 3650, false, assumption, "mean time to fill a vacancy (exponential)", at(&P::workforce, &P::Workforce::hiring_days_mean)},
      {"workforce.hiring_allowed", "yes/no", 1, 0, 1, true, assumption, "false: a hiring freeze (vacancies stay open)", at(&P::workforce, &P::Workforce::hiring_allowed), true},
      {"workforce.ramp_up_days", "days", 180, 0, 3650, false, assumption, "time a new hire needs to reach full productivity (linear, in monthly steps)", at(&P::workforce, &P::Workforce::ramp_up_days)},
      {"workforce.new_hire_productivity", "share", 0.4, 0, 1, false, assumption, "productivity of a new hire on the first day", at(&P::workforce, &P::Workforce::new_hire_productivity)},
      {"workforce.mentoring_hours_per_week", "hours/week", 3, 0, 40, false, assumption, "hours experienced colleagues spend on each new hire during the ramp-up", at(&P::workforce, &P::Workforce::mentoring_hours_per_week)},
      {"workforce.temporary_staff_allowed", "yes/no", 1, 0, 1, true, assumption, "fill long vacancies with temporary staff when the budget allows", at(&P::workforce, &P::Workforce::temporary_staff_allowed), true},
      {"workforce.temporary_staff_after_days", "days", 45, 0, 3650, false, assumption, "vacancy length after which temporary staff is sought", at(&P::workforce, &P::Workforce::temporary_staff_after_days)},
      {"workforce.temporary_productivity", "share", 0.8, 0, 1, false, assumption, "productivity of temporary staff", at(&P::workforce, &P::Workforce::temporary_productivity)},
      {"workforce.temporary_premium_share", "share", 0.4, 0, 10, false, assumption, "cost of temporary staff above a salary", at(&P::workforce, &P::Workforce::temporary_premium_share)},
      {"workforce.salary_per_fte_year_euros", "euros/FTE/year", 80000, 0, 1e7, false, assumption, "employer cost of one FTE", at(&P::workforce, &P::Workforce::salary_per_fte_year_euros)},
      {"workforce.hiring_cost_euros", "euros", 6000, 0, 1e7, false, assumption, "cost of recruiting one hire", at(&P::workforce, &P::Workforce::hiring_cost_euros)},
      {"workforce.onboarding_cost_euros", "euros", 12000, 0, 1e7, false, assumption, "training cost of one hire (besides the ramp-up and mentoring)", at(&P::workforce, &P::Workforce::onboarding_cost_euros)},
      {"workforce.budget_share_of_base_cost", "ratio", 1.05, 0, 100, false, assumption, "annual budget of a pool as a multiple of the salaries of its funded FTE (a plan that changes the FTE changes the budget with it)", at(&P::workforce, &P::Workforce::budget_share_of_base_cost)},
      {"workforce.rework_hours_per_child", "hours/child", 4, 0, 1e4, false, assumption, "work a successor redoes on each child of a departed worker", at(&P::workforce, &P::Workforce::rework_hours_per_child)},
      {"workforce.initial_tenure_days_mean", "days", 1825, 0, 1e5, false, "assumption (about the inverse of the turnover rate)", "mean tenure of the staff at the start (exponential)", at(&P::workforce, &P::Workforce::initial_tenure_days_mean)},
      {"escalation.share_within_90_days_waiting", "share", 0.10, 0, 0.999, false, "assumption (figures.md: no figure)", "share of families that escalate within 90 days of waiting; the hazard grows linearly with time waited", at(&P::escalation, &P::Escalation::share_within_90_days_waiting)},
      {"escalation.share_re_report", "share", 0.3, 0, 1, false, "assumption (figures.md: 38% of reports concern families already known)", "share of escalations that come with an urgent re-report to VT", at(&P::escalation, &P::Escalation::share_re_report)},
      {"escalation.share_crisis_placement", "share", 0.2, 0, 1, false, assumption, "share of escalations that lead to a crisis (out-of-home) placement and a heavier care need", at(&P::escalation, &P::Escalation::share_crisis_placement)},
      {"escalation.extension_extra_share", "share", 0.1, 0, 1, false, assumption, "extra chance that the measure of an escalated family is extended at review", at(&P::escalation, &P::Escalation::extension_extra_share)},
      {"feedback.l1_turnover", "yes/no", 1, 0, 1, true, "MODEL.md loop L1", "caseload pressure raises departures and sick leave", at(&P::feedback, &P::Feedback::l1_turnover), true},
      {"feedback.l2_transfers", "yes/no", 1, 0, 1, true, "MODEL.md loop L2", "a successor redoes work on the cases of a departed worker", at(&P::feedback, &P::Feedback::l2_transfers), true},
      {"feedback.l3_budget", "yes/no", 1, 0, 1, true, "MODEL.md loop L3", "hiring and temporary staff are limited by the budget", at(&P::feedback, &P::Feedback::l3_budget), true},
      {"feedback.l4_escalation", "yes/no", 1, 0, 1, true, "MODEL.md loop L4", "waiting families escalate (urgency, re-reports, crisis placements, longer measures)", at(&P::feedback, &P::Feedback::l4_escalation), true},
      {"feedback.l5_care_delay", "yes/no", 1, 0, 1, true, "MODEL.md loop L5", "a measure whose care has not started is extended more often", at(&P::feedback, &P::Feedback::l5_care_delay), true},
      // Veilig Thuis
      {"vt.fte", "FTE", 1290, 0, 1e6, false, "assumption (no published figure; calibrated to VT deadline performance, docs/calibration.md)", "Veilig Thuis staff for triage and investigations, split over VT regions", pool(&P::vt, &PoolParameters::fte)},
      {"vt.caseload_norm_children", "children/FTE", vt_caseload_norm, 1, 1e4, false, "assumption, calibrated with vt.fte to VT deadline performance (docs/calibration.md)", "caseload above which a VT worker's cases slow down", pool(&P::vt, &PoolParameters::caseload_norm_children)},
      {"vt.caseload_cap_children", "children/FTE", vt_caseload_cap, 1, 1e4, false, "assumption, calibrated with vt.fte to VT deadline performance (docs/calibration.md)", "caseload at which a VT worker takes no new case", pool(&P::vt, &PoolParameters::caseload_cap_children)},
      {"vt.triage_hours_per_child", "hours/child", 2.5, 0.001, 1e4, false, assumption, "work of the first safety assessment", at(&P::vt, &P::Vt::triage_hours_per_child)},
      {"vt.investigation_hours_per_child", "hours/child", 22, 0.001, 1e4, false, "assumption, calibrated to the share of VT investigations within 10 weeks (docs/calibration.md)", "work of a VT investigation", at(&P::vt, &P::Vt::investigation_hours_per_child)},
      {"vt.work_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of VT work (gamma distributed; 1 = exponential)", at(&P::vt, &P::Vt::work_cv)},
      {"vt.share_triage_to_investigation", "share", 0.20, 0, 1, false, "assumption (figures.md: outflow split not published)", "share of triaged reports that go to a VT investigation", at(&P::vt, &P::Vt::share_triage_to_investigation)},
      {"vt.share_triage_to_local_team", "share", 0.45, 0, 1, false, "assumption (figures.md: outflow split not published)", "share of triaged reports handed to the local team (the rest close with advice)", at(&P::vt, &P::Vt::share_triage_to_local_team)},
      {"vt.share_investigation_to_rvdk", "share", 0.3, 0, 1, false, "assumption, calibrated to RvdK investigations per year", "share of VT investigations ending in a request to the RvdK", at(&P::vt, &P::Vt::share_investigation_to_rvdk)},
      {"vt.share_investigation_to_local_team", "share", 0.50, 0, 1, false, assumption, "share of VT investigations handed to the local team (the rest to voluntary ambulatory care)", at(&P::vt, &P::Vt::share_investigation_to_local_team)},
      {"vt.deadline_triage_days", "days", 7, 0, 3650, false, "IGJ: 5 working days (7 calendar days)", "legal deadline of the first safety assessment, from the report", at(&P::vt, &P::Vt::deadline_triage_days)},
      {"vt.late_work_cut_share", "share", 0.8, 0, 0.95, false, "assumption, calibrated to VT deadline performance (quality erosion under backlog: Oliva & Sterman 2001; no Dutch figure)", "share of a VT case's work left out when it starts a full deadline late (linear in the wait before assignment, at most this share)", at(&P::vt, &P::Vt::late_work_cut_share)},
      {"vt.sector_norm_triage_share", "share", 0.90, 0, 1, false, "Landelijk Netwerk VT sector agreement (figures.md)", "share of first safety assessments a VT region must finish within the deadline to meet the sector norm", at(&P::vt, &P::Vt::sector_norm_triage_share)},
      {"vt.sector_norm_investigation_share", "share", 0.80, 0, 1, false, "Landelijk Netwerk VT sector agreement (figures.md)", "share of investigations a VT region must finish within the deadline to meet the sector norm", at(&P::vt, &P::Vt::sector_norm_investigation_share)},
      {"vt.deadline_investigation_days", "days", 70, 0, 3650, false, "IGJ: 10 weeks", "legal deadline of the VT investigation, from the report", at(&P::vt, &P::Vt::deadline_investigation_days)},
      // the two moving functions (docs/scenario-comparison.md)
      {"expertise.fte", "FTE", 0, 0, 1e6, false, "assumption: 0 in the baseline, where VT does this work", "staff of function (a), specialised expertise (VT investigations), outside VT; used when structure.placement is regional or national", pool(&P::expertise, &PoolParameters::fte)},
      {"expertise.caseload_norm_children", "children/FTE", vt_caseload_norm, 1, 1e4, false, "assumption: the default of vt.caseload_norm_children", "caseload norm of function (a)", pool(&P::expertise, &PoolParameters::caseload_norm_children)},
      {"expertise.caseload_cap_children", "children/FTE", vt_caseload_cap, 1, 1e4, false, "assumption: the default of vt.caseload_cap_children", "caseload cap of function (a)", pool(&P::expertise, &PoolParameters::caseload_cap_children)},
      {"expertise.fte_from_vt_share", "share", derived, 0, 1, false, "derived at the start from today's work mix (models/work_mix.h): VT investigation hours over VT's hours (triage and investigation), from the resolved inflow, routing shares and hours per child; 0 in the baseline or when expertise.fte is stated", "share of vt.fte that moves to function (a) at the start: expertise.fte gains it and VT keeps the rest, so the total is vt.fte's by construction (vt.fte is then VT's staff before the move); a stated value is used as stated", at(&P::expertise, &P::Expertise::fte_from_vt_share)},
      {"judgment.fte", "FTE", 0, 0, 1e6, false, "assumption: 0 in the baseline, where the RvdK does this work", "staff of function (b), the judgment on the coercive framework (protection investigations), outside the RvdK; used when structure.placement is regional or national", pool(&P::judgment, &PoolParameters::fte)},
      {"judgment.caseload_norm_children", "children/FTE", rvdk_caseload_norm, 1, 1e4, false, "assumption: the default of rvdk.caseload_norm_children", "caseload norm of function (b)", pool(&P::judgment, &PoolParameters::caseload_norm_children)},
      {"judgment.caseload_cap_children", "children/FTE", rvdk_caseload_cap, 1, 1e4, false, "assumption: the default of rvdk.caseload_cap_children", "caseload cap of function (b)", pool(&P::judgment, &PoolParameters::caseload_cap_children)},
      {"judgment.fte_from_rvdk_share", "share", derived, 0, 1, false, "derived at the start from today's work mix (models/work_mix.h): protection-investigation hours over the RvdK's hours (protection investigations and other cases), from the resolved inflows, routing shares and hours per child; 0 in the baseline or when judgment.fte is stated", "share of rvdk.fte that moves to function (b) at the start: judgment.fte gains it and the RvdK keeps the rest (rvdk.fte is then the RvdK's staff before the move); a stated value is used as stated", at(&P::judgment, &P::Judgment::fte_from_rvdk_share)},
      {"team.reintake_saved_hours_per_child", "hours/child", 0, 0, 1e4, false, "assumption: 0 in the relay chain of today", "work the team model saves at the protection investigation and at the guardian's start, because the family's professional stays involved and nobody redoes the intake", at(&P::team, &P::Team::reintake_saved_hours_per_child)},
      {"national.travel_hours_per_child", "hours/child", 1, 0, 1e4, false, assumption, "extra work per child for travel, for functions (a) and (b) placed nationally", at(&P::national, &P::National::travel_hours_per_child)},
      {"national.coordination_hours_per_child", "hours/child", 0.5, 0, 1e4, false, assumption, "extra work per child for coordination with regional partners, for functions (a) and (b) placed nationally", at(&P::national, &P::National::coordination_hours_per_child)},
      // local teams
      {"local_team.support_days_mean", "days", 180, 0.001, 1e5, false, assumption, "mean duration of voluntary help by the local team", at(&P::local_team, &P::LocalTeam::support_days_mean)},
      {"local_team.support_cv", "ratio", 1.0, 0, 10, false, assumption, "coefficient of variation of that duration", at(&P::local_team, &P::LocalTeam::support_cv)},
      {"local_team.share_escalate_to_rvdk", "share", 0.055, 0, 1, false, "assumption, calibrated to RvdK investigations per year", "share of local-team cases that end in a request to the RvdK", at(&P::local_team, &P::LocalTeam::share_escalate_to_rvdk)},
      // RvdK
      {"rvdk.fte", "FTE", 1130, 0, 1e6, false, "assumption, calibrated to the RvdK waiting list and starts (figures.md, docs/calibration.md)", "RvdK investigators, split over RvdK areas", pool(&P::rvdk, &PoolParameters::fte)},
      {"rvdk.caseload_norm_children", "children/FTE", rvdk_caseload_norm, 1, 1e4, false, assumption, "caseload above which investigations slow down", pool(&P::rvdk, &PoolParameters::caseload_norm_children)},
      {"rvdk.caseload_cap_children", "children/FTE", rvdk_caseload_cap, 1, 1e4, false, assumption, "caseload at which an investigator takes no new case", pool(&P::rvdk, &PoolParameters::caseload_cap_children)},
      {"rvdk.investigation_hours_per_child", "hours/child", 40, 0.001, 1e4, false, assumption, "work of a protection investigation", at(&P::rvdk, &P::Rvdk::investigation_hours_per_child)},
      {"rvdk.other_case_hours", "hours/child", 25, 0.001, 1e4, false, assumption, "work of another RvdK case", at(&P::rvdk, &P::Rvdk::other_case_hours)},
      {"rvdk.work_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of RvdK work", at(&P::rvdk, &P::Rvdk::work_cv)},
      {"rvdk.deadline_start_days", "days", 10, 0, 3650, false, "Inspectie JenV 2019", "norm: an investigation starts within this many days", at(&P::rvdk, &P::Rvdk::deadline_start_days)},
      {"rvdk.share_request_measure", "share", 0.68, 0, 1, false, "derived: 11,368 measures requested / 16,729 investigations (2019)", "share of investigations ending in a request to the court", at(&P::rvdk, &P::Rvdk::share_request_measure)},
      {"rvdk.withdrawal_share_within_90_days", "share", 0.54, 0, 0.999, false, "derived: RvdK March 2019, 3,994 registered and 3,273 started a month with 2,732 waiting: 721 / 2,732 = 0.264 leave the list a month (docs/calibration.md)", "share of waiting Board requests withdrawn within 90 days of waiting (constant hazard): the requester helps the family voluntarily; other cases leave", at(&P::rvdk, &P::Rvdk::withdrawal_share_within_90_days)},
      {"rvdk.share_screened_out", "share", 0, 0, 1, false, "assumption: 0 today", "share of protection requests the Board answers with advice, without an investigation (inflow management)", at(&P::rvdk, &P::Rvdk::share_screened_out)},
      // court
      {"court.decision_days_mean", "days", 30, 0, 3650, false, "assumption (figures.md: court lead time not found)", "mean delay from request to ruling", at(&P::court, &P::Court::decision_days_mean)},
      {"court.decision_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of that delay (gamma distributed)", at(&P::court, &P::Court::decision_cv)},
      {"court.urgent_decision_days", "days", 1, 0, 3650, false, assumption, "delay of a provisional (urgent) ruling", at(&P::court, &P::Court::urgent_decision_days)},
      {"court.grant_share", "share", 0.95, 0, 1, false, "assumption (figures.md: grant rate not found)", "share of requests granted", at(&P::court, &P::Court::grant_share)},
      {"court.share_guardianship", "share", 0.126, 0, 1, false, "derived: CBS 2019 inflow 1,345 guardianship / (9,330 OTS + 1,345)", "share of non-urgent measures that are guardianship", at(&P::court, &P::Court::share_guardianship)},
      {"court.share_out_of_home", "share", 0.24, 0, 1, false, "derived: RvdK 2019, 2,425 of 10,156 OTS requests with out-of-home placement", "share of OTS with an out-of-home placement authorisation", at(&P::court, &P::Court::share_out_of_home)},
      // GI
      {"gi.fte", "FTE", 2480, 0, 1e6, false, "assumption, calibrated to caseload per guardian and children without a guardian (figures.md)", "family guardians, split over GI areas and the national GIs", pool(&P::gi, &PoolParameters::fte)},
      {"gi.caseload_norm_children", "children/FTE", 13, 1, 1e4, false, "Jeugdautoriteit: 12-14 children per FTE", "caseload norm; above it a guardian's work slows down", pool(&P::gi, &PoolParameters::caseload_norm_children)},
      {"gi.caseload_cap_children", "children/FTE", 18, 1, 1e4, false, "assumption, calibrated to actual caseload 15-20 children (figures.md)", "caseload at which a guardian takes no new child", pool(&P::gi, &PoolParameters::caseload_cap_children)},
      {"gi.caseload_average_cap_children", "children/FTE", 0, 0, 1e4, false, "assumption: none in 2019; the 2023-24 agreement of the GIs and the union reads as at most 12 children per FTE on average (figures.md)", "average cap over a GI's guardians (0: none): a child is assigned only while the GI's mean caseload per FTE stays within it; single guardians may carry more, up to gi.caseload_cap_children", at(&P::gi, &P::Gi::caseload_average_cap_children)},
      {"gi.extension_cut_per_pressure", "share", 0, 0, 10, false, "assumption (sources describe GIs ending measures earlier under pressure, no figure; 0: off)", "a GI under pressure extends fewer OTS: the extension share falls by this much per unit of the GI's caseload per FTE above its norm (caseload / norm - 1)", at(&P::gi, &P::Gi::extension_cut_per_pressure)},
      {"gi.national_share", "share", 0.20, 0, 1, false, "assumption (figures.md: 2 national GIs among 14)", "share of measures executed by the national GIs", at(&P::gi, &P::Gi::national_share)},
      {"gi.deadline_guardian_days", "days", 7, 0, 3650, false, "several sources: 5 working days after the ruling", "deadline for assigning a guardian", at(&P::gi, &P::Gi::deadline_guardian_days)},
      {"gi.startup_hours_per_child", "hours/child", 20, 0.001, 1e4, false, assumption, "guardian's work from assignment to the care request", at(&P::gi, &P::Gi::startup_hours_per_child)},
      {"gi.work_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of guardian work", at(&P::gi, &P::Gi::work_cv)},
      {"gi.ots_term_days", "days", 365, 1, 3650, false, "Civil Code: an OTS lasts at most a year", "term of an OTS before review", at(&P::gi, &P::Gi::ots_term_days)},
      {"gi.share_ots_extended", "share", 0.57, 0, 1, false, "derived (figures.md: roughly 55-60% of OTS reviewed are extended)", "share of OTS extended at review", at(&P::gi, &P::Gi::share_ots_extended)},
      {"gi.vots_term_days", "days", 90, 1, 3650, false, assumption, "duration of a provisional OTS", at(&P::gi, &P::Gi::vots_term_days)},
      {"gi.share_vots_to_ots", "share", 0.8, 0, 1, false, assumption, "share of provisional OTS followed by an OTS", at(&P::gi, &P::Gi::share_vots_to_ots)},
      {"gi.guardianship_days_mean", "days", 2555, 1, 1e5, false, "derived: CBS 2019 stock 10,140 / inflow 1,720 (provisional included)", "mean duration of guardianship", at(&P::gi, &P::Gi::guardianship_days_mean)},
      {"gi.youth_probation_days_mean", "days", 400, 1, 1e5, false, assumption, "mean duration of youth probation", at(&P::gi, &P::Gi::youth_probation_days_mean)},
      {"gi.share_needing_care_at_home", "share", 0.6, 0, 1, false, assumption, "share of measures without placement that need youth care at home", at(&P::gi, &P::Gi::share_needing_care_at_home)},
      {"gi.care_request_days_mean", "days", 28, 0, 3650, false, "assumption (figures.md: care waiting times for children under a measure not found)", "mean administrative delay from the guardian's care request to the care provider's waiting list (exponential)", at(&P::gi, &P::Gi::care_request_days_mean)},
      {"gi.extension_extra_share_care_not_started", "share", 0.15, 0, 1, false, "assumption (MODEL.md loop L5)", "extra chance that an OTS is extended at review when its care has not started", at(&P::gi, &P::Gi::extension_extra_share_care_not_started)},
      // norms (compare --basis meet-norms)
      {"norm.vt_triage_share", "share", 0.90, 0, 1, false, "sector norm for Veilig Thuis (issue 12): 90% of safety assessments within vt.deadline_triage_days", "share of VT triages that must finish within their deadline", at(&P::norm, &P::Norm::vt_triage_share)},
      {"norm.vt_investigation_share", "share", 0.80, 0, 1, false, "sector norm for Veilig Thuis (issue 12): 80% of investigations within vt.deadline_investigation_days", "share of VT investigations (function (a)) that must finish within their deadline", at(&P::norm, &P::Norm::vt_investigation_share)},
      {"norm.rvdk_start_share", "share", 0.90, 0, 1, false, assumption, "share of RvdK cases (function (b) included) that must start within rvdk.deadline_start_days", at(&P::norm, &P::Norm::rvdk_start_share)},
      {"norm.guardian_share", "share", 0.90, 0, 1, false, assumption, "share of measures that must have a guardian within gi.deadline_guardian_days", at(&P::norm, &P::Norm::guardian_share)},
      // initial state
      {"initial.vt_families", "families", 1120, 0, 1e8, false, "derived: NRC 2016, 20 of 26 VT sites with a waiting list of on average 56 cases", "families waiting at VT at the start", at(&P::initial, &P::Initial::vt_families)},
      {"initial.rvdk_children", "children", 14800, 0, 1e8, false, "derived: 2,800 waiting (Inspectie JenV, Jan 2019) plus investigations under way (assumption: all investigator slots full)", "children at the RvdK at the start (waiting or investigated; all case types)", at(&P::initial, &P::Initial::rvdk_children)},
      {"initial.gi_ots_children", "children", 20845, 0, 1e8, false, "CBS Beleidsinformatie Jeugd, stock 1 Jan 2019", "children with an OTS at the start", at(&P::initial, &P::Initial::gi_ots_children)},
      {"initial.gi_vots_children", "children", 350, 0, 1e8, false, "CBS Beleidsinformatie Jeugd, stock 1 Jan 2019", "children with a provisional OTS at the start", at(&P::initial, &P::Initial::gi_vots_children)},
      {"initial.gi_guardianship_children", "children", 10140, 0, 1e8, false, "CBS Beleidsinformatie Jeugd, stock 1 Jan 2019 (provisional included)", "children under guardianship at the start", at(&P::initial, &P::Initial::gi_guardianship_children)},
      {"initial.gi_youth_probation_children", "children", 7800, 0, 1e8, false, "assumption from Jeugdzorg Nederland: under 20% of ~49,000 children at GIs", "children in youth probation at the start", at(&P::initial, &P::Initial::gi_youth_probation_children)},
  };

  struct CareDefaults {
    double capacity, duration, cv, external, at_home, out_of_home, in_care, waiting;
    const char* source;
  };
  // Capacities and stocks of the types with residence follow CBS Jeugdhulp 2019 (figures.md);
  // durations, at-home types and demand from outside the chain are assumptions.
  const std::array<CareDefaults, care_type_count> care_defaults = {{
      {25000, 270, 1.0, 15000, 0.7, 0.0, 22000, 0, "assumption"},
      {4000, 180, 1.0, 6000, 0.3, 0.0, 3900, 0, "assumption"},
      {21500, 730, 1.0, 10500, 0.0, 0.47, 21500, 970, "CBS Jeugdhulp 2019: over 21,500 in foster care; Pleegzorg Nederland: 970 waiting (end 2019)"},
      {5500, 730, 1.0, 2200, 0.0, 0.12, 5500, 0, "CBS Jeugdhulp 2019: over 5,500 in family-home care"},
      {18000, 365, 1.0, 14500, 0.0, 0.35, 18000, 0, "CBS Jeugdhulp 2019: about 18,000 in other residential care"},
      {2500, 180, 1.0, 3300, 0.0, 0.06, 2500, 0, "CBS Jeugdhulp 2019: over 2,500 in closed youth care"},
  }};
  for (const CareType type : all_care_types) {
    const auto i = static_cast<std::size_t>(type);
    const auto& d = care_defaults[i];
    const std::string prefix = "care." + std::string(care_type_name(type)) + ".";
    auto field = [i](double CareTypeParameters::*member) {
      return [=](Parameters& p) -> double& { return p.care[i].*member; };
    };
    t.push_back({prefix + "capacity_children", "children", d.capacity, 0, 1e8, false, d.source, "places of this care type, split over regions by youth population", field(&CareTypeParameters::capacity_children)});
    t.push_back({prefix + "duration_days_mean", "days", d.duration, 0.001, 1e5, false, assumption, "mean duration of this care", field(&CareTypeParameters::duration_days_mean)});
    t.push_back({prefix + "duration_cv", "ratio", d.cv, 0, 10, false, assumption, "coefficient of variation of that duration", field(&CareTypeParameters::duration_cv)});
    t.push_back({prefix + "external_demand_children_per_year", "children/year", d.external, 0, 1e8, false, "assumption, calibrated so that demand is close to capacity", "demand for this care from outside the protection chain", field(&CareTypeParameters::external_demand_children_per_year)});
    t.push_back({prefix + "share_of_needs_at_home", "share", d.at_home, 0, 1, false, assumption, "of measures needing care at home, the share needing this type", field(&CareTypeParameters::share_of_needs_at_home)});
    t.push_back({prefix + "share_of_out_of_home", "share", d.out_of_home, 0, 1, false, "derived from CBS Jeugdhulp 2019 shares of youth care with residence", "of out-of-home placements, the share of this type", field(&CareTypeParameters::share_of_out_of_home)});
    t.push_back({prefix + "initial_in_care_children", "children", d.in_care, 0, 1e8, false, d.source, "children in this care at the start", field(&CareTypeParameters::initial_in_care_children)});
    t.push_back({prefix + "withdrawal_share_within_90_days", "share", 0.2, 0, 0.999, false, "assumption (no published figure; the same for every care type, calibrated to the foster-care waiting list, docs/calibration.md)", "share of children waiting for this care who find help elsewhere within 90 days of waiting (constant hazard)", field(&CareTypeParameters::withdrawal_share_within_90_days)});
    t.push_back({prefix + "initial_waiting_children", "children", d.waiting, 0, 1e8, false, d.source, "children waiting for this care at the start", field(&CareTypeParameters::initial_waiting_children)});
  }
  return t;
}

}  // namespace

const std::vector<ParameterSpec>& parameter_table() {
  static const std::vector<ParameterSpec> table = build_table();
  return table;
}

const ParameterSpec* find_parameter(const std::string& key) {
  for (const auto& spec : parameter_table()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

Parameters default_parameters() {
  Parameters p;
  for (const auto& spec : parameter_table()) spec.field(p) = spec.default_value;
  return p;
}

std::string parameter_table_markdown() {
  std::ostringstream out;
  out << "| key | unit | default | allowed | source | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& s : parameter_table()) {
    out << "| `" << s.key << "` | " << s.unit << " | ";
    if (s.boolean) {
      out << (s.default_value != 0 ? "true" : "false") << " | true, false";
    } else {
      if (std::isnan(s.default_value)) {
        out << "derived";
      } else {
        out << s.default_value;
      }
      out << " | " << s.min << " .. " << s.max << (s.integer ? " (integer)" : "");
    }
    out << " | " << s.source << " | " << s.description << " |\n";
  }
  return out.str();
}

}  // namespace ketensim::model
