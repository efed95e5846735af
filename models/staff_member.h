// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <optional>

#include "sim/types.h"

namespace ketensim::model {

/// Who holds a staff position, and how able they are to work (docs/workforce.md).
///
/// A position is vacant, held by a permanent worker (who ramps up after hiring, can fall
/// sick and can leave), or held by temporary staff until a permanent hire arrives. The
/// cases of a position stay with it when its worker leaves: they wait for the successor.
struct StaffMember {
  enum class Holder : std::uint8_t { vacant, permanent, temporary };
  Holder holder = Holder::permanent;
  bool funded = true;             // the budget line exists; an unfunded vacancy is not filled
  sim::Days started_at = 0;       // when the current holder started (tenure)
  sim::Days vacant_since = 0;     // when the position fell vacant
  bool sick = false;
  sim::Days sick_until = 0;
  bool hire_under_way = false;    // a permanent hire has been found and starts at hire_due
  sim::Days hire_due = 0;
  double pressure = 1.0;          // smoothed caseload / norm
  std::uint32_t draws = 0;        // draws taken from the position's random stream
  double speed_factor = 1.0;      // share of a full worker's hours delivered now
  std::optional<sim::WorkerId> mentor;  // the colleague who mentors this new hire
  std::uint16_t mentees = 0;            // new hires this worker mentors

  [[nodiscard]] bool occupied() const { return holder != Holder::vacant; }
};

/// Counts of one staff pool during a sampling step (the staff time series, docs/workforce.md).
struct StaffStep {
  double leavers = 0, hires = 0, temporary_starts = 0, cost_euros = 0;
};

}  // namespace ketensim::model
