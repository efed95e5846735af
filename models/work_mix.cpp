// SPDX-License-Identifier: MIT
#include "models/work_mix.h"

#include <limits>
#include <sstream>

#include "models/scenario_error.h"

namespace ketensim::model {
namespace {

double share(double part, double rest) {
  const double total = part + rest;
  return total > 0 ? part / total : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

double WorkMix::expertise_share() const { return share(vt_investigation_hours, vt_triage_hours); }
double WorkMix::judgment_share() const { return share(rvdk_protection_hours, rvdk_other_hours); }

WorkMix todays_work_mix(const Parameters& p) {
  // Children a year at each place, from the routing of models/chain_flow.cpp (the same as the
  // analytic model's traffic equations, models/analytic/chain_routing.cpp; a test checks that
  // both give the same mix).
  const double children_per_family = 1.0 * p.family.share_one_child + 2.0 * p.family.share_two_children +
                                     3.0 * p.family.share_three_children + 4.0 * p.family.share_four_children;
  const double triage = p.inflow.vt_reports_per_year * children_per_family;
  const double investigation = triage * p.vt.share_triage_to_investigation;
  // Requests to the Board from VT; the Board screens requests out to the local team, which
  // may send a family back with a new request: a loop, solved in closed form. `back` is the
  // share of a request that returns to the local team (screened out, or investigated without
  // a request to the court).
  const double from_vt = investigation * p.vt.share_investigation_to_rvdk;
  const double police = p.inflow.rvdk_requests_police_other_per_year;  // not screened
  const double screened = p.rvdk.share_screened_out;
  const double back = screened + (1.0 - screened) * (1.0 - p.rvdk.share_request_measure);
  const double escalate = p.local_team.share_escalate_to_rvdk;
  if (escalate * back >= 1.0) {
    std::ostringstream message;
    message << "local_team.share_escalate_to_rvdk = " << escalate << ", rvdk.share_screened_out = " << screened
            << ", rvdk.share_request_measure = " << p.rvdk.share_request_measure
            << ": every family goes back and forth between the local team and the Board for ever, so today's work "
               "mix (the default share of the moved staff) has no value; state expertise.fte_from_vt_share and "
               "judgment.fte_from_rvdk_share, or change one of these keys";
    throw ScenarioError(message.str());
  }
  const double to_local_team_first =
      triage * p.vt.share_triage_to_local_team + investigation * p.vt.share_investigation_to_local_team;
  const double local_team = (to_local_team_first + back * from_vt + (1.0 - p.rvdk.share_request_measure) * police) /
                            (1.0 - escalate * back);
  const double protection = police + (1.0 - screened) * (from_vt + escalate * local_team);

  WorkMix mix;
  mix.vt_triage_hours = triage * p.vt.triage_hours_per_child;
  mix.vt_investigation_hours = investigation * p.vt.investigation_hours_per_child;
  mix.rvdk_protection_hours = protection * p.rvdk.investigation_hours_per_child;
  mix.rvdk_other_hours = p.inflow.rvdk_other_cases_per_year * p.rvdk.other_case_hours;
  return mix;
}

}  // namespace ketensim::model
