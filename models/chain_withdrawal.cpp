// SPDX-License-Identifier: MIT
// Withdrawal from a waiting list: while a family waits, the need behind its request can be
// met elsewhere or lapse. A Board request is withdrawn (the requester keeps helping the
// family on a voluntary basis); a child waiting for a care place is placed elsewhere. The
// hazard is constant, so a list behaves as a queue with abandonment (Erlang A): an overload
// no longer makes it grow without end, it settles where withdrawals absorb the excess.
#include <cmath>

#include "models/chain.h"
#include "models/family_event_names.h"

namespace ketensim::model {
namespace {

// A constant hazard h with a share q withdrawn within 90 days: h = -ln(1 - q) / 90.
double withdrawal_rate_per_day(double share_within_90_days) { return -std::log1p(-share_within_90_days) / 90.0; }

}  // namespace

void Chain::schedule_withdrawal(Family& family, Stage stage, bool waiting_for_care) {
  const Parameters& p = P(family);
  const double share = waiting_for_care ? p.care_of(care_[family.care_provider].type()).withdrawal_share_within_90_days
                                        : p.rvdk.withdrawal_share_within_90_days;
  if (share <= 0 || family.urgent) return;
  const double delay = draw(family, stage, [&](sim::RandomStream& s) { return s.exponential(1.0 / withdrawal_rate_per_day(share)); });
  if (now() + delay > end_date_) return;
  const std::uint64_t ticket = waiting_for_care ? family.care_ticket : family.queue_ticket;
  schedule(now() + delay, EventKind::withdrawal, FamilyRef{slot_of(family), family.generation}.packed(),
           ticket | (waiting_for_care ? (1ULL << 32) : 0ULL), SameInstantOrder::move);
}

void Chain::on_withdrawal(Family& family, std::uint64_t detail) {
  const bool for_care = (detail >> 32) != 0;
  const auto ticket = static_cast<std::uint32_t>(detail & 0xffffffffu);
  // Only a family still waiting where it waited when the withdrawal was drawn (an escalated,
  // now urgent family has a new ticket).
  if (for_care ? (family.care_ticket != ticket || family.care_status != CareStatus::waiting)
               : (family.queue_ticket != ticket || family.status != Status::waiting)) {
    return;
  }
  if (for_care) {
    statistics_.flow(Flow::care_withdrawals, family.children, now());
    log(family, family_event::withdraw, static_cast<std::int32_t>(care_[family.care_provider].type()));
    // Leaving takes the family off the care list (withdraw_from_care); doing it here as well
    // counted its departure twice, so the withdrawn weighed double in the mean sojourn.
    if (family.measure == Measure::none) {
      leave(family, LeaveReason::care_request_withdrawn);
      return;
    }
    // Under a measure the child stays at the GI; its care need is met outside these places.
    withdraw_from_care(family);
    return;
  }
  const Stage stage = family.stage;
  pools_[family.pool].waiting().withdraw(family.children);
  statistics_.departed(stage, family.region, family.children, now(), now() - family.stage_entered_at);
  statistics_.flow(Flow::rvdk_withdrawals, family.children, now());
  log(family, family_event::withdraw, -1);
  if (stage == Stage::rvdk_other) {
    leave(family, LeaveReason::rvdk_request_withdrawn);
  } else {
    // A protection request: the local team goes on helping the family voluntarily.
    hand_over(family, pools_[family.pool].zone(), Stage::local_team);
  }
}

}  // namespace ketensim::model
