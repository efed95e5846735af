// SPDX-License-Identifier: MIT
// How families move through the chain: arrivals, caseload stages, hand-overs, the court and
// the measure. Care is in chain_care.cpp.
#include <algorithm>

#include "models/chain.h"
#include "models/family_event_names.h"

namespace ketensim::model {
namespace {

// Quality erosion under a backlog: a VT case that waited before assignment gets a shorter
// assessment, down to 1 - vt.late_work_cut_share of its work when it waited a full deadline.
double vt_late_work_share(const Parameters& p, sim::Days waited, sim::Days deadline_days) {
  if (p.vt.late_work_cut_share <= 0 || deadline_days <= 0) return 1.0;
  return 1.0 - p.vt.late_work_cut_share * std::min(1.0, waited / deadline_days);
}

}  // namespace

double Chain::arrivals_per_year(std::size_t source, const Parameters& p) {
  switch (static_cast<Source>(source)) {
    case Source::vt_report: return p.inflow.vt_reports_per_year;
    case Source::rvdk_other_case: return p.inflow.rvdk_other_cases_per_year;
    case Source::youth_probation: return p.inflow.youth_probation_children_per_year;
    case Source::rvdk_request_police_other: return p.inflow.rvdk_requests_police_other_per_year;
    default: return p.care[source - static_cast<std::size_t>(Source::care_demand_first)].external_demand_children_per_year;
  }
}

void Chain::on_arrival(Source source, std::uint16_t region) {
  const std::size_t regions = region_share_.size();
  const std::size_t i = static_cast<std::size_t>(source) * regions + region;
  const std::uint64_t sequence = arrival_sequence_[i]++;
  const double next = now() + arrival_streams_[i].exponential(1.0 / arrival_rate_per_day_[i]);
  if (next <= end_date_) {
    schedule(next, EventKind::arrival, static_cast<std::uint64_t>(source),
             region | (static_cast<std::uint64_t>(arrival_generation_[i]) << 32), SameInstantOrder::arrival);
  }

  switch (source) {
    case Source::vt_report: {
      Family& f = families_[new_family(static_cast<std::uint64_t>(source), region, FamilyKind::reported, sequence).slot];
      f.children = draw_children(f);
      f.urgent = draw(f, Stage::vt_triage, [&](sim::RandomStream& s) { return s.bernoulli(P(f).inflow.urgent_share); });
      statistics_.flow(Flow::vt_reports_families, 1, now());
      enter_pool(f, Stage::vt_triage, vt_pool_of(region), now() + P(f).vt.deadline_triage_days);
      return;
    }
    case Source::rvdk_other_case: {
      Family& f = families_[new_family(static_cast<std::uint64_t>(source), region, FamilyKind::rvdk_other_case, sequence).slot];
      enter_pool(f, Stage::rvdk_other, rvdk_pool_of(region), now() + P(f).rvdk.deadline_start_days);
      return;
    }
    case Source::rvdk_request_police_other: {
      // A protection request from the police or others: the Board investigates it like a
      // request from VT or a local team (one child, not urgent, as the other direct sources).
      Family& f = families_[new_family(static_cast<std::uint64_t>(source), region, FamilyKind::reported, sequence).slot];
      enter_pool(f, Stage::rvdk, pool_for(Stage::rvdk, f), now() + P(f).rvdk.deadline_start_days);
      return;
    }
    case Source::youth_probation: {
      Family& f = families_[new_family(static_cast<std::uint64_t>(source), region, FamilyKind::youth_probation, sequence).slot];
      f.measure = Measure::youth_probation;
      f.ruling_at = now();
      const bool national = draw(f, Stage::court, [&](sim::RandomStream& s) { return s.bernoulli(P(f).gi.national_share); });
      const double term = draw(f, Stage::gi, [&](sim::RandomStream& s) { return s.exponential(P(f).gi.youth_probation_days_mean); });
      enter_pool(f, Stage::gi, national ? national_gi_pool_ : gi_pool_of_region_[region], now() + P(f).gi.deadline_guardian_days);
      start_measure_term(f, term);
      return;
    }
    default: {
      const auto type = static_cast<CareType>(static_cast<std::size_t>(source) - static_cast<std::size_t>(Source::care_demand_first));
      Family& f = families_[new_family(static_cast<std::uint64_t>(source), region, FamilyKind::care_only, sequence).slot];
      f.care_need = type;
      f.care_provider = care_provider_of(type, region);
      enter_care_list(f);
      return;
    }
  }
}

void Chain::enter_pool(Family& family, Stage stage, std::uint32_t pool, sim::Days due) {
  if (family.status != Status::in_transit) family.referred_at = now();  // no hand-over: referred now
  set_place(family, stage, Status::waiting);
  family.pool = pool;
  family.stage_entered_at = now();
  family.queued_at = now();
  ++family.queue_ticket;
  statistics_.arrived(stage, family.region, family.children);
  log(family, family_event::arrive);
  pools_[pool].waiting().push(FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation},
                              family.queue_ticket, family.urgent, due, family.children);
  assign_waiting(pool);
  // Only a family that has to wait can escalate while waiting (most are taken at once); the
  // Board's other cases (divorce, criminal) are no protection cases and do not escalate.
  if (family.status == Status::waiting && family.stage == stage && stage != Stage::rvdk_other) {
    schedule_escalation(family, stage, false);
  }
  const bool at_board = stage == Stage::rvdk || stage == Stage::rvdk_other;
  if (at_board && family.status == Status::waiting && family.stage == stage) schedule_withdrawal(family, stage, false);
}

void Chain::assign_waiting(std::uint32_t pool_index) {
  StaffPool& pool = pools_[pool_index];
  auto is_live = [this](const WaitingList::Entry& entry) {
    const Family& f = families_[entry.family.slot];
    return f.generation == entry.family.generation && f.queue_ticket == entry.ticket && f.status == Status::waiting;
  };
  while (const WaitingList::Entry* head = pool.waiting().front(is_live)) {
    const auto worker = pool.worker_for(head->children, head->urgent);
    if (!worker) return;
    Family& family = families_[head->family.slot];
    pool.waiting().pop_front();
    start_service(family, pool_index, *worker);
  }
}

void Chain::start_service(Family& family, std::uint32_t pool, sim::WorkerId worker) {
  pools_[pool].take(worker, family.children);
  family.worker = worker;
  add_case(worker, family);
  const Stage stage = family.stage;
  set_place(family, stage, Status::in_service);
  statistics_.started(stage, family.region, family.children, now() - family.queued_at, now());
  statistics_.accessed(stage, family.region, family.children, now() - family.referred_at, now());
  log(family, family_event::start, static_cast<std::int32_t>(worker));

  const Parameters& p = P(family);
  double hours_per_child = 0.0;
  double cv = 0.0;
  // Extra work of a function placed nationally (travel, coordination), and work the team
  // model saves because nobody redoes the intake (docs/scenario-comparison.md).
  const double national_extra = placement_ == Placement::national
                                    ? p.national.travel_hours_per_child + p.national.coordination_hours_per_child
                                    : 0.0;
  switch (stage) {
    case Stage::vt_triage:
      hours_per_child = p.vt.triage_hours_per_child * vt_late_work_share(p, now() - family.queued_at, p.vt.deadline_triage_days);
      cv = p.vt.work_cv;
      break;
    case Stage::vt_investigation:
      hours_per_child = p.vt.investigation_hours_per_child *
                            vt_late_work_share(p, now() - family.queued_at, p.vt.deadline_investigation_days) +
                        national_extra;
      cv = p.vt.work_cv;
      break;
    case Stage::rvdk:
      hours_per_child = std::max(0.1, p.rvdk.investigation_hours_per_child - p.team.reintake_saved_hours_per_child) + national_extra;
      statistics_.flow(Flow::rvdk_investigations, family.children, now());
      cv = p.rvdk.work_cv;
      statistics_.deadline(Stage::rvdk, family.region, now() - family.queued_at <= p.rvdk.deadline_start_days, now());
      break;
    case Stage::rvdk_other:
      // The 10-day norm is the protection norm; other cases are measured against it apart.
      hours_per_child = p.rvdk.other_case_hours;
      cv = p.rvdk.work_cv;
      statistics_.deadline(Stage::rvdk_other, family.region, now() - family.queued_at <= p.rvdk.deadline_start_days, now());
      break;
    case Stage::gi:
      hours_per_child = std::max(0.1, p.gi.startup_hours_per_child - p.team.reintake_saved_hours_per_child);
      cv = p.gi.work_cv;
      // Families of the initial state had their ruling before the run: their wait is unknown.
      if (family.kind != FamilyKind::initial_stock) {
        statistics_.lead_time(LeadTime::guardian_wait, now() - family.ruling_at, now());
        statistics_.deadline(Stage::gi, family.region, now() - family.ruling_at <= p.gi.deadline_guardian_days, now());
      }
      reached_safety(family);  // a guardian takes the measure up: it is in place
      break;
    default: break;
  }
  const double hours = family.children * draw(family, stage, [&](sim::RandomStream& s) { return s.gamma(hours_per_child, cv); });
  if (now() >= warmup_end_) pool_hours_started_[pool] += hours;
  engine_->start_work(worker, hours, family.children,
                      sim::Event{static_cast<std::uint32_t>(EventKind::work_done),
                                 FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(),
                                 static_cast<std::uint64_t>(stage), static_cast<std::uint8_t>(SameInstantOrder::release)});
}

void Chain::on_work_done(Family& family, Stage stage) {
  if (family.stage != stage || family.status != Status::in_service) return;  // e.g. the measure ended meanwhile
  if (stage == Stage::gi) {
    // The guardian's start-up work is done: the measure goes on, the guardian keeps the case
    // (the GI stage is completed when the measure ends).
    if (family.care_need && family.care_status == CareStatus::none) request_care(family, *family.care_need);
    return;
  }
  const std::uint32_t pool = family.pool;
  pools_[pool].release(family.worker, family.children);
  remove_case(family.worker, family);
  family.worker = Family::no_worker;
  statistics_.completed(stage, family.region, family.children, now(), now() - family.stage_entered_at);
  log(family, family_event::complete);
  const sim::ZoneId here = pools_[pool].zone();

  switch (stage) {
    case Stage::vt_triage: {
      const Parameters& p = P(family);
      if (family.kind == FamilyKind::re_report) {
        leave(family, LeaveReason::re_report_handled);
        break;
      }
      statistics_.deadline(stage, family.region, now() - family.reported_at <= p.vt.deadline_triage_days, now());
      const double u = draw(family, stage, [](sim::RandomStream& s) { return s.uniform(); });
      if (u < p.vt.share_triage_to_investigation) {
        // In the baseline VT investigates itself; otherwise function (a) does, elsewhere.
        const std::uint32_t expertise = pool_for(Stage::vt_investigation, family);
        if (pools_[expertise].zone() == here) {
          enter_pool(family, Stage::vt_investigation, expertise, family.reported_at + p.vt.deadline_investigation_days);
        } else {
          hand_over(family, here, Stage::vt_investigation);
        }
      } else if (u < p.vt.share_triage_to_investigation + p.vt.share_triage_to_local_team) {
        hand_over(family, here, Stage::local_team);
      } else {
        leave(family, LeaveReason::closed_by_vt);
      }
      break;
    }
    case Stage::vt_investigation: {
      const Parameters& p = P(family);
      statistics_.deadline(stage, family.region, now() - family.reported_at <= p.vt.deadline_investigation_days, now());
      const double u = draw(family, stage, [](sim::RandomStream& s) { return s.uniform(); });
      if (u < p.vt.share_investigation_to_rvdk) {
        hand_over(family, here, Stage::rvdk);
      } else if (u < p.vt.share_investigation_to_rvdk + p.vt.share_investigation_to_local_team) {
        hand_over(family, here, Stage::local_team);
      } else {
        // VT closes the case with voluntary care: the family waits for it as a client.
        reached_safety(family);
        family.care_need = CareType::ambulatory;
        hand_over(family, here, Stage::care_ambulatory);
      }
      break;
    }
    case Stage::rvdk_other: leave(family, LeaveReason::rvdk_other_case_done); break;
    case Stage::rvdk: {
      if (draw(family, stage, [&](sim::RandomStream& s) { return s.bernoulli(P(family).rvdk.share_request_measure); })) {
        statistics_.flow(Flow::measures_requested, family.children, now());
        hand_over(family, here, Stage::court);
      } else {
        hand_over(family, here, Stage::local_team);
      }
      break;
    }
    default: break;
  }
  assign_waiting(pool);
}

void Chain::hand_over(Family& family, sim::ZoneId from, Stage to) {
  sim::ZoneId destination = region_zone_[family.region];
  if (to == Stage::rvdk) destination = pools_[pool_for(Stage::rvdk, family)].zone();
  if (to == Stage::vt_investigation) destination = pools_[pool_for(Stage::vt_investigation, family)].zone();
  if (to == Stage::court) destination = court_zone_of_region_[family.region];
  if (to == Stage::gi) destination = pools_[family.pool].zone();
  set_place(family, to, Status::in_transit);
  family.referred_at = now();
  log(family, family_event::hand_over, static_cast<std::int32_t>(to));
  engine_->hand_over(from, destination,
                     sim::Event{static_cast<std::uint32_t>(EventKind::hand_over_arrival),
                                FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(),
                                static_cast<std::uint64_t>(to), static_cast<std::uint8_t>(SameInstantOrder::move)});
}

void Chain::on_hand_over_arrival(Family& family, Stage stage) {
  if (family.stage != stage || family.status != Status::in_transit) return;
  switch (stage) {
    case Stage::local_team: start_local_team(family); break;
    case Stage::vt_investigation:
      enter_pool(family, Stage::vt_investigation, pool_for(Stage::vt_investigation, family),
                 family.reported_at + P(family).vt.deadline_investigation_days);
      break;
    case Stage::rvdk: {
      // Inflow management: the Board may answer a request with advice, without investigating.
      if (draw(family, Stage::rvdk, [&](sim::RandomStream& s) { return s.bernoulli(P(family).rvdk.share_screened_out); })) {
        hand_over(family, pools_[pool_for(Stage::rvdk, family)].zone(), Stage::local_team);
        break;
      }
      enter_pool(family, Stage::rvdk, pool_for(Stage::rvdk, family), now() + P(family).rvdk.deadline_start_days);
      break;
    }
    case Stage::court: {
      set_place(family, Stage::court, Status::in_service);
      statistics_.arrived(Stage::court, family.region, family.children);
      statistics_.started(Stage::court, family.region, family.children, 0.0, now());
      family.stage_entered_at = now();
      log(family, family_event::arrive);
      const Parameters& p = P(family);
      const double delay = family.urgent ? p.court.urgent_decision_days
                                         : draw(family, Stage::court, [&](sim::RandomStream& s) {
                                             return s.gamma(p.court.decision_days_mean, p.court.decision_cv);
                                           });
      schedule(now() + delay, EventKind::court_ruling, FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(), 0,
               SameInstantOrder::move);
      break;
    }
    case Stage::gi: enter_pool(family, Stage::gi, family.pool, family.ruling_at + P(family).gi.deadline_guardian_days); break;
    default:
      // A care stage: the family's place is the care itself (voluntary care after VT).
      family.care_provider = care_provider_of(*family.care_need, family.region);
      enter_care_list(family);
      break;
  }
}

void Chain::start_local_team(Family& family) {
  set_place(family, Stage::local_team, Status::in_service);
  family.stage_entered_at = now();
  statistics_.arrived(Stage::local_team, family.region, family.children);
  statistics_.started(Stage::local_team, family.region, family.children, 0.0, now());
  log(family, family_event::arrive);
  const double days = draw(family, Stage::local_team, [&](sim::RandomStream& s) {
    return s.gamma(P(family).local_team.support_days_mean, P(family).local_team.support_cv);
  });
  schedule(now() + days, EventKind::local_team_end, FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(), 0,
           SameInstantOrder::move);
}

void Chain::on_local_team_end(Family& family) {
  if (family.stage != Stage::local_team || family.status != Status::in_service) return;
  statistics_.completed(Stage::local_team, family.region, family.children, now(), now() - family.stage_entered_at);
  log(family, family_event::complete);
  if (draw(family, Stage::local_team, [&](sim::RandomStream& s) { return s.bernoulli(P(family).local_team.share_escalate_to_rvdk); })) {
    hand_over(family, region_zone_[family.region], Stage::rvdk);
  } else {
    leave(family, LeaveReason::closed_by_local_team);
  }
}

void Chain::on_court_ruling(Family& family) {
  const Parameters& p = P(family);
  statistics_.completed(Stage::court, family.region, family.children, now(), now() - family.stage_entered_at);
  const bool granted = draw(family, Stage::court, [&](sim::RandomStream& s) { return s.bernoulli(p.court.grant_share); });
  if (!granted) {
    log(family, family_event::ruling, -1);
    leave(family, LeaveReason::court_refused);
    return;
  }
  family.ruling_at = now();
  if (family.urgent) {
    family.measure = Measure::provisional_ots;
  } else {
    const bool guardianship = draw(family, Stage::court, [&](sim::RandomStream& s) { return s.bernoulli(p.court.share_guardianship); });
    family.measure = guardianship ? Measure::guardianship : Measure::ots;
  }
  // Guardianship means the child lives elsewhere (assumption); an OTS may authorise a placement.
  family.out_of_home = family.measure == Measure::guardianship || family.crisis ||
                       draw(family, Stage::court, [&](sim::RandomStream& s) { return s.bernoulli(p.court.share_out_of_home); });
  log(family, family_event::ruling, static_cast<std::int32_t>(family.measure));
  statistics_.flow(Flow::measures_started, family.children, now());
  if (family.measure == Measure::ots) statistics_.flow(Flow::ots_started, family.children, now());
  if (family.measure == Measure::ots) ots_children_ += family.children;
  if (family.kind == FamilyKind::reported) statistics_.lead_time(LeadTime::report_to_measure, now() - family.reported_at, now());

  // What care the measure needs, drawn now so that the need does not depend on delays.
  draw(family, Stage::gi, [&](sim::RandomStream& s) {
    double weights[care_type_count];
    for (const CareType type : all_care_types) {
      const auto& care = p.care_of(type);
      weights[static_cast<std::size_t>(type)] = family.out_of_home ? care.share_of_out_of_home : care.share_of_needs_at_home;
    }
    const bool needs_care = family.out_of_home || s.bernoulli(p.gi.share_needing_care_at_home);
    if (needs_care) family.care_need = static_cast<CareType>(s.categorical(weights, care_type_count));
    return 0;
  });
  const bool national = draw(family, Stage::court, [&](sim::RandomStream& s) { return s.bernoulli(p.gi.national_share); });
  family.pool = national ? national_gi_pool_ : gi_pool_of_region_[family.region];
  const double term = family.measure == Measure::ots ? p.gi.ots_term_days
                      : family.measure == Measure::provisional_ots
                          ? p.gi.vots_term_days
                          : draw(family, Stage::gi, [&](sim::RandomStream& s) { return s.exponential(p.gi.guardianship_days_mean); });
  start_measure_term(family, term);
  hand_over(family, court_zone_of_region_[family.region], Stage::gi);
}

void Chain::start_measure_term(Family& family, sim::Days term_days) {
  schedule(now() + term_days, EventKind::measure_term_end, FamilyRef{static_cast<std::uint32_t>(&family - families_.data()), family.generation}.packed(), 0,
           SameInstantOrder::move);
}

void Chain::on_measure_term_end(Family& family) {
  bool extend = false;
  if (family.measure == Measure::ots) {
    // An escalated family (L4) and a measure whose care has not started (L5) are extended
    // more often.
    const Parameters& p = P(family);
    double share = p.gi.share_ots_extended;
    if (family.escalated && p.feedback.l4_escalation != 0) share += p.escalation.extension_extra_share;
    const bool care_pending = family.care_need && (family.care_status == CareStatus::requested || family.care_status == CareStatus::waiting);
    if (care_pending && p.feedback.l5_care_delay != 0) share += p.gi.extension_extra_share_care_not_started;
    // A GI under pressure ends measures earlier: fewer extensions the further its mean
    // caseload per FTE is above the norm.
    if (p.gi.extension_cut_per_pressure > 0) {
      const StaffPool& gi = pools_[family.pool];
      const double norm = p.gi.pool.caseload_norm_children;
      const double load = gi.fte() > 0 && norm > 0 ? static_cast<double>(gi.children_in_caseload()) / gi.fte() / norm : 1.0;
      share = std::max(0.0, share - p.gi.extension_cut_per_pressure * std::max(0.0, load - 1.0));
    }
    extend = draw(family, Stage::gi, [&](sim::RandomStream& s) { return s.bernoulli(std::min(1.0, share)); });
    statistics_.flow(Flow::ots_reviewed, family.children, now());
    if (extend) statistics_.flow(Flow::ots_extended, family.children, now());
  } else if (family.measure == Measure::provisional_ots) {
    extend = draw(family, Stage::gi, [&](sim::RandomStream& s) { return s.bernoulli(P(family).gi.share_vots_to_ots); });
    if (extend) {
      family.measure = Measure::ots;
      ots_children_ += family.children;
      statistics_.flow(Flow::ots_started, family.children, now());
    }
  }
  log(family, family_event::review, extend ? 1 : 0);
  if (extend) {
    start_measure_term(family, P(family).gi.ots_term_days);
  } else {
    end_measure(family);
  }
}

void Chain::end_measure(Family& family) {
  if (family.measure == Measure::ots) ots_children_ -= family.children;
  const std::uint32_t pool = family.pool;
  const bool had_guardian = family.status == Status::in_service && family.stage == Stage::gi;
  const bool at_gi = family.stage == Stage::gi && (family.status == Status::waiting || family.status == Status::in_service);
  if (at_gi) statistics_.completed(Stage::gi, family.region, family.children, now(), now() - family.stage_entered_at);
  if (family.status == Status::waiting && family.stage == Stage::gi) pools_[pool].waiting().withdraw(family.children);
  if (had_guardian) {
    pools_[pool].release(family.worker, family.children);
    remove_case(family.worker, family);
    family.worker = Family::no_worker;
  }
  if (now() >= warmup_end_ && family.measure != Measure::youth_probation && family.kind != FamilyKind::initial_stock) {
    for (int c = 0; c < family.children; ++c) guardian_changes_.push_back(family.guardian_changes);
  }
  leave(family, LeaveReason::measure_ended);
  if (had_guardian) assign_waiting(pool);
}

}  // namespace ketensim::model
