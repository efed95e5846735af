// SPDX-License-Identifier: MIT
// Escalation while waiting (loop L4): the longer a family waits, the likelier its situation
// escalates; then it becomes urgent, may be re-reported to VT, may need a crisis placement
// and heavier care, and its measure is extended more often (docs/workforce.md).
#include <cmath>

#include "models/chain.h"
#include "models/family_event_names.h"

namespace ketensim::model {
namespace {

// A hazard growing linearly with time waited, a t, gives P(escalated by t) = 1 - exp(-a t^2 / 2).
// The scenario gives the share escalated within 90 days, q: a = -2 ln(1 - q) / 90^2, and an
// escalation time is drawn by inversion: t = 90 sqrt(ln U / ln(1 - q)).
double escalation_delay(double share_within_90_days, double uniform) {
  return 90.0 * std::sqrt(std::log(uniform) / std::log1p(-share_within_90_days));
}

}  // namespace

void Chain::schedule_escalation(Family& family, Stage stage, bool waiting_for_care) {
  const Parameters& p = P(family);
  if (p.feedback.l4_escalation == 0 || p.escalation.share_within_90_days_waiting <= 0 || family.urgent) return;
  const double delay = draw(family, stage, [&](sim::RandomStream& s) {
    return escalation_delay(p.escalation.share_within_90_days_waiting, s.uniform());
  });
  if (now() + delay > end_date_) return;
  const std::uint64_t ticket = waiting_for_care ? family.care_ticket : family.queue_ticket;
  schedule(now() + delay, EventKind::escalation,
           FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(),
           ticket | (waiting_for_care ? (1ULL << 32) : 0ULL), SameInstantOrder::move);
}

void Chain::on_escalation(Family& escalated, std::uint64_t detail) {
  const bool for_care = (detail >> 32) != 0;
  const auto ticket = static_cast<std::uint32_t>(detail & 0xffffffffu);
  // Only a family still waiting where it waited when the escalation was drawn.
  if (for_care ? (escalated.care_ticket != ticket || escalated.care_status != CareStatus::waiting)
               : (escalated.queue_ticket != ticket || escalated.status != Status::waiting)) {
    return;
  }
  const auto slot = static_cast<std::uint32_t>(&escalated - families_.data());
  const Parameters& p = P(escalated);
  escalated.escalated = true;
  escalated.urgent = true;
  statistics_.flow(Flow::escalations, escalated.children, now());
  const Stage stage = for_care ? care_stage(care_[escalated.care_provider].type()) : escalated.stage;
  const bool re_report = draw(escalated, stage, [&](sim::RandomStream& s) { return s.bernoulli(p.escalation.share_re_report); });
  const bool crisis = draw(escalated, stage, [&](sim::RandomStream& s) { return s.bernoulli(p.escalation.share_crisis_placement); });
  if (re_report) create_re_report(escalated);
  // A re-report adds a family, which can move families_ in memory: look this one up again.
  Family& family = families_[slot];
  if (crisis) {
    family.crisis = true;
    statistics_.flow(Flow::crisis_placements, family.children, now());
  }
  const auto ref = FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation};
  if (for_care) {
    // An urgent family moves up its care list; a crisis moves it to heavier care.
    CareProvider& provider = care_[family.care_provider];
    provider.waiting().withdraw(family.children);
    if (family.measure != Measure::none) statistics_.change_level(care_stage(provider.type()), family.region, Level::waiting, -family.children);
    if (crisis && heavier_care(provider.type()) != provider.type()) {
      statistics_.departed(care_stage(provider.type()), family.region, family.children, now(), now() - family.care_requested_at);
      if (family.measure == Measure::none) set_place(family, family.stage, Status::entering);  // leaves this care list
      family.care_need = heavier_care(provider.type());
      family.care_provider = care_provider_of(*family.care_need, family.region);
      family.care_status = CareStatus::none;
      enter_care_list(family);
      return;
    }
    if (family.measure != Measure::none) statistics_.change_level(care_stage(provider.type()), family.region, Level::waiting, family.children);
    ++family.care_ticket;
    provider.waiting().push(ref, family.care_ticket, true, family.queued_at, family.children);
    admit_waiting(family.care_provider);
  } else {
    // An urgent family jumps its staff pool's waiting list.
    StaffPool& pool = pools_[family.pool];
    pool.waiting().withdraw(family.children);
    ++family.queue_ticket;
    pool.waiting().push(ref, family.queue_ticket, true, family.queued_at, family.children);
    assign_waiting(family.pool);
  }
}

void Chain::create_re_report(Family& family) {
  ++family.re_reports;
  // A new report about the same family: VT triages it urgently and closes it (the family
  // itself is already in the chain). Its random streams hang off the family's own key.
  // new_family can move families_ in memory, so nothing of `family` is read after it.
  const std::uint64_t sequence = family.id & 0xffffffffffULL;
  const std::uint16_t region = family.region;
  const auto children = family.children;
  const std::uint64_t stream_key = sim::StreamKey::from_value(family.stream_key).with("re-report").with(family.re_reports).value();
  Family& report = families_[new_family(31, region, FamilyKind::re_report, sequence).slot];
  report.stream_key = stream_key;
  report.children = children;
  report.urgent = true;
  statistics_.flow(Flow::re_reports, 1, now());
  enter_pool(report, Stage::vt_triage, vt_pool_of(region), now() + P(region).vt.deadline_triage_days);
}

}  // namespace ketensim::model
