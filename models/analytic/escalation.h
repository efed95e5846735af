// SPDX-License-Identifier: MIT
#pragma once

namespace ketensim::model::analytic {

/// Loop L4 in steady state: how many of the children who join a waiting list escalate
/// there (docs/analytic.md, "Feedback loops").
///
/// The model draws, for every normal family that has to wait, a time to escalation from a
/// hazard that grows with the time waited, a t, so P(escalated by t) = 1 - exp(-a t^2 / 2),
/// and the family escalates if it is still waiting then (models/chain_escalation.cpp).

/// The slope a (per day^2) that puts `share_within_90_days` of the escalations within 90 days.
double escalation_hazard_slope(double share_within_90_days);

/// Share of the arrivals at a waiting list that escalate there, when a share
/// `wait_probability` of them waits and the waits of those who wait are exponential (as in
/// the M/M/c and Erlang A estimates) with mean wait_days_mean / wait_probability:
///
///     pi (1 - E[exp(-a T^2 / 2)]) = pi (1 - sqrt(pi) x erfcx(x)),  x = 1 / (d sqrt(2 a))
///
/// with pi the wait probability, d the mean wait of those who wait and erfcx the scaled
/// complementary error function. An infinite wait (an unstable list) escalates everyone who
/// waits. Urgent children never escalate: pass the wait probability of normal children.
double share_escalating(double slope_per_day2, double wait_probability, double wait_days_mean);

/// P(T + W > t): a request that takes an exponential delay T (mean `request_days`) and then
/// waits W (0 with probability 1 - wait_probability, else exponential with mean
/// wait_days_mean / wait_probability) has not been served by time t. Loop L5: care still
/// pending at a measure's first review.
double still_pending(double request_days, double wait_probability, double wait_days_mean, double t);

}  // namespace ketensim::model::analytic
