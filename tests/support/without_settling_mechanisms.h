// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "models/care_type.h"
#include "models/scenario.h"

namespace ketensim::testing {

/// Turns off the mechanisms that let an overloaded list settle (withdrawal from the Board's
/// and the care lists, VT's quality erosion; docs/model.md), for tests of what happens when a
/// list cannot settle (a tipping point, a settling flag), and for checks of the analytic
/// model's plain routing and queueing formulas (docs/analytic.md models both mechanisms).
inline void without_settling_mechanisms(model::Scenario& scenario) {
  model::set_parameter(scenario, "rvdk.withdrawal_share_within_90_days", 0, "test");
  model::set_parameter(scenario, "vt.late_work_cut_share", 0, "test");
  for (const model::CareType type : model::all_care_types) {
    model::set_parameter(scenario, "care." + std::string(model::care_type_name(type)) + ".withdrawal_share_within_90_days", 0, "test");
  }
}

}  // namespace ketensim::testing
