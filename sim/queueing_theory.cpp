// SPDX-License-Identifier: MIT
#include "sim/queueing_theory.h"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ketensim::sim::theory {

namespace {

std::string format(double x) {
  std::ostringstream out;
  out.precision(12);
  out << x;
  return out.str();
}

[[noreturn]] void fail(const char* function, const std::string& what) {
  throw std::invalid_argument(std::string(function) + ": " + what);
}

void require_servers(const char* function, int servers) {
  if (servers < 1) fail(function, "servers(=" + std::to_string(servers) + ") must be >= 1");
}

/// Rates and loads must be finite: an infinite rate is a modelling mistake, not a limit.
void require_non_negative(const char* function, const char* name, double value) {
  if (!(value >= 0.0) || std::isinf(value)) {
    fail(function, std::string(name) + "(=" + format(value) + ") must be finite and >= 0");
  }
}

void require_positive(const char* function, const char* name, double value) {
  if (!(value > 0.0) || std::isinf(value)) {
    fail(function, std::string(name) + "(=" + format(value) + ") must be finite and > 0");
  }
}

/// Validates an M/M/c queue and returns its utilisation per server.
double mmc_utilisation(const char* function, double arrival_rate, double service_rate, int servers) {
  require_non_negative(function, "arrival_rate", arrival_rate);
  require_positive(function, "service_rate", service_rate);
  require_servers(function, servers);
  const double rho = arrival_rate / (servers * service_rate);
  if (!(rho < 1.0)) {
    fail(function, "utilisation(=" + format(rho) + ") must be < 1 for a stable queue (arrival_rate=" +
                       format(arrival_rate) + ", service_rate=" + format(service_rate) +
                       ", servers=" + std::to_string(servers) + ")");
  }
  return rho;
}

/// Erlang C without validation, for callers that have already validated.
double erlang_c_unchecked(int servers, double offered_load) {
  const double b = erlang_b(servers, offered_load);
  return servers * b / (servers - offered_load * (1.0 - b));
}

}  // namespace

double erlang_b(int servers, double offered_load) {
  require_servers("erlang_b", servers);
  require_non_negative("erlang_b", "offered_load", offered_load);
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = offered_load * b / (k + offered_load * b);
  return b;
}

double erlang_c(int servers, double offered_load) {
  require_servers("erlang_c", servers);
  require_non_negative("erlang_c", "offered_load", offered_load);
  if (!(offered_load < servers)) {
    fail("erlang_c", "offered_load(=" + format(offered_load) + ") must be < servers(=" +
                         std::to_string(servers) + ") for a stable queue");
  }
  return erlang_c_unchecked(servers, offered_load);
}

double mmc_mean_wait(double arrival_rate, double service_rate, int servers) {
  mmc_utilisation("mmc_mean_wait", arrival_rate, service_rate, servers);
  return erlang_c_unchecked(servers, arrival_rate / service_rate) / (servers * service_rate - arrival_rate);
}

double mmc_mean_queue_length(double arrival_rate, double service_rate, int servers) {
  mmc_utilisation("mmc_mean_queue_length", arrival_rate, service_rate, servers);
  return arrival_rate * mmc_mean_wait(arrival_rate, service_rate, servers);
}

double mmc_mean_sojourn(double arrival_rate, double service_rate, int servers) {
  mmc_utilisation("mmc_mean_sojourn", arrival_rate, service_rate, servers);
  return mmc_mean_wait(arrival_rate, service_rate, servers) + 1.0 / service_rate;
}

double mm1_ps_mean_sojourn(double arrival_rate, double service_rate) {
  mmc_utilisation("mm1_ps_mean_sojourn", arrival_rate, service_rate, 1);
  return 1.0 / (service_rate - arrival_rate);
}

PriorityWaits mm1_priority_mean_waits(double arrival_rate_high, double arrival_rate_low,
                                      double service_rate) {
  constexpr const char* kName = "mm1_priority_mean_waits";
  require_non_negative(kName, "arrival_rate_high", arrival_rate_high);
  require_non_negative(kName, "arrival_rate_low", arrival_rate_low);
  require_positive(kName, "service_rate", service_rate);
  const double rho_high = arrival_rate_high / service_rate;
  const double rho = (arrival_rate_high + arrival_rate_low) / service_rate;
  if (!(rho < 1.0)) {
    fail(kName, "utilisation(=" + format(rho) + ") must be < 1 for a stable queue (arrival_rate_high=" +
                    format(arrival_rate_high) + ", arrival_rate_low=" + format(arrival_rate_low) +
                    ", service_rate=" + format(service_rate) + ")");
  }
  // Mean remaining work of the customer in service seen by an arrival: sum_i lambda_i E[S^2] / 2
  // with E[S^2] = 2 / mu^2 for exponential service.
  const double residual = rho / service_rate;
  return PriorityWaits{residual / (1.0 - rho_high), residual / ((1.0 - rho_high) * (1.0 - rho))};
}

double mmck_blocking(int servers, int capacity, double arrival_rate, double service_rate) {
  constexpr const char* kName = "mmck_blocking";
  require_servers(kName, servers);
  if (capacity < servers) {
    fail(kName, "capacity(=" + std::to_string(capacity) + ") must be >= servers(=" +
                    std::to_string(servers) + ")");
  }
  require_non_negative(kName, "arrival_rate", arrival_rate);
  require_positive(kName, "service_rate", service_rate);
  if (arrival_rate == 0.0) return 0.0;

  // log of the unnormalised p_n: log t_n = sum_{k=1..n} log(a / min(k, c)). Normalise with
  // log-sum-exp around the largest term so no term overflows or all underflow.
  const double log_load = std::log(arrival_rate / service_rate);
  double log_term = 0.0;
  double log_max = 0.0;
  for (int n = 1; n <= capacity; ++n) {
    log_term += log_load - std::log(static_cast<double>(std::min(n, servers)));
    log_max = std::max(log_max, log_term);
  }
  const double log_last = log_term;
  double scaled_sum = std::exp(0.0 - log_max);
  log_term = 0.0;
  for (int n = 1; n <= capacity; ++n) {
    log_term += log_load - std::log(static_cast<double>(std::min(n, servers)));
    scaled_sum += std::exp(log_term - log_max);
  }
  return std::exp(log_last - log_max) / scaled_sum;
}

JacksonNetworkResult jackson_network(const Eigen::MatrixXd& routing,
                                     const Eigen::VectorXd& external_arrival_rate,
                                     const Eigen::VectorXd& service_rate,
                                     const Eigen::VectorXi& servers) {
  constexpr const char* kName = "jackson_network";
  const Eigen::Index n = routing.rows();
  if (n < 1 || routing.cols() != n) {
    fail(kName, "routing must be a non-empty square matrix, got " + std::to_string(routing.rows()) +
                    " x " + std::to_string(routing.cols()));
  }
  const auto require_size = [&](const char* name, Eigen::Index size) {
    if (size != n) {
      fail(kName, std::string(name) + " has " + std::to_string(size) + " entries, routing has " +
                      std::to_string(n) + " nodes");
    }
  };
  require_size("external_arrival_rate", external_arrival_rate.size());
  require_size("service_rate", service_rate.size());
  require_size("servers", servers.size());

  // A row may sum to 1 up to rounding of its probabilities (e.g. three times 1/3).
  constexpr double kRowTolerance = 1e-12;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const double p = routing(i, j);
      if (!(p >= 0.0 && p <= 1.0)) {
        fail(kName, "routing(" + std::to_string(i) + ", " + std::to_string(j) + ")(=" + format(p) +
                        ") must be in [0, 1]");
      }
    }
    const double row_sum = routing.row(i).sum();
    if (row_sum > 1.0 + kRowTolerance) {
      fail(kName, "routing row " + std::to_string(i) + " sums to " + format(row_sum) +
                      ": the probabilities of leaving node " + std::to_string(i) + " must sum to <= 1");
    }
    const std::string node = "[" + std::to_string(i) + "]";
    require_non_negative(kName, ("external_arrival_rate" + node).c_str(), external_arrival_rate(i));
    require_positive(kName, ("service_rate" + node).c_str(), service_rate(i));
    if (servers(i) < 1) {
      fail(kName, "servers" + node + "(=" + std::to_string(servers(i)) + ") must be >= 1");
    }
  }
  const double total_external = external_arrival_rate.sum();
  if (!(total_external > 0.0)) {
    fail(kName, "external_arrival_rate must have a positive entry: with no arrivals the network "
                "sojourn is undefined");
  }

  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(system);
  if (!lu.isInvertible()) {
    fail(kName, "the network is not open: I - routing^T is singular, so some nodes route only "
                "among themselves and a customer there never leaves");
  }

  JacksonNetworkResult result;
  // With P substochastic and gamma >= 0 the exact solution is non-negative (it is the sum of
  // gamma^T P^k); clamping only removes rounding noise around zero.
  result.arrival_rate = lu.solve(external_arrival_rate).cwiseMax(0.0);
  result.utilisation = result.arrival_rate.cwiseQuotient(service_rate.cwiseProduct(servers.cast<double>()));

  std::string unstable;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(result.utilisation(i) < 1.0)) {
      unstable += (unstable.empty() ? "" : "; ") + std::string("node ") + std::to_string(i) +
                  " has utilisation(=" + format(result.utilisation(i)) + ") >= 1 (arrival_rate=" +
                  format(result.arrival_rate(i)) + ", service_rate=" + format(service_rate(i)) +
                  ", servers=" + std::to_string(servers(i)) + ")";
    }
  }
  if (!unstable.empty()) fail(kName, "unstable: " + unstable);

  result.mean_wait.resize(n);
  result.mean_sojourn.resize(n);
  result.mean_in_system.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    result.mean_wait(i) = mmc_mean_wait(result.arrival_rate(i), service_rate(i), servers(i));
    result.mean_sojourn(i) = result.mean_wait(i) + 1.0 / service_rate(i);
    result.mean_in_system(i) = result.arrival_rate(i) * result.mean_sojourn(i);
  }
  result.network_mean_sojourn = result.mean_in_system.sum() / total_external;
  return result;
}

}  // namespace ketensim::sim::theory
