// SPDX-License-Identifier: MIT
#include "models/chain.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/family_event_names.h"
#include "models/moved_staff.h"

namespace ketensim::model {

namespace {
constexpr double days_per_year = 365.0;
}

Chain::Chain(const Scenario& scenario, std::uint32_t replication, bool keep_event_log)
    : scenario_(scenario),
      p_(scenario.parameters),
      region_params_(scenario.regions.regions.size(), with_moved_staff(scenario)),
      placement_(scenario.placement),
      replication_(replication),
      keep_event_log_(keep_event_log),
      replication_key_(sim::StreamKey(static_cast<std::uint64_t>(scenario.parameters.run.seed)).with(replication)),
      warmup_end_(scenario.parameters.run.warmup_years * days_per_year),
      end_date_(scenario.parameters.run.years * days_per_year),
      statistics_(scenario.regions.regions.size(), scenario.parameters.run.warmup_years * days_per_year) {
  const double total = scenario.regions.total_youth_population();
  for (const auto& region : scenario.regions.regions) region_share_.push_back(region.youth_population / total);
  report_share_ = scenario.regions.vt_report_shares();
  vt_staff_share_ = scenario.regions.vt_staff_shares();
  build_platform();
  intervention_states_ = {};  // only the platform needed them

  // Sources of families from outside, each with its own stream per region so that adding a
  // region or a source does not shift any other stream.
  static_assert(static_cast<std::size_t>(Source::rvdk_request_police_other) ==
                static_cast<std::size_t>(Source::care_demand_first) + care_type_count);
  source_count_ = static_cast<std::size_t>(Source::rvdk_request_police_other) + 1;
  const std::size_t regions = region_share_.size();
  // Keys of family streams by (source index, region), computed once: a family's key adds
  // its sequence number. Source indices below 64 cover arrivals and the initial groups.
  for (std::uint64_t source = 0; source < 64; ++source) {
    for (std::size_t r = 0; r < regions; ++r) {
      family_key_prefix_.push_back(
          replication_key_.with("family").with(source).with(scenario.regions.regions[r].code).value());
    }
  }
  families_.reserve(1u << 19);  // the national scenario keeps a few hundred thousand families at once
  successions_seen_.reserve(1u << 19);
  awaiting_safety_.reserve(1u << 19);
  for (std::size_t source = 0; source < source_count_; ++source) {
    const double national_per_year = arrivals_per_year(source, p_);
    for (std::size_t r = 0; r < regions; ++r) {
      arrival_streams_.emplace_back(
          replication_key_.with("arrivals").with(source).with(scenario.regions.regions[r].code));
      arrival_sequence_.push_back(0);
      arrival_generation_.push_back(0);
      const double share = source == static_cast<std::size_t>(Source::vt_report) ? report_share_[r] : region_share_[r];
      arrival_rate_per_day_.push_back(national_per_year * share / days_per_year);
    }
  }
}

void Chain::attach(sim::Engine& engine) {
  engine_ = &engine;
  schedule(0.0, EventKind::initial_state, 0, 0, SameInstantOrder::sample);
  schedule_interventions();
  start_workforce();
  for (std::size_t i = 0;; ++i) {
    const sim::Days t = static_cast<double>(i) * p_.run.timeseries_step_days;
    if (t > end_date_ - 1e-9) break;
    sample_times_.push_back(t);
  }
  sample_times_.push_back(end_date_);  // the last sample closes the run, whatever the step
  for (std::size_t i = 0; i < sample_times_.size(); ++i) {
    // The closing sample is taken a moment (0.1 s) before the end: an event due exactly at
    // the end date is at the mercy of how an engine stops its clock (SimGrid may stop first).
    schedule(std::min(sample_times_[i], end_date_ - 1e-6), EventKind::sample, i, 0, SameInstantOrder::sample);
  }
  const std::size_t regions = region_share_.size();
  for (std::size_t source = 0; source < source_count_; ++source) {
    for (std::size_t r = 0; r < regions; ++r) {
      const std::size_t i = source * regions + r;
      if (arrival_rate_per_day_[i] <= 0.0) continue;
      const double first = arrival_streams_[i].exponential(1.0 / arrival_rate_per_day_[i]);
      if (first <= end_date_) schedule(first, EventKind::arrival, source, r, SameInstantOrder::arrival);
    }
  }
}

void Chain::schedule(sim::Days date, EventKind kind, std::uint64_t subject, std::uint64_t detail,
                     SameInstantOrder order) {
  engine_->schedule_at(date, sim::Event{static_cast<std::uint32_t>(kind), subject, detail,
                                         static_cast<std::uint8_t>(order)});
}

void Chain::handle(const sim::Event& event) {
  const auto kind = static_cast<EventKind>(event.kind);
  switch (kind) {
    case EventKind::initial_state: place_initial_state(); return;
    case EventKind::sample: sample(); return;
    case EventKind::arrival: {
      // The high half of `detail` is the stream's generation: a rate change voids older arrivals.
      const auto region = static_cast<std::uint16_t>(event.detail & 0xffff);
      const std::size_t stream = event.subject * region_share_.size() + region;
      if ((event.detail >> 32) != arrival_generation_[stream]) return;
      on_arrival(static_cast<Source>(event.subject), region);
      return;
    }
    case EventKind::intervention_step: on_intervention_step(event.subject, event.detail); return;
    case EventKind::workforce_tick: on_workforce_tick(); return;
    case EventKind::rework_done: return;  // the successor's rework only took its share of hours
    default: break;
  }
  // Every kind left concerns a family (concerns_family).
  Family* family = live(FamilyRef::unpack(event.subject));
  if (family == nullptr) return;  // the family left before this event came due
  switch (kind) {
    case EventKind::work_done: on_work_done(*family, static_cast<Stage>(event.detail)); break;
    case EventKind::hand_over_arrival: on_hand_over_arrival(*family, static_cast<Stage>(event.detail)); break;
    case EventKind::local_team_end: on_local_team_end(*family); break;
    case EventKind::court_ruling: on_court_ruling(*family); break;
    case EventKind::measure_term_end: on_measure_term_end(*family); break;
    case EventKind::care_end: on_care_end(*family, static_cast<std::uint32_t>(event.detail)); break;
    case EventKind::care_request: on_care_request(*family, static_cast<std::uint32_t>(event.detail)); break;
    case EventKind::escalation: on_escalation(*family, event.detail); break;
    case EventKind::withdrawal: on_withdrawal(*family, event.detail); break;
    default: throw std::logic_error("chain: unexpected event kind " + std::to_string(event.kind));
  }
}

void Chain::upcoming(const sim::Event& event) {
  if (!concerns_family(static_cast<EventKind>(event.kind))) return;
  const FamilyRef ref = FamilyRef::unpack(event.subject);
  if (ref.slot >= families_.size()) return;
  const char* record = reinterpret_cast<const char*>(&families_[ref.slot]);
  for (std::size_t line = 0; line < sizeof(Family); line += 64) __builtin_prefetch(record + line);
}

FamilyRef Chain::new_family(std::uint64_t source_index, std::uint16_t region, FamilyKind kind, std::uint64_t sequence) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(families_.size());
    families_.emplace_back();
    successions_seen_.push_back(0);
    awaiting_safety_.push_back(0);
  }
  Family& f = families_[slot];
  const std::uint32_t generation = f.generation + 1;
  f = Family{};
  f.generation = generation;
  f.kind = kind;
  f.region = region;
  // The id and the random streams depend only on where the family came from and its rank
  // in that source's sequence, never on the engine's event order.
  f.id = (source_index << 56) | (static_cast<std::uint64_t>(region) << 40) | sequence;
  const std::size_t prefix = source_index * region_share_.size() + region;
  f.stream_key = sim::StreamKey::from_value(family_key_prefix_[prefix]).with(sequence).value();
  f.reported_at = now();
  // The cohort of the time to safety: reports (to VT, or straight to the Board) after warm-up.
  awaiting_safety_[slot] = kind == FamilyKind::reported && now() >= warmup_end_ ? 1 : 0;
  ++census_.entered;
  ++census_.in_place;
  return FamilyRef{slot, generation};
}

Family* Chain::live(FamilyRef ref) {
  if (ref.slot >= families_.size()) return nullptr;
  Family& f = families_[ref.slot];
  if (f.generation != ref.generation || f.status == Status::left) return nullptr;
  return &f;
}

std::uint8_t Chain::draw_children(Family& family) {
  const auto& shares = P(family).family;
  const double weights[4] = {shares.share_one_child, shares.share_two_children, shares.share_three_children,
                             shares.share_four_children};
  return draw(family, Stage::vt_triage, [&](sim::RandomStream& s) {
    return static_cast<std::uint8_t>(1 + s.categorical(weights, 4));
  });
}

void Chain::set_place(Family& family, Stage stage, Status status) {
  // Level counters follow the family's place so that the time series and the census agree.
  if (family.status != Status::left && family.status != Status::entering) {
    const int before = family.children;
    if (family.status == Status::waiting) statistics_.change_level(family.stage, family.region, Level::waiting, -before);
    if (family.status == Status::in_service) statistics_.change_level(family.stage, family.region, Level::in_service, -before);
    if (family.status == Status::in_transit) statistics_.change_level(family.stage, family.region, Level::in_transit, -before);
  }
  family.stage = stage;
  family.status = status;
  if (status == Status::waiting) statistics_.change_level(stage, family.region, Level::waiting, family.children);
  if (status == Status::in_service) statistics_.change_level(stage, family.region, Level::in_service, family.children);
  if (status == Status::in_transit) statistics_.change_level(stage, family.region, Level::in_transit, family.children);
}

void Chain::leave(Family& family, LeaveReason reason) {
  log(family, family_event::leave, static_cast<std::int32_t>(reason));
  reached_safety(family);  // a case closed, whatever the reason
  if (family.care_status == CareStatus::requested || family.care_status == CareStatus::waiting ||
      family.care_status == CareStatus::in_care) {
    withdraw_from_care(family);
  }
  set_place(family, family.stage, Status::left);
  ++census_.left[static_cast<std::size_t>(reason)];
  --census_.in_place;
  free_slots_.push_back(static_cast<std::uint32_t>(&family - families_.data()));
}

void Chain::log(const Family& family, std::uint8_t what, std::int32_t detail) {
  if (!keep_event_log_) return;
  events_.push_back(FamilyEvent{now(), family.id, family.region, static_cast<std::uint8_t>(family.stage), what,
                                family.children, detail});
}

std::uint64_t Chain::Census::left_total() const {
  std::uint64_t total = 0;
  for (const auto n : left) total += n;
  return total;
}

Chain::Census Chain::census() const { return census_; }

std::vector<std::string> Chain::event_names() { return family_event::names(); }

}  // namespace ketensim::model
