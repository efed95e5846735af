// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/organisation.h"
#include "models/parameters.h"
#include "models/scenario.h"

namespace ketensim::model {

/// The parameters with the moved staff applied: `expertise.fte_from_vt_share` of `vt.fte`
/// goes to function (a) and `judgment.fte_from_rvdk_share` of `rvdk.fte` to function (b);
/// VT and the RvdK keep the rest. A scenario states shares, never copied FTE numbers, so
/// the totals equal the baseline's by construction whatever the defaults, `--set` or a
/// sweep make of `vt.fte` and `rvdk.fte` (docs/scenario-comparison.md). The model and the
/// analytic model read these, the scenario keeps what was written.
Parameters with_moved_staff(const Parameters& stated);

/// One organisation's staff at the start of a run, after the move.
struct OrganisationStaff {
  Organisation organisation;
  double fte;
  /// fte x workforce.salary_per_fte_year_euros.
  double yearly_cost_euros;
};

/// Every organisation with a staff pool in this placement (the moved functions only outside
/// the baseline), in the order VT, function (a), RvdK, function (b), GI.
std::vector<OrganisationStaff> staff_by_organisation(const Scenario& scenario);

/// The organisation a staff pool's FTE comes from in the baseline: function (a) counts with
/// VT, function (b) with the RvdK. Totals per family are equal across placements.
Organisation staff_family(Organisation organisation);

/// Plain name for tables ("VT", "expertise (a)", "RvdK", "judgment (b)", "GI").
std::string organisation_label(Organisation organisation);

}  // namespace ketensim::model
