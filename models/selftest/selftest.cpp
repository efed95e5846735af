// SPDX-License-Identifier: MIT
#include "models/selftest/selftest.h"

#include <functional>
#include <stdexcept>

#include "sim/native_engine.h"
#include "sim/queueing_theory.h"
#include "sim/random.h"

namespace ketensim::model::selftest {
namespace {

namespace theory = sim::theory;

// Exponential service of the given mean (days).
StationSpec fifo(int servers, double mean) { return StationSpec{servers, std::nullopt, false, mean, 1.0}; }

NetworkSpec single_station(StationSpec station, std::vector<CustomerClass> classes, double end_days) {
  NetworkSpec spec;
  spec.stations = {station};
  spec.classes = std::move(classes);
  spec.routing = {{0.0}};
  spec.warmup_days = 1000.0;
  spec.end_days = end_days;
  return spec;
}

// Runs `spec` once per replication; each measure turns a replication into one number.
class Replicated {
 public:
  Replicated(const NetworkSpec& spec, const SelftestOptions& options, std::uint64_t case_index) {
    const EngineFactory make = options.engine ? options.engine : [](const sim::Platform& p, sim::EventHandler& h) {
      return std::unique_ptr<sim::Engine>(std::make_unique<sim::NativeEngine>(p, h));
    };
    NetworkSpec scaled = spec;
    scaled.end_days = spec.warmup_days + (spec.end_days - spec.warmup_days) * options.length_scale;
    // Each configuration has its own seed, so adding a check never changes another's numbers.
    const std::uint64_t seed = sim::StreamKey(options.seed).with(case_index).value();
    for (std::uint32_t r = 0; r < options.replications; ++r) runs_.push_back(run_network(scaled, seed, r, make));
  }

  [[nodiscard]] sim::ConfidenceInterval interval(const std::function<double(const NetworkObservations&)>& measure,
                                                 double confidence) const {
    sim::SufficientStats stats;
    for (const auto& run : runs_) stats.add(measure(run));
    return sim::confidence_interval(stats, confidence);
  }

 private:
  std::vector<NetworkObservations> runs_;
};

CheckResult judged(std::string system, std::string quantity, std::string unit, std::string source, double theory_value,
                   const sim::ConfidenceInterval& simulated) {
  CheckResult r{std::move(system), std::move(quantity), std::move(unit), std::move(source), theory_value, simulated, false};
  r.passed = theory_value >= simulated.low && theory_value <= simulated.high;
  return r;
}

}  // namespace

std::vector<CheckResult> run_selftest(const SelftestOptions& options) {
  if (options.replications < 2) {
    throw std::invalid_argument("selftest: replications(=" + std::to_string(options.replications) +
                                ") must be >= 2 for a confidence interval");
  }
  if (!(options.length_scale > 0.0)) throw std::invalid_argument("selftest: length_scale must be > 0");
  const double level = options.confidence;
  std::vector<CheckResult> results;
  auto wait = [](std::size_t station, std::size_t c) {
    return [=](const NetworkObservations& o) { return o.wait[station][c].mean(); };
  };

  {  // M/M/1, rho = 0.7.
    const Replicated runs(single_station(fifo(1, 1.0), {{0.7, 0, 0}}, 101000.0), options, 1);
    results.push_back(judged("M/M/1", "mean wait in queue", "days", "rho / (mu - lambda)",
                             theory::mmc_mean_wait(0.7, 1.0, 1), runs.interval(wait(0, 0), level)));
  }
  {  // M/M/3, rho = 0.8.
    const Replicated runs(single_station(fifo(3, 1.0), {{2.4, 0, 0}}, 41000.0), options, 2);
    results.push_back(judged("M/M/3", "mean wait in queue", "days", "Erlang C",
                             theory::mmc_mean_wait(2.4, 1.0, 3), runs.interval(wait(0, 0), level)));
  }
  {  // M/M/2/6 at an offered load of 2 erlangs: a tenth of the arrivals are lost.
    StationSpec station = fifo(2, 1.0);
    station.capacity = 6;
    const Replicated runs(single_station(station, {{2.0, 0, 0}}, 26000.0), options, 3);
    results.push_back(judged("M/M/2/6", "blocking probability", "share", "birth-death p_K",
                             theory::mmck_blocking(2, 6, 2.0, 1.0), runs.interval([](const NetworkObservations& o) {
                               return static_cast<double>(o.blocked[0]) / static_cast<double>(o.arrivals[0]);
                             }, level)));
  }
  {  // Two classes, the first served first (non-preemptive), total rho = 0.75.
    const Replicated runs(single_station(fifo(1, 1.0), {{0.3, 0, 0}, {0.45, 0, 1}}, 101000.0), options, 4);
    const auto waits = theory::mm1_priority_mean_waits(0.3, 0.45, 1.0);
    results.push_back(judged("priority M/M/1", "mean wait, priority class", "days", "Cobham", waits.high,
                             runs.interval(wait(0, 0), level)));
    results.push_back(judged("priority M/M/1", "mean wait, other class", "days", "Cobham", waits.low,
                             runs.interval(wait(0, 1), level)));
  }
  {  // One worker sharing its speed over every customer present, rho = 0.7.
    StationSpec station = fifo(1, 1.0);
    station.processor_sharing = true;
    const Replicated runs(single_station(station, {{0.7, 0, 0}}, 101000.0), options, 5);
    results.push_back(judged("M/M/1-PS", "mean time in system", "days", "1 / (mu - lambda)",
                             theory::mm1_ps_mean_sojourn(0.7, 1.0),
                             runs.interval([](const NetworkObservations& o) { return o.sojourn[0].mean(); }, level)));
  }
  {  // Jackson: 0 -> 1 or 2; 2 feeds back to 0 or on to 1; multi-server station 1.
    NetworkSpec spec;
    spec.stations = {fifo(1, 1.0 / 1.5), fifo(2, 1.0 / 0.8), fifo(1, 1.0 / 1.2)};
    spec.classes = {{1.0, 0, 0}};
    spec.routing = {{0.0, 0.5, 0.4}, {0.0, 0.0, 0.0}, {0.35, 0.25, 0.0}};
    spec.warmup_days = 1000.0;
    spec.end_days = 51000.0;
    Eigen::MatrixXd routing(3, 3);
    routing << 0.0, 0.5, 0.4, 0.0, 0.0, 0.0, 0.35, 0.25, 0.0;
    const auto network = theory::jackson_network(routing, Eigen::Vector3d(1.0, 0.0, 0.0),
                                                 Eigen::Vector3d(1.5, 0.8, 1.2), Eigen::Vector3i(1, 2, 1));
    const Replicated runs(spec, options, 6);
    results.push_back(judged("Jackson network", "mean wait at station 1 (with feedback)", "days", "Jackson, Erlang C",
                             network.mean_wait(0), runs.interval(wait(0, 0), level)));
    results.push_back(judged("Jackson network", "mean wait at station 2 (2 servers)", "days", "Jackson, Erlang C",
                             network.mean_wait(1), runs.interval(wait(1, 0), level)));
    results.push_back(judged("Jackson network", "mean time in network", "days", "sum L_i / gamma",
                             network.network_mean_sojourn, runs.interval([](const NetworkObservations& o) {
                               return o.network_sojourn.mean();
                             }, level)));
    results.push_back(judged("Little's law (Jackson network)", "L - lambda W", "customers", "L = lambda W", 0.0,
                             runs.interval([](const NetworkObservations& o) {
                               return o.number_in_network_mean() - o.departures_sojourn_per_day();
                             }, level)));
  }
  return results;
}

}  // namespace ketensim::model::selftest
