// SPDX-License-Identifier: MIT
// Youth care: requests, waiting lists per care type and region, admission and discharge.
#include "models/chain.h"
#include "models/family_event_names.h"

namespace ketensim::model {

void Chain::request_care(Family& family, CareType type) {
  // The guardian asks the region's care providers; the request takes an administrative
  // delay (assessment, a municipality's decision) before it reaches their waiting list. The
  // family stays at the GI meanwhile.
  family.care_need = type;
  family.care_provider = care_provider_of(type, family.region);
  const double mean = P(family).gi.care_request_days_mean;
  if (mean <= 0.0) {
    enter_care_list(family);
    return;
  }
  family.care_status = CareStatus::requested;
  ++family.care_ticket;
  const double delay = draw(family, Stage::gi, [&](sim::RandomStream& s) { return s.exponential(mean); });
  schedule(now() + delay, EventKind::care_request,
           FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(),
           family.care_ticket, SameInstantOrder::move);
}

void Chain::on_care_request(Family& family, std::uint32_t ticket) {
  if (family.care_ticket != ticket || family.care_status != CareStatus::requested) return;  // the measure ended
  enter_care_list(family);
}

void Chain::enter_care_list(Family& family) {
  CareProvider& provider = care_[family.care_provider];
  const Stage stage = care_stage(provider.type());
  const bool place_is_care = family.measure == Measure::none;
  if (place_is_care) {
    set_place(family, stage, Status::waiting);
    family.stage_entered_at = now();
  }
  family.care_status = CareStatus::waiting;
  family.queued_at = now();
  family.care_requested_at = now();
  ++family.care_ticket;
  statistics_.arrived(stage, family.region, family.children);
  if (!place_is_care) statistics_.change_level(stage, family.region, Level::waiting, family.children);
  // No legal deadline for care: rank by urgency, then by time waited.
  provider.waiting().push(FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation},
                          family.care_ticket, family.urgent, now(), family.children);
  admit_waiting(family.care_provider);
  if (family.care_status == CareStatus::waiting) schedule_escalation(family, stage, true);
  if (family.care_status == CareStatus::waiting) schedule_withdrawal(family, stage, true);
}

void Chain::admit_waiting(std::uint32_t provider_index) {
  CareProvider& provider = care_[provider_index];
  auto is_live = [this](const WaitingList::Entry& entry) {
    const Family& f = families_[entry.family.slot];
    return f.generation == entry.family.generation && f.care_ticket == entry.ticket &&
           f.care_status == CareStatus::waiting && f.status != Status::left;
  };
  const Stage stage = care_stage(provider.type());
  while (const WaitingList::Entry* head = provider.waiting().front(is_live)) {
    if (!provider.fits(head->children)) return;
    Family& family = families_[head->family.slot];
    provider.waiting().pop_front();
    provider.admit(family.children);
    family.care_status = CareStatus::in_care;
    const bool place_is_care = family.measure == Measure::none;
    if (place_is_care) {
      set_place(family, stage, Status::in_service);
    } else {
      statistics_.change_level(stage, family.region, Level::waiting, -family.children);
      statistics_.change_level(stage, family.region, Level::in_service, family.children);
      statistics_.lead_time(LeadTime::measure_to_care, now() - family.ruling_at, now());
    }
    statistics_.started(stage, family.region, family.children, now() - family.queued_at, now());
    log(family, family_event::care_start, static_cast<std::int32_t>(provider.type()));
    const auto& care = P(family).care_of(provider.type());
    const double days = draw(family, stage, [&](sim::RandomStream& s) { return s.gamma(care.duration_days_mean, care.duration_cv); });
    schedule(now() + days, EventKind::care_end,
             FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(),
             family.care_ticket, SameInstantOrder::release);
  }
}

void Chain::on_care_end(Family& family, std::uint32_t ticket) {
  if (family.care_ticket != ticket || family.care_status != CareStatus::in_care) return;
  CareProvider& provider = care_[family.care_provider];
  const Stage stage = care_stage(provider.type());
  statistics_.completed(stage, family.region, family.children, now(), now() - family.care_requested_at);
  log(family, family_event::care_end, static_cast<std::int32_t>(provider.type()));
  provider.discharge(family.children);
  family.care_status = CareStatus::done;
  if (family.measure == Measure::none) {
    leave(family, LeaveReason::care_ended);
  } else {
    statistics_.change_level(stage, family.region, Level::in_service, -family.children);
  }
  admit_waiting(static_cast<std::uint32_t>(&provider - care_.data()));
}

void Chain::withdraw_from_care(Family& family) {
  // Only for a family under a measure that ends: its care need goes with it (simplification,
  // docs/model.md). A family whose place is care leaves through on_care_end.
  CareProvider& provider = care_[family.care_provider];
  const Stage stage = care_stage(provider.type());
  const bool place_is_care = family.measure == Measure::none;
  if (family.care_status == CareStatus::waiting || family.care_status == CareStatus::in_care) {
    statistics_.departed(stage, family.region, family.children, now(), now() - family.care_requested_at);
  }
  if (family.care_status == CareStatus::waiting) {
    provider.waiting().withdraw(family.children);
    if (!place_is_care) statistics_.change_level(stage, family.region, Level::waiting, -family.children);
  } else if (family.care_status == CareStatus::in_care) {
    provider.discharge(family.children);
    if (!place_is_care) statistics_.change_level(stage, family.region, Level::in_service, -family.children);
  }
  // A request still on its way is voided by the new ticket below.
  const bool was_in_care = family.care_status == CareStatus::in_care;
  family.care_status = CareStatus::done;
  ++family.care_ticket;
  if (was_in_care) admit_waiting(family.care_provider);
}

}  // namespace ketensim::model
