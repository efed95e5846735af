// SPDX-License-Identifier: MIT
// The workforce model's steady state per position (the formulas: staff_availability.h).
#include "models/analytic/staff_availability.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ketensim::model::analytic {
namespace {

constexpr double days_per_year = 365.0;
constexpr double tick_days = 7.0;             // the weekly tick of chain_workforce.cpp
constexpr double tick_years = tick_days / days_per_year;
constexpr double ramp_step_days = 30.0;       // the ramp-up rises in monthly steps
constexpr double transient_lengths = 40.0;    // e^-40: a transient this many time constants old is gone
constexpr double negligible_survival = 1e-14;

// Expected tick counts over one permanent holder's tenure (renewal-reward numerators).
struct Tenure {
  double held = 0;          // N: ticks held, the start tick included
  double sick = 0;          // K: ticks off sick
  double speed = 0;         // Σ S_j ramp_j (1 - m_j (1 - cover))
  double experienced = 0;   // ticks at tenure >= ramp-up (weights of the two means below)
  double experienced_hazard = 0;  // Σ S_j h_j over those ticks
  double experienced_sick = 0;    // Σ S_j m_j over those ticks
  double settled_sick = 0;        // m_j once every transient is over
  std::vector<double> ramping;    // S_j at the ticks of the ramp-up, when a mentor is owed

  // Mean departure hazard and sick share of the experienced holders, from whom mentors come.
  [[nodiscard]] double mentor_hazard() const { return experienced > 0 ? experienced_hazard / experienced : 0.0; }
  [[nodiscard]] double mentor_sick() const { return experienced > 0 ? experienced_sick / experienced : settled_sick; }
};

// Smallest number of ticks that covers `days` (a tick-based condition `7j >= days`).
std::size_t ticks_covering(double days) { return days <= 0 ? 0 : static_cast<std::size_t>(std::ceil(days / tick_days - 1e-12)); }

Tenure tenure_sums(const Parameters& p, double excess_pressure) {
  const auto& wf = p.workforce;
  const bool l1 = p.feedback.l1_turnover != 0;
  const double smoothing = std::min(1.0, tick_days / wf.pressure_smoothing_days);
  const double recover = 1.0 - std::exp(-tick_days / std::max(1.0, wf.sick_days_mean));
  const std::size_t ramp_ticks = ticks_covering(wf.ramp_up_days);
  // A new holder's excess grows from 0 to ε as their pressure is smoothed from 1.
  const double settled_over = l1 ? std::max(0.0, excess_pressure) : 0.0;
  const auto departure = [&](double over, double tenure_days) {
    return wf.departure_rate_per_year * (1.0 + wf.departure_pressure_elasticity * over) *
           (1.0 + wf.new_staff_departure_extra * std::exp(-tenure_days / wf.new_staff_tenure_days));
  };
  const auto falls_sick = [&](double over) {
    return 1.0 - std::exp(-wf.sick_episodes_per_year * (1.0 + wf.sick_pressure_elasticity * over) * tick_years);
  };
  const auto ramp = [&](double tenure_days) {
    if (tenure_days >= wf.ramp_up_days) return 1.0;
    const double months = std::floor(tenure_days / ramp_step_days) * ramp_step_days;
    return wf.new_hire_productivity + (1.0 - wf.new_hire_productivity) * months / wf.ramp_up_days;
  };

  // Ticks after which every transient is over: pressure smoothed, tenure effect faded,
  // sickness at its stationary share, ramp-up done.
  const double settle_ticks = std::max({transient_lengths / smoothing, transient_lengths * wf.new_staff_tenure_days / tick_days,
                                        transient_lengths / (recover + falls_sick(settled_over)),
                                        static_cast<double>(ramp_ticks) + 1.0});
  Tenure sums;
  double survival = 1.0;
  double sick = 0.0;
  double unsmoothed = 1.0;  // (1 - a)^j: the share of the excess a new holder does not yet feel
  std::size_t j = 0;
  for (;; ++j) {
    const double tenure = tick_days * static_cast<double>(j);
    const double over = settled_over * (1.0 - unsmoothed);
    const double hazard = departure(over, tenure);
    if (j > 0) {
      survival *= std::exp(-hazard * tick_years);
      sick = sick * (1.0 - recover) + (1.0 - sick) * falls_sick(over);
    }
    sums.held += survival;
    sums.sick += survival * sick;
    sums.speed += survival * ramp(tenure) * (1.0 - sick * (1.0 - wf.sick_cover_share));
    if (j < ramp_ticks) {
      sums.ramping.push_back(survival);
    } else {
      sums.experienced += survival;
      sums.experienced_hazard += survival * hazard;
      sums.experienced_sick += survival * sick;
    }
    if (static_cast<double>(j) >= settle_ticks || survival < negligible_survival) break;
    unsmoothed *= 1.0 - smoothing;
  }
  // The geometric tail at the settled hazard: Σ_{k>=1} g^k = g / (1 - g).
  const double settled_hazard = departure(settled_over, tick_days * static_cast<double>(j));
  const double g = std::exp(-settled_hazard * tick_years);
  const double tail = g < 1.0 ? survival * g / (1.0 - g) : 0.0;
  sums.held += tail;
  sums.sick += tail * sick;
  sums.speed += tail * (1.0 - sick * (1.0 - wf.sick_cover_share));
  sums.experienced += tail;
  sums.experienced_hazard += tail * settled_hazard;
  sums.experienced_sick += tail * sick;
  sums.settled_sick = sick;
  return sums;
}

// Ticks a hire is mentored: Σ_{j<ramp} S_j exp(-h δ j), the mentee still there and the
// mentor (leaving at the hazard h of experienced holders) too.
double mentored_ticks(const Tenure& tenure) {
  double ticks = 0;
  for (std::size_t j = 0; j < tenure.ramping.size(); ++j) {
    ticks += tenure.ramping[j] * std::exp(-tenure.mentor_hazard() * tick_years * static_cast<double>(j));
  }
  return ticks;
}

}  // namespace

StaffAvailability staff_availability(const Parameters& p, const StaffPosition& position) {
  const auto& wf = p.workforce;
  StaffAvailability out;
  // The budget pays the salaries of the positions held plus the one-off costs of a year's hires.
  const double budget_share = wf.budget_share_of_base_cost;
  const double salary = wf.salary_per_fte_year_euros * position.fte;
  const auto spend_share = [&](double held_share, double temporary_share, double hires_per_year) {
    const double spend = salary * held_share * (1.0 + temporary_share * wf.temporary_premium_share) +
                         (wf.hiring_cost_euros + wf.onboarding_cost_euros) * hires_per_year;
    const double budget = budget_share * salary;
    return budget > 0 ? spend / budget : (spend > 0 ? HUGE_VAL : 0.0);
  };
  out.spend_share_of_budget = spend_share(1.0, 0.0, 0.0);
  if (wf.staff_dynamics == 0) return out;  // constant capacity: held, healthy, experienced

  const Tenure tenure = tenure_sums(p, position.excess_pressure);
  const bool temporary = wf.temporary_staff_allowed != 0;

  // A holder who never leaves, or a position that is never filled again, has no cycle:
  // the long run is the state it ends in.
  if (wf.departure_rate_per_year <= 0) {
    out.sick_share = tenure.settled_sick;
    out.productive_share = 1.0 - tenure.settled_sick * (1.0 - wf.sick_cover_share);
    return out;  // spend: all held, no hires, as at full strength
  }
  if (wf.hiring_allowed == 0) {
    out.vacant_share = temporary ? 0.0 : 1.0;
    out.temporary_share = temporary ? 1.0 : 0.0;
    out.productive_share = temporary ? wf.temporary_productivity : 0.0;
    out.spend_share_of_budget = temporary ? spend_share(1.0, 1.0, 0.0) : 0.0;
    return out;
  }

  // The vacancy: hire at tick J_h (geometric), temporary staff from tick J_t if still vacant.
  const double q = std::exp(-tick_days / std::max(1.0, wf.hiring_days_mean));
  const double temporary_chance = temporary ? std::pow(q, static_cast<double>(ticks_covering(wf.temporary_staff_after_days))) : 0.0;
  const double vacant = (1.0 - temporary_chance) / (1.0 - q);
  const double temporary_ticks = temporary_chance / (1.0 - q);

  const double held = tenure.held + temporary_ticks;
  const double funded = held + vacant;
  const double base_hours_per_day = wf.productive_hours_per_fte_year / days_per_year * position.fte;
  const double mentoring_loss = base_hours_per_day > 0 ? std::min(0.5, wf.mentoring_hours_per_week / tick_days / base_hours_per_day) : 0.0;
  const double mentoring = mentoring_loss * (1.0 - tenure.mentor_sick() * (1.0 - wf.sick_cover_share)) * mentored_ticks(tenure);

  out.departure_rate_per_year = 1.0 / (held * tick_years);
  out.vacant_share = vacant / funded;
  out.temporary_share = temporary_ticks / held;
  out.sick_share = tenure.sick / held;
  out.productive_share = (tenure.speed - mentoring + temporary_ticks * wf.temporary_productivity) / funded;
  out.spend_share_of_budget = spend_share(held / funded, out.temporary_share, 1.0 / (funded * tick_years));
  if (p.feedback.l2_transfers != 0) {
    out.rework_hours_per_year_per_position =
        (1.0 + temporary_chance) * wf.rework_hours_per_child * position.children / (funded * tick_years);
  }
  return out;
}

}  // namespace ketensim::model::analytic
