// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>

namespace ketensim::model {

/// What an engine event means to the chain (sim::Event::kind).
enum class EventKind : std::uint32_t {
  initial_state,     // t = 0: the families of the initial state take their places
  sample,            // record the time series
  arrival,           // subject: source, detail: region
  work_done,         // subject: family, detail: stage
  hand_over_arrival, // subject: family, detail: stage reached (care: care stage of the need)
  local_team_end,    // subject: family
  court_ruling,      // subject: family
  measure_term_end,  // subject: family
  care_end,          // subject: family, detail: care ticket
  care_request,      // subject: family, detail: care ticket (the request reaches the providers)
  intervention_step, // subject: intervention index, detail: step (1..steps)
  workforce_tick,    // weekly: departures, sick leave, hiring, temporary staff (docs/workforce.md)
  escalation,        // subject: family, detail: ticket | (1 << 32 when it waits for care)
  rework_done,       // subject: worker; the successor finished redoing work (no further effect)
  withdrawal,        // subject: family, detail: ticket | (1 << 32 when it waits for care)
};

/// Whether an event's subject is a family (the rest concern the whole chain, a source, a
/// plan step or a worker).
constexpr bool concerns_family(EventKind kind) {
  switch (kind) {
    case EventKind::initial_state:
    case EventKind::sample:
    case EventKind::arrival:
    case EventKind::intervention_step:
    case EventKind::workforce_tick:
    case EventKind::rework_done: return false;
    default: return true;
  }
}

/// Order of events due at the same instant (lower first), see docs/model.md:
/// the state is sampled first, then a plan's changes take effect, then work and care that end
/// release their places, then families move (hand-overs, timers), and new arrivals come last.
enum class SameInstantOrder : std::uint8_t { sample = 0, change = 1, release = 2, move = 3, arrival = 4 };

/// Sources of families that arrive from outside (sim::Event::subject of an arrival).
/// Sources 3 .. 3 + care_type_count - 1 are the care types' demand from outside the chain; a
/// source added later takes the next index, so that no existing random stream moves.
enum class Source : std::uint32_t {
  vt_report = 0, rvdk_other_case = 1, youth_probation = 2, care_demand_first = 3, rvdk_request_police_other = 9
};

}  // namespace ketensim::model
