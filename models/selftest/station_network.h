// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "sim/engine.h"

namespace ketensim::model::selftest {

/// A station of a small queueing network run on a real engine.
struct StationSpec {
  int servers = 1;
  /// Most customers present (in service plus waiting); an arrival that finds this many is
  /// lost. Empty: no limit.
  std::optional<int> capacity;
  /// One worker shares its speed over every customer present (engine processor sharing);
  /// otherwise each of `servers` workers serves one customer at a time, FIFO within a class.
  bool processor_sharing = false;
  /// Work per visit in days at speed 1 (gamma distributed; cv 1 is exponential).
  double service_days_mean = 1.0;
  double service_cv = 1.0;
};

/// Customers arriving from outside as a Poisson stream.
struct CustomerClass {
  double arrival_rate = 0.0;  ///< per day
  std::size_t station = 0;    ///< where they enter
  int priority = 0;           ///< lower is served first (non-preemptive)
};

/// An open network: stations, external classes and routing[i][j], the probability that a
/// customer leaving station i goes to station j (the rest of the row leaves).
struct NetworkSpec {
  std::vector<StationSpec> stations;
  std::vector<CustomerClass> classes;
  std::vector<std::vector<double>> routing;
  double warmup_days = 0.0;
  double end_days = 0.0;
};

/// What one replication observed between the warm-up and the end: waits at service start,
/// sojourns at departure, blocking at arrival, exits from the network, and the integral of
/// the number in the network over time (Little's law).
struct NetworkObservations {
  struct Tally {
    double sum = 0.0;
    std::uint64_t count = 0;
    void add(double x) { sum += x; ++count; }
    [[nodiscard]] double mean() const;
  };
  std::vector<std::vector<Tally>> wait;  ///< [station][class]
  std::vector<Tally> sojourn;            ///< [station]
  std::vector<std::uint64_t> arrivals, blocked;  ///< [station], every arrival including the lost ones
  Tally network_sojourn;                 ///< from entering the network to leaving it
  double number_in_network_integral = 0.0;
  double observed_days = 0.0;

  /// Time-average number of customers in the network, L.
  [[nodiscard]] double number_in_network_mean() const { return number_in_network_integral / observed_days; }
  /// Sum of the network sojourns of customers who left in the window, per day: the
  /// estimator of lambda W that L must equal at stationarity.
  [[nodiscard]] double departures_sojourn_per_day() const { return network_sojourn.sum / observed_days; }
};

using EngineFactory = std::function<std::unique_ptr<sim::Engine>(const sim::Platform&, sim::EventHandler&)>;

/// Runs replication `replication` of `spec` on an engine from `make_engine`: arrivals and
/// routing by timers (schedule_at), service by work on the platform's workers (start_work),
/// so the engine's clock, event order and processor sharing are what is tested. Every
/// customer draws from its own counter-based stream keyed by (seed, replication, class,
/// sequence), so a correct engine produces the same sample path whatever its event order.
NetworkObservations run_network(const NetworkSpec& spec, std::uint64_t seed, std::uint32_t replication,
                                const EngineFactory& make_engine);

}  // namespace ketensim::model::selftest
