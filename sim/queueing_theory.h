// SPDX-License-Identifier: MIT
#pragma once
#include <Eigen/Dense>

/// Closed-form results of queueing theory that the simulator is validated against.
///
/// These are the oracles of the validation tests: a simulated M/M/c stage, a priority queue
/// or a network of stages must reproduce them within sampling error. They are kept apart
/// from the engines so that nothing here can share a bug with what it checks.
///
/// Rates are per unit of time (any unit, used consistently: the simulator uses days), so
/// waits and sojourns come out in that unit. Every function validates its arguments and
/// throws std::invalid_argument naming the function, the argument and its value, e.g.
/// `erlang_c: servers(=0) must be >= 1`; a system that is not stable is an error, not an
/// infinite mean.
///
/// Notation: lambda = arrival rate, mu = service rate per server, c = number of servers,
/// a = lambda / mu = offered load (erlangs), rho = a / c = utilisation per server.
/// References:
///   [GH]  Gross, Shortle, Thompson & Harris, Fundamentals of Queueing Theory, 4th ed., 2008.
///   [K2]  Kleinrock, Queueing Systems, Vol. 2: Computer Applications, 1976.
///   [J63] Jackson, "Jobshop-like queueing systems", Management Science 10(1), 1963.
namespace ketensim::sim::theory {

/// Erlang B: the probability that an arrival finds all c servers busy and is lost in an
/// M/M/c/c loss system with offered load a.
///
/// B(c, a) = (a^c / c!) / sum_{k=0..c} a^k / k!, computed by the recursion
/// B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which never forms a^c or c! and so neither
/// overflows nor loses precision for large c [GH, ch. 2]. Any a >= 0 is allowed: a loss
/// system is stable at every load.
double erlang_b(int servers, double offered_load);

/// Erlang C: the probability that an arrival has to wait in an M/M/c queue with offered
/// load a < c.
///
/// C(c, a) = c B(c, a) / (c - a (1 - B(c, a))) [GH, ch. 2]; for c = 1 it is rho.
double erlang_c(int servers, double offered_load);

/// Mean wait in the queue (before service starts), Wq, of an M/M/c FIFO queue:
/// Wq = C(c, lambda/mu) / (c mu - lambda) [GH, ch. 2]. For c = 1: rho / (mu - lambda).
double mmc_mean_wait(double arrival_rate, double service_rate, int servers);

/// Mean number waiting (not in service) in an M/M/c queue, by Little's law: Lq = lambda Wq.
double mmc_mean_queue_length(double arrival_rate, double service_rate, int servers);

/// Mean time in an M/M/c system, waiting plus service: W = Wq + 1 / mu.
double mmc_mean_sojourn(double arrival_rate, double service_rate, int servers);

/// Mean sojourn of an M/M/1 processor-sharing queue: 1 / (mu - lambda) [K2, ch. 4].
/// Equal to the FIFO value although the sojourn distributions differ; under PS a job's
/// expected sojourn is proportional to its own size, x / (1 - rho).
double mm1_ps_mean_sojourn(double arrival_rate, double service_rate);

/// Mean waits in queue of the two classes of a non-preemptive priority M/M/1 queue.
struct PriorityWaits {
  double high;  ///< Wq of the priority class.
  double low;   ///< Wq of the other class.
};

/// Two-class non-preemptive priority M/M/1 queue, both classes served at rate mu, FIFO
/// within a class (Cobham 1954; [K2, ch. 3]). With rho_h = lambda_h / mu,
/// rho = (lambda_h + lambda_l) / mu and W0 = rho / mu the mean residual work in service:
///   W_high = W0 / (1 - rho_h),   W_low = W0 / ((1 - rho_h)(1 - rho)).
/// Requires rho < 1. The arrival-weighted mean of the two equals the FIFO M/M/1 wait
/// rho / (mu - lambda) (Kleinrock's conservation law), which the tests check.
PriorityWaits mm1_priority_mean_waits(double arrival_rate_high, double arrival_rate_low,
                                      double service_rate);

/// Blocking probability of an M/M/c/K queue, with K >= c the most customers that can be
/// in the system (in service plus waiting); an arrival that finds K present is lost.
///
/// p_n is proportional to a^n / n! for n <= c and to a^c / c! (a/c)^(n-c) for c < n <= K;
/// the blocking probability is p_K [GH, ch. 2]. Evaluated in logarithms, so large K and
/// loads above c (stable here, because the buffer is finite) neither overflow nor
/// underflow. K = c gives Erlang B; c = 1 gives (1 - rho) rho^K / (1 - rho^(K+1)).
double mmck_blocking(int servers, int capacity, double arrival_rate, double service_rate);

/// The steady state of an open Jackson network, per node and for the whole network.
/// Node quantities are per visit; a customer may visit a node several times.
struct JacksonNetworkResult {
  Eigen::VectorXd arrival_rate;    ///< lambda_i: total flow into node i, from the traffic equations.
  Eigen::VectorXd utilisation;     ///< rho_i = lambda_i / (c_i mu_i).
  Eigen::VectorXd mean_wait;       ///< Wq_i of an M/M/c_i queue with arrival rate lambda_i.
  Eigen::VectorXd mean_sojourn;    ///< W_i = Wq_i + 1 / mu_i.
  Eigen::VectorXd mean_in_system;  ///< L_i = lambda_i W_i (Little's law).
  /// Mean total time in the network of one external arrival, over all its visits:
  /// sum_i L_i / sum_i gamma_i (Little's law applied to the whole network).
  double network_mean_sojourn = 0.0;
};

/// Solves an open Jackson network [J63; GH, ch. 4] whose node i has c_i exponential
/// servers of rate mu_i, receives Poisson external arrivals at rate gamma_i, and sends a
/// finished customer to node j with probability P(i, j) (leaving with 1 - sum_j P(i, j)).
///
/// The traffic equations lambda = gamma + P^T lambda are solved as (I - P^T) lambda = gamma
/// with a full-pivoting LU; by Jackson's theorem each node then behaves as an independent
/// M/M/c_i queue with arrival rate lambda_i.
///
/// Throws std::invalid_argument when the sizes disagree, an entry of P is outside [0, 1],
/// a row of P sums to more than 1, gamma is negative or all zero, a rate is not positive,
/// c_i < 1, the network is not open (I - P^T singular: some nodes route among themselves
/// and nothing ever leaves), or any node is unstable (rho_i >= 1); the last names every
/// unstable node with its utilisation.
JacksonNetworkResult jackson_network(const Eigen::MatrixXd& routing,
                                     const Eigen::VectorXd& external_arrival_rate,
                                     const Eigen::VectorXd& service_rate,
                                     const Eigen::VectorXi& servers);

}  // namespace ketensim::sim::theory
