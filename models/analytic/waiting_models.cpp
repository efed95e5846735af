// SPDX-License-Identifier: MIT
#include "models/analytic/waiting_models.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/queueing_theory.h"

namespace ketensim::model::analytic {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

QueueEstimate without_arrivals() {
  QueueEstimate q;
  q.wait_days_mean = nan;
  q.served_wait_days_mean = nan;
  return q;
}

QueueEstimate overloaded(double utilisation, double held) {
  QueueEstimate q;
  q.utilisation = utilisation;
  q.stable = false;
  q.held_mean = held;
  q.in_system_mean = infinity;
  q.waiting_mean = infinity;
  q.wait_days_mean = infinity;
  q.wait_probability = 1.0;
  q.served_wait_days_mean = infinity;
  return q;
}

// Stationary distribution of a birth-death chain with birth rate lambda and death rate
// death(n), as logarithms of unnormalised weights from n = 0 until the tail is negligible.
template <class Death>
std::vector<double> birth_death_log_weights(double lambda, Death death, int floor_state) {
  std::vector<double> log_w{0.0};
  constexpr std::size_t most_states = 50'000'000;
  double peak = 0.0;
  for (int n = 1;; ++n) {
    const double next = log_w.back() + std::log(lambda) - std::log(death(n));
    log_w.push_back(next);
    peak = std::max(peak, next);
    // Past the slots, once the weights fall and are 1e-18 of the peak, the rest is nothing.
    if (n > floor_state && next < log_w[log_w.size() - 2] && next < peak - 41.5) break;
    if (log_w.size() > most_states) {
      throw std::runtime_error("held_slots: the waiting list does not settle within " + std::to_string(most_states) +
                               " states (load far above the slots with almost no abandonment)");
    }
  }
  return log_w;
}

// The steady state of a list whose first `slots` children are held and whose children beyond
// leave at `abandonment_per_day` each, from the chain's death rates (held children's service
// plus the waiting children's abandonment).
// `full_service_per_day`: the rate at which held children leave once every slot is taken.
template <class Death>
QueueEstimate with_abandonment(double arrivals_per_day, Death death, int slots, double abandonment_per_day,
                               double full_service_per_day) {
  const std::vector<double> log_w = birth_death_log_weights(arrivals_per_day, death, slots);
  const double top = *std::max_element(log_w.begin(), log_w.end());
  double total = 0.0, held = 0.0, waiting = 0.0, full = 0.0;
  double served = 0.0, served_wait = 0.0;  // sum of P(n) S_(n-K), P(n) T_(n-K)
  double s_ahead = 1.0, t_ahead = 0.0;     // S_(k-1), T_(k-1) for k = n - K
  for (std::size_t n = 0; n < log_w.size(); ++n) {
    const double w = std::exp(log_w[n] - top);
    total += w;
    held += w * std::min<double>(static_cast<double>(n), slots);
    waiting += w * std::max<double>(static_cast<double>(n) - slots, 0.0);
    if (n < static_cast<std::size_t>(slots)) {
      served += w;
      continue;
    }
    full += w;
    const double ahead = static_cast<double>(n - static_cast<std::size_t>(slots));
    const double r = full_service_per_day + ahead * abandonment_per_day;
    const double big_r = r + abandonment_per_day;
    const double s_k = r / big_r * s_ahead;
    const double t_k = r / big_r * (s_ahead / big_r + t_ahead);
    served += w * s_k;
    served_wait += w * t_k;
    s_ahead = s_k;
    t_ahead = t_k;
  }
  QueueEstimate q;
  q.held_mean = held / total;
  q.waiting_mean = waiting / total;
  q.in_system_mean = q.held_mean + q.waiting_mean;
  q.wait_days_mean = q.waiting_mean / arrivals_per_day;
  q.wait_probability = full / total;
  q.abandoning_per_day = abandonment_per_day * q.waiting_mean;
  q.served_wait_days_mean = served > 0.0 ? served_wait / served : nan;
  return q;
}

}  // namespace

QueueEstimate caseload_pool(double arrivals_per_day, double hours_per_child, int workers, double hours_per_worker_day,
                            int slots_per_worker, double abandonment_per_day) {
  if (workers < 1 || slots_per_worker < 1) {
    throw std::invalid_argument("caseload_pool: workers(=" + std::to_string(workers) + ") and slots_per_worker(=" +
                                std::to_string(slots_per_worker) + ") must be >= 1");
  }
  if (!(abandonment_per_day >= 0.0)) {
    throw std::invalid_argument("caseload_pool: abandonment_per_day(=" + std::to_string(abandonment_per_day) + ") must be >= 0");
  }
  if (!(arrivals_per_day > 0.0)) return without_arrivals();
  const double capacity = workers * hours_per_worker_day;
  const double utilisation = capacity > 0.0 ? arrivals_per_day * hours_per_child / capacity : infinity;
  const int slots = workers * slots_per_worker;
  if (abandonment_per_day > 0.0 && capacity > 0.0 && hours_per_child > 0.0) {
    // Withdrawal: the chain min(n, c) mu + (n - K)+ theta, summed numerically.
    const double mu = hours_per_worker_day / hours_per_child;
    const auto death = [&](int n) { return std::min(n, workers) * mu + std::max(n - slots, 0) * abandonment_per_day; };
    QueueEstimate q = with_abandonment(arrivals_per_day, death, slots, abandonment_per_day, workers * mu);
    // Served children leave at E[min(N, c)] mu <= c mu: the hours they take are within the
    // capacity (up to rounding when every worker is always busy). The list is finite.
    q.utilisation = std::min(1.0, (arrivals_per_day - q.abandoning_per_day) * hours_per_child / capacity);
    q.stable = true;
    return q;
  }
  const double mu = hours_per_worker_day / hours_per_child;
  const double a = arrivals_per_day / mu;
  // Both tests: at the edge the two ways of rounding can disagree.
  if (!(utilisation < 1.0) || !(a < workers)) return overloaded(utilisation, slots);
  const double c_wait = sim::theory::erlang_c(workers, a);
  QueueEstimate q;
  q.utilisation = utilisation;
  q.in_system_mean = a + c_wait * utilisation / (1.0 - utilisation);
  q.waiting_mean = c_wait * std::pow(utilisation, slots - workers + 1) / (1.0 - utilisation);
  q.held_mean = q.in_system_mean - q.waiting_mean;
  q.wait_days_mean = q.waiting_mean / arrivals_per_day;
  q.wait_probability = c_wait * std::pow(utilisation, slots - workers);  // P(N >= K)
  q.served_wait_days_mean = q.wait_days_mean;
  return q;
}

QueueEstimate held_slots(double arrivals_per_day, double holding_days, int slots, double abandonment_per_day) {
  if (slots < 0 || !(abandonment_per_day >= 0.0)) {
    throw std::invalid_argument("held_slots: slots(=" + std::to_string(slots) + ") and abandonment_per_day(=" +
                                std::to_string(abandonment_per_day) + ") must be >= 0");
  }
  if (!(arrivals_per_day > 0.0)) return without_arrivals();
  const double offered = arrivals_per_day * holding_days;
  const double utilisation = slots > 0 ? offered / slots : infinity;
  if (abandonment_per_day == 0.0 || slots == 0 || std::isinf(holding_days)) {
    if (!(utilisation < 1.0)) return overloaded(utilisation, slots);
    const double c_wait = sim::theory::erlang_c(slots, offered);
    QueueEstimate q;
    q.utilisation = utilisation;
    q.held_mean = offered;
    q.waiting_mean = c_wait * utilisation / (1.0 - utilisation);
    q.in_system_mean = q.held_mean + q.waiting_mean;
    q.wait_days_mean = q.waiting_mean / arrivals_per_day;
    q.wait_probability = c_wait;
    q.served_wait_days_mean = q.wait_days_mean;
    return q;
  }
  const double mu = 1.0 / holding_days;
  const auto death = [&](int n) { return std::min(n, slots) * mu + std::max(n - slots, 0) * abandonment_per_day; };
  QueueEstimate q = with_abandonment(arrivals_per_day, death, slots, abandonment_per_day, slots * mu);
  q.utilisation = utilisation;
  q.stable = utilisation < 1.0;
  return q;
}

}  // namespace ketensim::model::analytic
