// SPDX-License-Identifier: MIT
#include "models/parameter_table.h"

#include <limits>
#include <sstream>

namespace ketensim::model {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

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
      {"inflow.rvdk_other_cases_per_year", "children/year", 22500, 0, 1e8, false, "derived: RvdK April 2019, 3,273 cases started per month x 12 minus 16,729 protection investigations", "RvdK cases other than protection investigations (divorce, criminal) sharing its staff and waiting list", at(&P::inflow, &P::Inflow::rvdk_other_cases_per_year)},
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
      // Veilig Thuis
      {"vt.fte", "FTE", 1150, 0, 1e6, false, "assumption (no published figure; calibrated)", "Veilig Thuis staff for triage and investigations, split over VT regions", pool(&P::vt, &PoolParameters::fte)},
      {"vt.caseload_norm_children", "children/FTE", 12, 1, 1e4, false, assumption, "caseload above which a VT worker's cases slow down", pool(&P::vt, &PoolParameters::caseload_norm_children)},
      {"vt.caseload_cap_children", "children/FTE", 20, 1, 1e4, false, assumption, "caseload at which a VT worker takes no new case", pool(&P::vt, &PoolParameters::caseload_cap_children)},
      {"vt.triage_hours_per_child", "hours/child", 2.5, 0.001, 1e4, false, assumption, "work of the first safety assessment", at(&P::vt, &P::Vt::triage_hours_per_child)},
      {"vt.investigation_hours_per_child", "hours/child", 16, 0.001, 1e4, false, assumption, "work of a VT investigation", at(&P::vt, &P::Vt::investigation_hours_per_child)},
      {"vt.work_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of VT work (gamma distributed; 1 = exponential)", at(&P::vt, &P::Vt::work_cv)},
      {"vt.share_triage_to_investigation", "share", 0.20, 0, 1, false, "assumption (figures.md: outflow split not published)", "share of triaged reports that go to a VT investigation", at(&P::vt, &P::Vt::share_triage_to_investigation)},
      {"vt.share_triage_to_local_team", "share", 0.45, 0, 1, false, "assumption (figures.md: outflow split not published)", "share of triaged reports handed to the local team (the rest close with advice)", at(&P::vt, &P::Vt::share_triage_to_local_team)},
      {"vt.share_investigation_to_rvdk", "share", 0.25, 0, 1, false, "assumption, calibrated to RvdK investigations per year", "share of VT investigations ending in a request to the RvdK", at(&P::vt, &P::Vt::share_investigation_to_rvdk)},
      {"vt.share_investigation_to_local_team", "share", 0.50, 0, 1, false, assumption, "share of VT investigations handed to the local team (the rest to voluntary ambulatory care)", at(&P::vt, &P::Vt::share_investigation_to_local_team)},
      {"vt.deadline_triage_days", "days", 7, 0, 3650, false, "IGJ: 5 working days (7 calendar days)", "legal deadline of the first safety assessment, from the report", at(&P::vt, &P::Vt::deadline_triage_days)},
      {"vt.deadline_investigation_days", "days", 70, 0, 3650, false, "IGJ: 10 weeks", "legal deadline of the VT investigation, from the report", at(&P::vt, &P::Vt::deadline_investigation_days)},
      // the two moving functions (docs/scenario-comparison.md)
      {"expertise.fte", "FTE", 0, 0, 1e6, false, "assumption: 0 in the baseline, where VT does this work", "staff of function (a), specialised expertise (VT investigations), outside VT; used when structure.placement is regional or national", pool(&P::expertise, &PoolParameters::fte)},
      {"expertise.caseload_norm_children", "children/FTE", 12, 1, 1e4, false, "assumption (as VT)", "caseload norm of function (a)", pool(&P::expertise, &PoolParameters::caseload_norm_children)},
      {"expertise.caseload_cap_children", "children/FTE", 20, 1, 1e4, false, "assumption (as VT)", "caseload cap of function (a)", pool(&P::expertise, &PoolParameters::caseload_cap_children)},
      {"judgment.fte", "FTE", 0, 0, 1e6, false, "assumption: 0 in the baseline, where the RvdK does this work", "staff of function (b), the judgment on the coercive framework (protection investigations), outside the RvdK; used when structure.placement is regional or national", pool(&P::judgment, &PoolParameters::fte)},
      {"judgment.caseload_norm_children", "children/FTE", 8, 1, 1e4, false, "assumption (as RvdK)", "caseload norm of function (b)", pool(&P::judgment, &PoolParameters::caseload_norm_children)},
      {"judgment.caseload_cap_children", "children/FTE", 12, 1, 1e4, false, "assumption (as RvdK)", "caseload cap of function (b)", pool(&P::judgment, &PoolParameters::caseload_cap_children)},
      {"team.reintake_saved_hours_per_child", "hours/child", 0, 0, 1e4, false, "assumption: 0 in the relay chain of today", "work the team model saves at the protection investigation and at the guardian's start, because the family's professional stays involved and nobody redoes the intake", at(&P::team, &P::Team::reintake_saved_hours_per_child)},
      {"national.travel_hours_per_child", "hours/child", 1, 0, 1e4, false, assumption, "extra work per child for travel, for functions (a) and (b) placed nationally", at(&P::national, &P::National::travel_hours_per_child)},
      {"national.coordination_hours_per_child", "hours/child", 0.5, 0, 1e4, false, assumption, "extra work per child for coordination with regional partners, for functions (a) and (b) placed nationally", at(&P::national, &P::National::coordination_hours_per_child)},
      // local teams
      {"local_team.support_days_mean", "days", 180, 0.001, 1e5, false, assumption, "mean duration of voluntary help by the local team", at(&P::local_team, &P::LocalTeam::support_days_mean)},
      {"local_team.support_cv", "ratio", 1.0, 0, 10, false, assumption, "coefficient of variation of that duration", at(&P::local_team, &P::LocalTeam::support_cv)},
      {"local_team.share_escalate_to_rvdk", "share", 0.045, 0, 1, false, "assumption, calibrated to RvdK investigations per year", "share of local-team cases that end in a request to the RvdK", at(&P::local_team, &P::LocalTeam::share_escalate_to_rvdk)},
      // RvdK
      {"rvdk.fte", "FTE", 1004, 0, 1e6, false, "assumption, calibrated to the RvdK waiting list (figures.md)", "RvdK investigators, split over RvdK areas", pool(&P::rvdk, &PoolParameters::fte)},
      {"rvdk.caseload_norm_children", "children/FTE", 8, 1, 1e4, false, assumption, "caseload above which investigations slow down", pool(&P::rvdk, &PoolParameters::caseload_norm_children)},
      {"rvdk.caseload_cap_children", "children/FTE", 12, 1, 1e4, false, assumption, "caseload at which an investigator takes no new case", pool(&P::rvdk, &PoolParameters::caseload_cap_children)},
      {"rvdk.investigation_hours_per_child", "hours/child", 40, 0.001, 1e4, false, assumption, "work of a protection investigation", at(&P::rvdk, &P::Rvdk::investigation_hours_per_child)},
      {"rvdk.other_case_hours", "hours/child", 25, 0.001, 1e4, false, assumption, "work of another RvdK case", at(&P::rvdk, &P::Rvdk::other_case_hours)},
      {"rvdk.work_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of RvdK work", at(&P::rvdk, &P::Rvdk::work_cv)},
      {"rvdk.deadline_start_days", "days", 10, 0, 3650, false, "Inspectie JenV 2019", "norm: an investigation starts within this many days", at(&P::rvdk, &P::Rvdk::deadline_start_days)},
      {"rvdk.share_request_measure", "share", 0.68, 0, 1, false, "derived: 11,368 measures requested / 16,729 investigations (2019)", "share of investigations ending in a request to the court", at(&P::rvdk, &P::Rvdk::share_request_measure)},
      {"rvdk.share_screened_out", "share", 0, 0, 1, false, "assumption: 0 today", "share of protection requests the Board answers with advice, without an investigation (inflow management)", at(&P::rvdk, &P::Rvdk::share_screened_out)},
      // court
      {"court.decision_days_mean", "days", 30, 0, 3650, false, "assumption (figures.md: court lead time not found)", "mean delay from request to ruling", at(&P::court, &P::Court::decision_days_mean)},
      {"court.decision_cv", "ratio", 0.5, 0, 10, false, assumption, "coefficient of variation of that delay (gamma distributed)", at(&P::court, &P::Court::decision_cv)},
      {"court.urgent_decision_days", "days", 1, 0, 3650, false, assumption, "delay of a provisional (urgent) ruling", at(&P::court, &P::Court::urgent_decision_days)},
      {"court.grant_share", "share", 0.95, 0, 1, false, "assumption (figures.md: grant rate not found)", "share of requests granted", at(&P::court, &P::Court::grant_share)},
      {"court.share_guardianship", "share", 0.126, 0, 1, false, "derived: CBS 2019 inflow 1,345 guardianship / (9,330 OTS + 1,345)", "share of non-urgent measures that are guardianship", at(&P::court, &P::Court::share_guardianship)},
      {"court.share_out_of_home", "share", 0.24, 0, 1, false, "derived: RvdK 2019, 2,425 of 10,156 OTS requests with out-of-home placement", "share of OTS with an out-of-home placement authorisation", at(&P::court, &P::Court::share_out_of_home)},
      // GI
      {"gi.fte", "FTE", 2205, 0, 1e6, false, "assumption, calibrated to caseload per guardian and children without a guardian (figures.md)", "family guardians, split over GI areas and the national GIs", pool(&P::gi, &PoolParameters::fte)},
      {"gi.caseload_norm_children", "children/FTE", 13, 1, 1e4, false, "Jeugdautoriteit: 12-14 children per FTE", "caseload norm; above it a guardian's work slows down", pool(&P::gi, &PoolParameters::caseload_norm_children)},
      {"gi.caseload_cap_children", "children/FTE", 18, 1, 1e4, false, "assumption, calibrated to actual caseload 15-20 children (figures.md)", "caseload at which a guardian takes no new child", pool(&P::gi, &PoolParameters::caseload_cap_children)},
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
      // initial state
      {"initial.vt_families", "families", 0, 0, 1e8, false, "assumption (no published VT backlog)", "families waiting at VT at the start", at(&P::initial, &P::Initial::vt_families)},
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
      {21500, 730, 1.0, 9400, 0.0, 0.47, 21500, 970, "CBS Jeugdhulp 2019: over 21,500 in foster care; Pleegzorg Nederland: 970 waiting (end 2019)"},
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
      out << s.default_value << " | " << s.min << " .. " << s.max << (s.integer ? " (integer)" : "");
    }
    out << " | " << s.source << " | " << s.description << " |\n";
  }
  return out.str();
}

}  // namespace ketensim::model
