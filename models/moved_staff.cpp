// SPDX-License-Identifier: MIT
#include "models/moved_staff.h"

#include <cmath>

#include "models/scenario_error.h"
#include "models/work_mix.h"

namespace ketensim::model {

MovedShares moved_staff_shares(const Scenario& scenario) {
  MovedShares shares;
  if (scenario.placement == Placement::baseline) return shares;
  const Parameters& p = scenario.parameters;
  // A stated share wins; a stated FTE means the function's staff is not taken from anyone.
  const bool derive_expertise = std::isnan(p.expertise.fte_from_vt_share) && p.expertise.pool.fte == 0;
  const bool derive_judgment = std::isnan(p.judgment.fte_from_rvdk_share) && p.judgment.pool.fte == 0;
  WorkMix mix;
  if (derive_expertise || derive_judgment) {
    try {
      mix = todays_work_mix(p);
    } catch (const ScenarioError& e) {
      throw ScenarioError(scenario.path + ": " + e.what());
    }
  }
  auto pick = [](bool derive, double stated, double derived) {
    if (derive) return std::isnan(derived) ? 0.0 : derived;  // no work at all: nothing to take along
    return std::isnan(stated) ? 0.0 : stated;
  };
  shares.expertise_from_vt = pick(derive_expertise, p.expertise.fte_from_vt_share, mix.expertise_share());
  shares.judgment_from_rvdk = pick(derive_judgment, p.judgment.fte_from_rvdk_share, mix.judgment_share());
  shares.expertise_derived = derive_expertise;
  shares.judgment_derived = derive_judgment;
  return shares;
}

Parameters with_moved_staff(const Scenario& scenario) {
  const Parameters& stated = scenario.parameters;
  const MovedShares shares = moved_staff_shares(scenario);
  Parameters p = stated;
  const double to_expertise = stated.vt.pool.fte * shares.expertise_from_vt;
  p.expertise.pool.fte += to_expertise;
  p.vt.pool.fte -= to_expertise;
  const double to_judgment = stated.rvdk.pool.fte * shares.judgment_from_rvdk;
  p.judgment.pool.fte += to_judgment;
  p.rvdk.pool.fte -= to_judgment;
  // The resolved shares, so that whatever reads the parameters sees the share that was used.
  p.expertise.fte_from_vt_share = shares.expertise_from_vt;
  p.judgment.fte_from_rvdk_share = shares.judgment_from_rvdk;
  return p;
}

std::vector<OrganisationStaff> staff_by_organisation(const Scenario& scenario) {
  const Parameters p = with_moved_staff(scenario);
  const bool moved = scenario.placement != Placement::baseline;
  std::vector<OrganisationStaff> staff;
  for (const Organisation organisation :
       {Organisation::vt, Organisation::expertise, Organisation::rvdk, Organisation::judgment, Organisation::gi}) {
    const bool moving_function = organisation == Organisation::expertise || organisation == Organisation::judgment;
    if (moving_function && !moved) continue;
    const double fte = pool_parameters(p, organisation).fte;
    staff.push_back({organisation, fte, fte * p.workforce.salary_per_fte_year_euros});
  }
  return staff;
}

Organisation staff_family(Organisation organisation) {
  switch (organisation) {
    case Organisation::expertise: return Organisation::vt;
    case Organisation::judgment: return Organisation::rvdk;
    default: return organisation;
  }
}

std::string organisation_label(Organisation organisation) {
  switch (organisation) {
    case Organisation::vt: return "VT";
    case Organisation::rvdk: return "RvdK";
    case Organisation::gi: return "GI";
    case Organisation::expertise: return "expertise (a)";
    case Organisation::judgment: return "judgment (b)";
  }
  return "?";
}

}  // namespace ketensim::model
