// SPDX-License-Identifier: MIT
#pragma once
#include "models/parameters.h"

namespace ketensim::model {

/// Today's work of the two organisations a scenario takes the moved functions from, in hours
/// a year: what the external inflows bring at the routing shares, times the stated hours per
/// child of each task, as the chain is organised today (the baseline placement: no team-model
/// saving, no national travel or coordination, which are what a scenario changes). The
/// feedback loops (escalations, rework, late work cut) are left out: the mix is that of the
/// work that comes in, not of what a strained chain makes of it.
///
/// This is the default rule for the moved staff (models/moved_staff.h): function (a) takes
/// `expertise_share()` of VT's staff and function (b) `judgment_share()` of the RvdK's, so
/// that each function leaves with the staff of the work it takes along, whatever the
/// defaults, `--set` or a sweep make of the inflows, routing shares and hours.
struct WorkMix {
  double vt_triage_hours = 0;         ///< first safety assessments
  double vt_investigation_hours = 0;  ///< investigations: the work of function (a)
  double rvdk_protection_hours = 0;   ///< protection investigations: the work of function (b)
  double rvdk_other_hours = 0;        ///< the Board's other cases (divorce, criminal), which stay

  /// Investigation hours over VT's hours (NaN when VT has no work).
  [[nodiscard]] double expertise_share() const;
  /// Protection-investigation hours over the RvdK's hours (NaN when the Board has no work).
  [[nodiscard]] double judgment_share() const;
};

/// The work mix of `p` (national values, at the start of a run). Throws ScenarioError when
/// the local team and the Board send every case back and forth for ever (the routing has no
/// way out), naming the keys.
WorkMix todays_work_mix(const Parameters& p);

}  // namespace ketensim::model
