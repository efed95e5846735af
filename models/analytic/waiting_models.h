// SPDX-License-Identifier: MIT
#pragma once

namespace ketensim::model::analytic {

/// Steady state of one queue in the approximations of docs/analytic.md.
struct QueueEstimate {
  double utilisation = 0.0;    ///< offered load over capacity (may exceed 1)
  bool stable = true;          ///< utilisation < 1: the waiting list does not grow without bound
  double in_system_mean = 0.0; ///< children held (in service) plus waiting, mean
  double held_mean = 0.0;      ///< children held by a worker or a place, mean
  double waiting_mean = 0.0;   ///< children on the waiting list, mean (+inf when unstable)
  double wait_days_mean = 0.0; ///< waiting_mean / arrival rate (Little's law); NaN without arrivals
  /// Share of arrivals that find every slot taken and wait at all (by PASTA, the stationary
  /// probability of that state). Waits are exponential given that they happen in these
  /// models, with mean wait_days_mean / wait_probability: the escalation loop needs both.
  double wait_probability = 0.0;
};

/// A caseload pool of `workers` positions of `hours_per_worker_day` each, sharing their hours
/// over their open cases (processor sharing), each taking cases up to `slots_per_worker`
/// children. Children arrive at `arrivals_per_day` and bring `hours_per_child` of work.
///
/// Approximation (exact for single-child families, exponential work and balanced workers):
/// with exponential work a worker who has any case finishes children at rate
/// mu = hours_per_worker_day / hours_per_child whatever the number it shares its hours over,
/// so the number N of children in the pool is the number in an M/M/c queue with
/// c = workers. Children are taken up to K = workers x slots_per_worker and the rest wait:
/// waiting = E[(N - K)+] = C(c, a) rho^(K - c + 1) / (1 - rho), Erlang C with a = lambda / mu.
/// K = c is M/M/c; c = 1 is M/M/1 processor sharing whose overflow beyond K waits.
QueueEstimate caseload_pool(double arrivals_per_day, double hours_per_child, int workers,
                            double hours_per_worker_day, int slots_per_worker);

/// `slots` places each held for an exponential time of mean `holding_days`, and children
/// who leave the waiting list at rate `abandonment_per_day` each (Erlang A, M/M/c+M; with
/// no abandonment Erlang C). The birth-death chain is summed numerically, in logarithms so
/// that thousands of slots neither overflow nor lose precision. With abandonment the list
/// stays finite even above capacity; `stable` still says whether the load is below the
/// slots, because above it the list is set by how many give up, not by service.
QueueEstimate held_slots(double arrivals_per_day, double holding_days, int slots, double abandonment_per_day);

}  // namespace ketensim::model::analytic
