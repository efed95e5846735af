// SPDX-License-Identifier: MIT
// Staff as people (loops L1-L3): departures and sick leave that rise with caseload pressure,
// vacancies, hiring with a delay, ramp-up and mentoring, temporary staff, the budget, and the
// successor who takes over a departed worker's cases (docs/workforce.md).
#include <algorithm>
#include <cmath>

#include "models/chain.h"

namespace ketensim::model {
namespace {

constexpr double days_per_year = 365.0;
constexpr double tick_days = 7.0;

// A position's own random stream, resumed where its last draw ended.
template <class Use>
auto draw_for(StaffMember& member, const sim::StreamKey& key, Use&& use) {
  sim::RandomStream stream(key, member.draws);
  auto value = use(stream);
  member.draws = static_cast<std::uint32_t>(stream.draws());
  return value;
}

}  // namespace

void Chain::start_workforce() {
  const std::size_t workers = platform_.workers().size();
  staff_.assign(workers, StaffMember{});
  pool_of_worker_.assign(workers, 0);
  successions_at_worker_.assign(workers, 0);
  mentees_of_.assign(workers, {});
  mentor_index_.clear();
  for (const auto& pool : pools_) mentor_index_.emplace_back(pool.worker_count());
  staff_step_.assign(pools_.size(), StaffStep{});
  staff_totals_.assign(pools_.size(), StaffTotals{});
  one_off_costs_.assign(pools_.size(), {});
  pool_budget_euros_.assign(pools_.size(), 0.0);
  // Each position's stream is keyed by pool and position, not by platform id: a plan that
  // adds positions to one pool must not shift the streams of another.
  staff_keys_.assign(workers, 0);
  for (std::uint32_t k = 0; k < pools_.size(); ++k) {
    const auto pool_key = replication_key_.with("staff").with(std::string(organisation_name(pool_plans_[k].organisation)) + ":" + pool_label(k));
    for (std::size_t i = 0; i < pools_[k].worker_count(); ++i) staff_keys_[pools_[k].first_worker() + i] = pool_key.with(i).value();
  }
  for (std::uint32_t k = 0; k < pools_.size(); ++k) {
    const Parameters& p = pool_parameters_now(k);
    pool_budget_euros_[k] = p.workforce.budget_share_of_base_cost * pools_[k].fte() * p.workforce.salary_per_fte_year_euros;
    for (std::size_t i = 0; i < pools_[k].worker_count(); ++i) {
      const sim::WorkerId w = pools_[k].first_worker() + static_cast<sim::WorkerId>(i);
      pool_of_worker_[w] = k;
      // Positions beyond the FTE at the start wait, vacant and unfunded, for a plan.
      StaffMember& member = staff_[w];
      if (i >= pools_[k].positions_for(pools_[k].fte())) {
        member.holder = StaffMember::Holder::vacant;
        member.funded = false;
        member.speed_factor = 0.0;
        continue;
      }
      // The staff at the start have served for a while (exponential tenure, an assumption).
      const auto key = staff_key(w);
      member.started_at = -draw_for(member, key, [&](sim::RandomStream& s) {
        return s.exponential(std::max(1.0, p.workforce.initial_tenure_days_mean));
      });
      index_holder(w);
    }
  }
  // Without staff dynamics the positions stay held by experienced, healthy workers.
  if (p_.workforce.staff_dynamics != 0) schedule(tick_days, EventKind::workforce_tick, 0, 0, SameInstantOrder::change);
}

double Chain::annual_spend_euros(std::uint32_t pool) const {
  const Parameters& p = pool_parameters_now(pool);
  double spend = 0;
  for (std::size_t i = 0; i < pools_[pool].worker_count(); ++i) {
    const StaffMember& member = staff_[pools_[pool].first_worker() + i];
    if (member.holder == StaffMember::Holder::permanent) spend += p.workforce.salary_per_fte_year_euros;
    if (member.holder == StaffMember::Holder::temporary) {
      spend += p.workforce.salary_per_fte_year_euros * (1.0 + p.workforce.temporary_premium_share);
    }
  }
  spend *= pools_[pool].fte_per_position();
  for (const auto& [date, euros] : one_off_costs_[pool]) {
    if (date > now() - days_per_year) spend += euros;
  }
  return spend;
}

bool Chain::budget_allows(std::uint32_t pool, double extra_euros_per_year) const {
  const Parameters& p = pool_parameters_now(pool);
  if (p.feedback.l3_budget == 0) return true;
  return annual_spend_euros(pool) + extra_euros_per_year <= pool_budget_euros_[pool];
}

void Chain::apply_speed(sim::WorkerId worker, double factor) {
  StaffMember& member = staff_[worker];
  if (std::abs(member.speed_factor - factor) < 1e-12) return;  // SimGrid resizes work on every change
  member.speed_factor = factor;
  engine_->set_speed(worker, pool_base_speed_[pool_of_worker_[worker]] * factor);
}

void Chain::add_case(sim::WorkerId worker, Family& family) {
  successions_seen_[slot_of(family)] = successions_at_worker_[worker];
}

void Chain::remove_case(sim::WorkerId worker, Family& family) {
  // At the GI each successor who took over the case while it was here is a guardian change.
  if (pool_plans_[pool_of_worker_[worker]].organisation != Organisation::gi) return;
  const std::uint32_t changes = successions_at_worker_[worker] - successions_seen_[slot_of(family)];
  family.guardian_changes = static_cast<std::uint8_t>(std::min<std::uint32_t>(255, family.guardian_changes + changes));
}

void Chain::index_holder(sim::WorkerId worker) {
  const StaffMember& member = staff_[worker];
  const std::uint32_t pool = pool_of_worker_[worker];
  mentor_index_[pool].set(worker - pools_[pool].first_worker(),
                          member.holder == StaffMember::Holder::permanent ? std::optional<sim::Days>(member.started_at)
                                                                          : std::nullopt);
}

sim::StreamKey Chain::staff_key(sim::WorkerId worker) const { return sim::StreamKey::from_value(staff_keys_[worker]); }

void Chain::set_funded(sim::WorkerId worker, bool funded) {
  StaffMember& member = staff_[worker];
  if (member.funded == funded) return;
  member.funded = funded;
  const std::uint32_t pool = pool_of_worker_[worker];
  if (!funded) {
    // Cut by attrition: the holder finishes their cases but takes no new family, and the
    // position is not filled again when it falls vacant.
    pools_[pool].set_available(worker, false);
    return;
  }
  if (member.occupied()) {
    pools_[pool].set_available(worker, !member.sick);
    return;
  }
  // A new budget line: recruitment starts now; with constant staff the post is filled at once.
  member.vacant_since = now();
  member.hire_under_way = false;
  if (pool_parameters_now(pool).workforce.staff_dynamics == 0) {
    start_holder(worker, StaffMember::Holder::permanent);
    staff_[worker].started_at = now() - pool_parameters_now(pool).workforce.ramp_up_days;  // experienced
    index_holder(worker);
    apply_speed(worker, 1.0);
  }
}

void Chain::end_mentoring(sim::WorkerId worker) {
  StaffMember& member = staff_[worker];
  if (!member.mentor) return;
  StaffMember& mentor = staff_[*member.mentor];
  if (mentor.mentees > 0) --mentor.mentees;
  auto& mentees = mentees_of_[*member.mentor];
  const auto found = std::find(mentees.begin(), mentees.end(), worker);
  if (found != mentees.end()) {
    *found = mentees.back();
    mentees.pop_back();
  }
  member.mentor.reset();
}

void Chain::vacate(sim::WorkerId worker) {
  StaffMember& member = staff_[worker];
  end_mentoring(worker);
  member.mentees = 0;  // the new hires lose their mentor
  for (const sim::WorkerId mentee : mentees_of_[worker]) staff_[mentee].mentor.reset();
  mentees_of_[worker].clear();
  member.holder = StaffMember::Holder::vacant;
  index_holder(worker);
  member.vacant_since = now();
  member.sick = false;
  member.hire_under_way = false;
  // The cases stay with the position and wait for the successor.
  pools_[pool_of_worker_[worker]].set_available(worker, false);
  apply_speed(worker, 0.0);
}

void Chain::start_holder(sim::WorkerId worker, StaffMember::Holder holder) {
  const std::uint32_t pool = pool_of_worker_[worker];
  const Parameters& p = pool_parameters_now(pool);
  StaffMember& member = staff_[worker];
  member.holder = holder;
  member.started_at = now();
  member.sick = false;
  member.pressure = 1.0;
  index_holder(worker);
  if (holder == StaffMember::Holder::permanent) {
    member.hire_under_way = false;
    // The new hire's mentor: the next experienced permanent colleague in the pool.
    const std::size_t own = worker - pools_[pool].first_worker();
    if (const auto found = mentor_index_[pool].next_experienced(own, now(), p.workforce.ramp_up_days)) {
      const sim::WorkerId other = pools_[pool].first_worker() + static_cast<sim::WorkerId>(*found);
      member.mentor = other;
      ++staff_[other].mentees;
      mentees_of_[other].push_back(worker);
    }
  }
  pools_[pool].set_available(worker, true);
  // A successor takes over the cases: each child gets another guardian (at the GI; counted
  // when the case leaves, remove_case) and the successor redoes part of the work (loop L2):
  // rework_hours_per_child per child, shared with their other work. Under processor sharing
  // a job of h x c hours at weight c ends when virtual time has grown by h, whatever c, so
  // one job for all the position's children ends when one job per case would all have ended
  // and weighs on the other work as they would have.
  ++successions_at_worker_[worker];
  const int children = pools_[pool].caseload_of(worker);
  if (p.feedback.l2_transfers != 0 && p.workforce.rework_hours_per_child > 0 && children > 0) {
    engine_->start_work(worker, p.workforce.rework_hours_per_child * children, children,
                        sim::Event{static_cast<std::uint32_t>(EventKind::rework_done), worker, 0,
                                   static_cast<std::uint8_t>(SameInstantOrder::release)});
  }
  assign_waiting(pool);
}

void Chain::on_workforce_tick() {
  for (std::uint32_t k = 0; k < pools_.size(); ++k) {
    const Parameters& p = pool_parameters_now(k);
    for (std::size_t i = 0; i < pools_[k].worker_count(); ++i) {
      tick_position(k, pools_[k].first_worker() + static_cast<sim::WorkerId>(i), p);
    }
    // Costs of the week: salaries (temporary staff at a premium); one-off costs are added
    // when they happen. Old one-off costs leave the rolling year.
    double salaries = 0;
    for (std::size_t i = 0; i < pools_[k].worker_count(); ++i) {
      const StaffMember& member = staff_[pools_[k].first_worker() + i];
      if (member.holder == StaffMember::Holder::permanent) salaries += 1.0;
      if (member.holder == StaffMember::Holder::temporary) salaries += 1.0 + p.workforce.temporary_premium_share;
    }
    const double weekly = salaries * pools_[k].fte_per_position() * p.workforce.salary_per_fte_year_euros * tick_days / days_per_year;
    staff_step_[k].cost_euros += weekly;
    if (now() >= warmup_end_) staff_totals_[k].cost_euros += weekly;
    auto& costs = one_off_costs_[k];
    costs.erase(std::remove_if(costs.begin(), costs.end(), [&](const auto& c) { return c.first <= now() - days_per_year; }),
                costs.end());
  }
  if (now() + tick_days <= end_date_) schedule(now() + tick_days, EventKind::workforce_tick, 0, 0, SameInstantOrder::change);
}

void Chain::tick_position(std::uint32_t pool, sim::WorkerId worker, const Parameters& p) {
  StaffMember& member = staff_[worker];
  const auto& wf = p.workforce;
  const bool l1 = p.feedback.l1_turnover != 0;
  const auto key = staff_key(worker);
  const double norm = pool_parameters(p, pool_plans_[pool].organisation).caseload_norm_children;
  const bool after_warmup = now() >= warmup_end_;
  const double years = tick_days / days_per_year;

  if (member.occupied()) {
    // Pressure: the caseload against the norm, smoothed over recent weeks.
    const double capacity = norm * pools_[pool].fte_per_position();
    const double ratio = capacity > 0 ? pools_[pool].caseload_of(worker) / capacity : 1.0;
    member.pressure += std::min(1.0, tick_days / wf.pressure_smoothing_days) * (ratio - member.pressure);
  }
  const double over = l1 ? std::max(0.0, member.pressure - 1.0) : 0.0;

  if (member.holder == StaffMember::Holder::permanent) {
    const double tenure = now() - member.started_at;
    const double hazard = wf.departure_rate_per_year * (1.0 + wf.departure_pressure_elasticity * over) *
                          (1.0 + wf.new_staff_departure_extra * std::exp(-tenure / wf.new_staff_tenure_days));
    const bool leaves = draw_for(member, key, [&](sim::RandomStream& s) { return s.uniform() < 1.0 - std::exp(-hazard * years); });
    if (leaves) {
      staff_step_[pool].leavers += 1;
      if (after_warmup) staff_totals_[pool].leavers += 1;
      vacate(worker);
    } else if (member.sick && now() >= member.sick_until) {
      member.sick = false;
    } else if (!member.sick) {
      const double rate = wf.sick_episodes_per_year * (1.0 + wf.sick_pressure_elasticity * over);
      const bool falls_sick = draw_for(member, key, [&](sim::RandomStream& s) { return s.uniform() < 1.0 - std::exp(-rate * years); });
      if (falls_sick) {
        member.sick = true;
        member.sick_until = now() + draw_for(member, key, [&](sim::RandomStream& s) { return s.exponential(std::max(1.0, wf.sick_days_mean)); });
      }
    }
  }

  if (member.holder != StaffMember::Holder::permanent && member.funded) {
    // Recruitment: a permanent hire is sought while hiring is allowed and found after a delay;
    // the budget must have room for the salary when the hire would start (loop L3).
    if (!member.hire_under_way && wf.hiring_allowed != 0) {
      member.hire_under_way = true;
      member.hire_due = now() + draw_for(member, key, [&](sim::RandomStream& s) { return s.exponential(std::max(1.0, wf.hiring_days_mean)); });
    }
    const double one_off = wf.hiring_cost_euros + wf.onboarding_cost_euros;
    const double salary = wf.salary_per_fte_year_euros * pools_[pool].fte_per_position();
    const double freed = member.holder == StaffMember::Holder::temporary ? salary * (1.0 + wf.temporary_premium_share) : 0.0;
    if (member.hire_under_way && wf.hiring_allowed != 0 && now() >= member.hire_due &&
        budget_allows(pool, salary + one_off - freed)) {
      one_off_costs_[pool].emplace_back(now(), one_off);
      staff_step_[pool].hires += 1;
      staff_step_[pool].cost_euros += one_off;
      if (after_warmup) {
        staff_totals_[pool].hires += 1;
        staff_totals_[pool].cost_euros += one_off;
      }
      start_holder(worker, StaffMember::Holder::permanent);
    } else if (member.holder == StaffMember::Holder::vacant && wf.temporary_staff_allowed != 0 &&
               now() - member.vacant_since >= wf.temporary_staff_after_days &&
               budget_allows(pool, salary * (1.0 + wf.temporary_premium_share))) {
      staff_step_[pool].temporary_starts += 1;
      start_holder(worker, StaffMember::Holder::temporary);
    }
  }

  // What the position delivers now, and whether it takes new families.
  double factor = 0.0;
  if (member.holder == StaffMember::Holder::temporary) factor = wf.temporary_productivity;
  if (member.holder == StaffMember::Holder::permanent) {
    const double tenure = now() - member.started_at;
    if (tenure < wf.ramp_up_days) {
      // Linear ramp-up in monthly steps, so that speeds change at most once a month.
      const double months = std::floor(tenure / 30.0) * 30.0;
      factor = wf.new_hire_productivity + (1.0 - wf.new_hire_productivity) * months / wf.ramp_up_days;
    } else {
      factor = 1.0;
      end_mentoring(worker);  // ramped up: the mentor gets the hours back
    }
    // A mentor gives each new hire some hours a week (at most half of their own).
    const double base = pool_base_speed_[pool];
    if (member.mentees > 0 && base > 0) {
      factor *= std::max(0.5, 1.0 - member.mentees * wf.mentoring_hours_per_week / 7.0 / base);
    }
    if (member.sick) factor *= wf.sick_cover_share;
  }
  pools_[pool].set_available(worker, member.funded && member.occupied() && !member.sick);
  apply_speed(worker, factor);

  if (after_warmup) {
    // Person-years (a position is one person), for rates per person as published.
    StaffTotals& totals = staff_totals_[pool];
    if (member.occupied()) totals.headcount_years += years;
    if (member.sick) totals.sick_years += years;
    if (member.holder == StaffMember::Holder::vacant && member.funded) totals.vacant_years += years;
    if (member.holder == StaffMember::Holder::temporary) totals.temporary_years += years;
  }
}

}  // namespace ketensim::model
