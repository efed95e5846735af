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
  /// Children leaving the waiting list before they are served, per day: abandonment rate x
  /// waiting_mean (withdrawal from a list; a measure ending while its child waits).
  double abandoning_per_day = 0.0;
  /// Mean wait of the children who are served (those who leave first excluded), as the
  /// simulated `wait_days_mean` counts it; = wait_days_mean without abandonment. With
  /// abandonment, FCFS: a child with k ahead waits for k + 1 departures from the list at
  /// rate r_k = c mu + k theta each while it abandons at theta itself, so with R_k = r_k + theta,
  /// P(served | k) = S_k = (r_k / R_k) S_(k-1) and E[W 1(served) | k] = T_k =
  /// (r_k / R_k)(S_(k-1) / R_k + T_(k-1)), S_(-1) = 1, T_(-1) = 0; averaged over the state an
  /// arrival finds (PASTA).
  double served_wait_days_mean = 0.0;
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
///
/// With `abandonment_per_day` theta > 0 each waiting child leaves the list at rate theta
/// (withdrawal): N is then the birth-death chain with death rate min(n, c) mu + (n - K)+ theta,
/// the M/M/c+M chain of Palm's model (Garnett, Mandelbaum & Reiman 2002, "Designing a call
/// center with impatient customers", M&SOM 4(3), eq. 2.1) with the abandonment starting at
/// K instead of c. It has a steady state at any load, so `stable` is true. `utilisation` is
/// then the hours of the children served (arrivals - abandoning_per_day) over the capacity,
/// at most 1 (1 when every worker is always busy), as the simulated KPI (work started over
/// hours available) counts it.
QueueEstimate caseload_pool(double arrivals_per_day, double hours_per_child, int workers,
                            double hours_per_worker_day, int slots_per_worker, double abandonment_per_day = 0.0);

/// `slots` places each held for an exponential time of mean `holding_days`, and children
/// who leave the waiting list at rate `abandonment_per_day` each (Erlang A, M/M/c+M; with
/// no abandonment Erlang C). The birth-death chain is summed numerically, in logarithms so
/// that thousands of slots neither overflow nor lose precision. With abandonment the list
/// stays finite even above capacity; `stable` still says whether the load is below the
/// slots, because above it the list is set by how many give up, not by service.
QueueEstimate held_slots(double arrivals_per_day, double holding_days, int slots, double abandonment_per_day);

}  // namespace ketensim::model::analytic
