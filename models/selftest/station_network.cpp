// SPDX-License-Identifier: MIT
#include "models/selftest/station_network.h"

#include <limits>
#include <queue>
#include <stdexcept>
#include <string>

#include "sim/random.h"

namespace ketensim::model::selftest {

double NetworkObservations::Tally::mean() const {
  return count > 0 ? sum / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN();
}

namespace {

enum class Kind : std::uint32_t { arrival, service_done };

struct Customer {
  std::size_t customer_class = 0;
  std::uint64_t stream_key = 0;
  std::uint64_t draws = 0;
  std::size_t station = 0;
  double arrived_at_station = 0.0;
  double entered_network = 0.0;
  sim::WorkerId worker = 0;
};

// A waiting customer: served by priority, then in order of arrival at the station.
struct Waiting {
  int priority;
  std::uint64_t sequence;
  std::size_t customer;
  bool operator>(const Waiting& other) const {
    return priority != other.priority ? priority > other.priority : sequence > other.sequence;
  }
};

struct Station {
  StationSpec spec;
  std::vector<sim::WorkerId> workers;
  std::vector<bool> busy;
  std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> queue;
  int present = 0;
};

class Network final : public sim::EventHandler {
 public:
  Network(const NetworkSpec& spec, std::uint64_t seed, std::uint32_t replication)
      : spec_(spec), key_(sim::StreamKey(seed).with(replication)) {
    platform_.add_root("selftest");
    for (const StationSpec& s : spec.stations) {
      Station station{s, {}, {}, {}, 0};
      const int workers = s.processor_sharing ? 1 : s.servers;
      for (int i = 0; i < workers; ++i) station.workers.push_back(platform_.add_worker("server", 0, 1.0));
      station.busy.assign(station.workers.size(), false);
      stations_.push_back(std::move(station));
    }
    for (std::size_t c = 0; c < spec.classes.size(); ++c) {
      arrival_streams_.emplace_back(key_.with("arrivals").with(c));
      sequence_.push_back(0);
    }
    const std::size_t n = spec.stations.size();
    seen_.wait.assign(n, std::vector<NetworkObservations::Tally>(spec.classes.size()));
    seen_.sojourn.assign(n, {});
    seen_.arrivals.assign(n, 0);
    seen_.blocked.assign(n, 0);
    seen_.observed_days = spec.end_days - spec.warmup_days;
  }

  [[nodiscard]] const sim::Platform& platform() const { return platform_; }

  void attach(sim::Engine& engine) {
    engine_ = &engine;
    for (std::size_t c = 0; c < spec_.classes.size(); ++c) schedule_arrival(c);
  }

  void handle(const sim::Event& event) override {
    switch (static_cast<Kind>(event.kind)) {
      case Kind::arrival: arrive(static_cast<std::size_t>(event.subject)); break;
      case Kind::service_done: finish(static_cast<std::size_t>(event.subject)); break;
    }
  }

  NetworkObservations finish_run() {
    advance(spec_.end_days);
    return std::move(seen_);
  }

 private:
  [[nodiscard]] double now() const { return engine_->now(); }
  [[nodiscard]] bool observed() const { return now() >= spec_.warmup_days; }

  template <class Draw>
  double draw(Customer& c, Draw&& use) {
    sim::RandomStream stream(sim::StreamKey::from_value(c.stream_key), c.draws);
    const double value = use(stream);
    c.draws = stream.draws();
    return value;
  }

  void schedule_arrival(std::size_t c) {
    const double rate = spec_.classes[c].arrival_rate;
    if (rate <= 0.0) return;
    const double date = now() + arrival_streams_[c].exponential(1.0 / rate);
    if (date <= spec_.end_days) engine_->schedule_at(date, sim::Event{static_cast<std::uint32_t>(Kind::arrival), c, 0, 0});
  }

  // The integral of the number in the network over the observed window, brought up to `t`.
  void advance(double t) {
    const double from = std::max(last_change_, spec_.warmup_days);
    if (t > from) seen_.number_in_network_integral += static_cast<double>(in_network_) * (t - from);
    last_change_ = t;
  }

  void arrive(std::size_t c) {
    schedule_arrival(c);
    std::size_t id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
    } else {
      id = customers_.size();
      customers_.emplace_back();
    }
    Customer& customer = customers_[id];
    customer = Customer{};
    customer.customer_class = c;
    customer.stream_key = key_.with("customer").with(c).with(sequence_[c]++).value();
    customer.entered_network = now();
    advance(now());
    ++in_network_;
    enter(id, spec_.classes[c].station);
  }

  void enter(std::size_t id, std::size_t s) {
    Customer& customer = customers_[id];
    Station& station = stations_[s];
    customer.station = s;
    customer.arrived_at_station = now();
    if (observed()) ++seen_.arrivals[s];
    if (station.spec.capacity && station.present >= *station.spec.capacity) {
      if (observed()) ++seen_.blocked[s];
      leave_network(id);
      return;
    }
    ++station.present;
    if (station.spec.processor_sharing) {
      start(id, 0);
      return;
    }
    for (std::size_t w = 0; w < station.workers.size(); ++w) {
      if (!station.busy[w]) {
        start(id, w);
        return;
      }
    }
    station.queue.push(Waiting{spec_.classes[customer.customer_class].priority, next_sequence_++, id});
  }

  void start(std::size_t id, std::size_t w) {
    Customer& customer = customers_[id];
    Station& station = stations_[customer.station];
    station.busy[w] = true;
    customer.worker = station.workers[w];
    if (observed()) seen_.wait[customer.station][customer.customer_class].add(now() - customer.arrived_at_station);
    const StationSpec& spec = station.spec;
    const double work = draw(customer, [&](sim::RandomStream& r) { return r.gamma(spec.service_days_mean, spec.service_cv); });
    engine_->start_work(customer.worker, work, 1.0,
                        sim::Event{static_cast<std::uint32_t>(Kind::service_done), id, customer.station, 0});
  }

  void finish(std::size_t id) {
    Customer& customer = customers_[id];
    const std::size_t s = customer.station;
    Station& station = stations_[s];
    --station.present;
    if (observed()) seen_.sojourn[s].add(now() - customer.arrived_at_station);
    if (!station.spec.processor_sharing) {
      const std::size_t w = customer.worker - station.workers.front();
      station.busy[w] = false;
      if (!station.queue.empty()) {
        const std::size_t next = station.queue.top().customer;
        station.queue.pop();
        start(next, w);
      }
    }
    // Markov routing: a fresh draw at every departure, whatever the customer did before.
    const double u = draw(customer, [](sim::RandomStream& r) { return r.uniform(); });
    double cumulative = 0.0;
    for (std::size_t to = 0; to < spec_.routing[s].size(); ++to) {
      cumulative += spec_.routing[s][to];
      if (u < cumulative) {
        enter(id, to);
        return;
      }
    }
    leave_network(id);
  }

  void leave_network(std::size_t id) {
    if (observed()) seen_.network_sojourn.add(now() - customers_[id].entered_network);
    advance(now());
    --in_network_;
    free_.push_back(id);
  }

  const NetworkSpec& spec_;
  sim::StreamKey key_;
  sim::Platform platform_;
  sim::Engine* engine_ = nullptr;
  std::vector<Station> stations_;
  std::vector<sim::RandomStream> arrival_streams_;
  std::vector<std::uint64_t> sequence_;
  std::vector<Customer> customers_;
  std::vector<std::size_t> free_;
  std::uint64_t next_sequence_ = 0;
  std::int64_t in_network_ = 0;
  double last_change_ = 0.0;
  NetworkObservations seen_;
};

void check(const NetworkSpec& spec) {
  const std::size_t n = spec.stations.size();
  auto fail = [](const std::string& what) { throw std::invalid_argument("selftest network: " + what); };
  if (spec.routing.size() != n) fail("routing has " + std::to_string(spec.routing.size()) + " rows, expected one per station (" + std::to_string(n) + ")");
  for (std::size_t i = 0; i < n; ++i) {
    if (spec.routing[i].size() != n) fail("routing row " + std::to_string(i) + " has " + std::to_string(spec.routing[i].size()) + " entries, expected " + std::to_string(n));
    if (spec.stations[i].servers < 1) fail("station " + std::to_string(i) + ": servers must be >= 1");
    if (spec.stations[i].processor_sharing && spec.stations[i].servers != 1) fail("station " + std::to_string(i) + ": processor sharing needs servers = 1");
  }
  for (const auto& c : spec.classes) {
    if (c.station >= n) fail("a class enters at station " + std::to_string(c.station) + ", but there are " + std::to_string(n));
  }
  if (!(spec.warmup_days >= 0.0 && spec.end_days > spec.warmup_days)) fail("expected 0 <= warmup_days < end_days");
}

}  // namespace

NetworkObservations run_network(const NetworkSpec& spec, std::uint64_t seed, std::uint32_t replication,
                                const EngineFactory& make_engine) {
  check(spec);
  Network network(spec, seed, replication);
  const std::unique_ptr<sim::Engine> engine = make_engine(network.platform(), network);
  network.attach(*engine);
  engine->run_until(spec.end_days);
  return network.finish_run();
}

}  // namespace ketensim::model::selftest
