// SPDX-License-Identifier: MIT
#include "models/moved_staff.h"

namespace ketensim::model {

Parameters with_moved_staff(const Parameters& stated) {
  Parameters p = stated;
  const double to_expertise = stated.vt.pool.fte * stated.expertise.fte_from_vt_share;
  p.expertise.pool.fte += to_expertise;
  p.vt.pool.fte -= to_expertise;
  const double to_judgment = stated.rvdk.pool.fte * stated.judgment.fte_from_rvdk_share;
  p.judgment.pool.fte += to_judgment;
  p.rvdk.pool.fte -= to_judgment;
  return p;
}

std::vector<OrganisationStaff> staff_by_organisation(const Scenario& scenario) {
  const Parameters p = with_moved_staff(scenario.parameters);
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
