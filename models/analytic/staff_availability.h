// SPDX-License-Identifier: MIT
#pragma once
#include "models/parameters.h"

namespace ketensim::model::analytic {

/// Long-run shares of a staff pool's positions and hours under the workforce model
/// (docs/workforce.md, models/chain_workforce.cpp), given the caseload pressure its workers
/// carry. Each share is defined as the simulation's KPI of the same name
/// (models/chain_result.cpp), so that the two can be compared directly.
struct StaffAvailability {
  /// Leavers per person-year held, temporary staff included in the years (the
  /// `turnover_rate_per_year` KPI).
  double departure_rate_per_year = 0;
  /// Share of funded position-years without a holder (`vacancy_share`).
  double vacant_share = 0;
  /// Share of held position-years held by temporary staff (`temporary_share`).
  double temporary_share = 0;
  /// Share of held position-years whose holder is off sick (`sick_share`: temporary staff
  /// are never sick but count in the years).
  double sick_share = 0;
  /// Hours delivered over the hours of the funded positions at full strength (the staff
  /// series' productive_fte / funded_fte): vacancies deliver nothing, temporary staff their
  /// productivity, a sick worker the cover share, a new hire the ramp-up, and a mentor loses
  /// the mentoring hours.
  double productive_share = 1;
  /// Hours a year per funded position that successors redo on the cases they take over
  /// (loop L2); 0 with `feedback.l2_transfers` off. This is extra work, not lost capacity.
  double rework_hours_per_year_per_position = 0;
  /// Mean spend of a year over the pool's budget (loop L3): salaries of the positions held,
  /// the temporary premium and the one-off costs of the hires. The shares above assume the
  /// budget never binds; near 1 it binds part of the time (more so in small pools, whose
  /// spend fluctuates more), holding back hires and temporary staff.
  double spend_share_of_budget = 0;
};

/// What the analytic model knows of one pool's positions.
struct StaffPosition {
  /// Mean excess of the holders' pressure over the norm, E[max(0, caseload / norm - 1)]:
  /// hazards are linear in that excess and in nothing else of the pressure, so this is all
  /// they need. With equal caseloads it is max(0, pressure - 1) (`excess_at_mean`); a spread
  /// of caseloads raises it above that, since the hazards are convex in the pressure.
  double excess_pressure = 0;
  /// Children a successor takes over when the position is filled again (about the mean
  /// caseload of a held position): the base of the L2 rework.
  double children = 0;
  /// FTE of one position (fte / round(fte) of the pool): mentoring hours are taken from a
  /// position's hours.
  double fte = 1;
};

/// The excess pressure of a pool whose holders all carry the mean pressure `pressure`.
inline double excess_at_mean(double pressure) { return pressure > 1.0 ? pressure - 1.0 : 0.0; }

/// The steady state of one position's life cycle, a renewal process on the weekly tick:
/// a permanent holder serves N ticks, then the position is vacant, possibly temporarily
/// filled, until the permanent hire starts, and the cycle repeats. Every share is a ratio of
/// expected tick counts per cycle (renewal-reward), so the tenure distribution the shares
/// weight by is the stationary one of a holder whose hazard depends on tenure.
///
/// Time is counted in ticks (Δ = 7 days, δ = 7/365 years) because the simulation changes and
/// counts states only at ticks; a holder started at tick 0 is first checked at tenure 7j, j = 1.
///
/// Permanent holder, at tick j (tenure 7j days):
///   pressure  a new holder starts at 1 and is smoothed towards their caseload ratio r each
///             tick: π_j = r + (1 - r)(1 - a)^j, a = min(1, 7 / pressure_smoothing_days), so
///             max(0, π_j - 1) = max(0, r - 1)(1 - (1 - a)^j), and over the holders
///             over_j = ε (1 - (1 - a)^j), ε the excess pressure (0 with l1_turnover off).
///   departure h_j = departure_rate (1 + departure_elasticity over_j)
///                   (1 + new_staff_extra exp(-7j / new_staff_tenure_days)),
///             survival S_0 = 1, S_j = S_{j-1} exp(-h_j δ); N = Σ_j S_j ticks held.
///   sickness  a two-state chain: the sick recover at each tick with ρ = 1 - exp(-7 / sick_days)
///             (a ceiled exponential is geometric in ticks), the well fall sick with
///             σ_j = 1 - exp(-sick_rate (1 + sick_elasticity over_j) δ), but not in the tick
///             they recover: m_0 = 0, m_j = m_{j-1}(1 - ρ) + (1 - m_{j-1}) σ_j.
///   speed     ramp_j (1 - m_j (1 - sick_cover)), ramp_j = p0 + (1 - p0) 30 floor(7j / 30) / R
///             below R = ramp_up_days, else 1.
///   mentoring the hire's mentor (an experienced colleague) loses min(1/2, m / 7 / base) of
///             their speed, m = mentoring_hours_per_week and base the position's hours a
///             day, at ticks j < ceil(R / 7) while both serve; the mentor leaves with the
///             mean hazard of experienced holders and is sick with their mean sick share.
///   Beyond every transient (tenure, pressure, sickness, ramp-up) the sums end in their
///   geometric tail at the constant hazard.
///
/// Vacancy (from the departure tick): the hire is found after E ~ Exp(hiring_days) and starts
/// at tick J_h = ceil(E / 7), so P(J_h > j) = q^j with q = exp(-7 / hiring_days) and
/// E[J_h] = 1 / (1 - q). Temporary staff start at tick J_t = ceil(temporary_after / 7) if
/// the hire has not (the hire goes first in the same tick): vacant ticks
/// E[min(J_h, J_t)] = (1 - q^J_t) / (1 - q), temporary ticks q^J_t / (1 - q). Without
/// temporary staff all E[J_h] ticks are vacant.
///
/// Shares per cycle (V vacant, T temporary, K sick ticks; N + T held, N + V + T funded):
///   departure_rate = 1 / ((N + T) δ), vacant = V / (N + V + T), temporary = T / (N + T),
///   sick = K / (N + T), productive = (Σ_j S_j speed_j - mentoring + T p_temp) / (N + V + T),
///   rework = (1 + q^J_t) rework_hours_per_child children / ((N + V + T) δ): the permanent
///   hire, and the temporary staff before it, each redo the cases;
///   spend = ((N + T (1 + premium)) / (N + V + T) + (hiring + onboarding cost) / (salary fte)
///   / ((N + V + T) δ)) / budget_share_of_base_cost, one hire per cycle.
///
/// Assumptions: the budget (L3) does not bind (`spend_share_of_budget` says how close it
/// is); every hire finds an experienced mentor (true unless a pool has a handful of
/// positions) and no mentor has so many mentees that the cap of half their hours binds; a
/// position's caseload ratio does not depend on its holder's tenure or sickness (a sick
/// worker takes no new family, so theirs falls a little). With hiring frozen a position ends
/// vacant or, if allowed, held by temporary staff for good, and that long run is returned;
/// with no departures it stays held by an experienced worker. With staff dynamics off every
/// position is held at full strength.
StaffAvailability staff_availability(const Parameters& p, const StaffPosition& position);

}  // namespace ketensim::model::analytic
