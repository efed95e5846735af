// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/organisation.h"
#include "models/parameters.h"
#include "models/scenario.h"

namespace ketensim::model {

/// The shares of VT's and the RvdK's staff that functions (a) and (b) take at the start.
/// In the baseline nothing moves. Elsewhere a share stated in the file (or by `--set`) is used
/// as stated; a function whose FTE is stated instead (`expertise.fte`, `judgment.fte`) takes
/// nothing; otherwise the share is derived from today's work mix (models/work_mix.h) of the
/// resolved parameters: the moved work's hours over the organisation's hours
/// (docs/scenario-comparison.md, "Staff").
struct MovedShares {
  double expertise_from_vt = 0;   ///< of vt.fte, to function (a)
  double judgment_from_rvdk = 0;  ///< of rvdk.fte, to function (b)
  bool expertise_derived = false;  ///< from the work mix, not stated
  bool judgment_derived = false;
};
MovedShares moved_staff_shares(const Scenario& scenario);

/// The parameters with the moved staff applied: `moved_staff_shares` of `vt.fte` goes to
/// function (a) and of `rvdk.fte` to function (b); VT and the RvdK keep the rest. A scenario
/// states shares or a rule, never copied FTE numbers, so the totals equal the baseline's by
/// construction whatever the defaults, `--set` or a sweep make of `vt.fte` and `rvdk.fte`.
/// The model and the analytic model read these, the scenario keeps what was written.
Parameters with_moved_staff(const Scenario& scenario);

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
