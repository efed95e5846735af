// SPDX-License-Identifier: MIT
// The floor for bench/tandem.sh: the tandem (Jackson) network of
// scenarios/examples/tandem-jackson.toml as a plain C++ loop, with nothing but what the
// network needs: one binary heap of timed events (std::priority_queue), a FIFO queue per
// multi-server station, Poisson arrivals and exponential times (std::mt19937_64).
//
//   tandem_reference ARRIVALS_PER_DAY DAYS SEED STATION...
//
// A STATION is SERVERS:MEAN_DAYS, or inf:MEAN_DAYS for a delay (infinitely many servers);
// every family visits them in order. Prints the events handled (arrivals and service ends),
// the families that left, their mean time in the network, and the CPU seconds of the loop.
#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace {

struct Station {
  bool delay = false;     // infinitely many servers: nobody waits
  std::uint32_t servers = 0;
  std::uint32_t busy = 0;
  double mean_days = 0;
  std::deque<std::uint32_t> waiting;  // families, first come first served
};

struct Event {
  double date;
  std::uint32_t family;
  std::int32_t station;  // the station whose service ends; -1: an arrival
  bool operator<(const Event& other) const { return date > other.date; }  // earliest on top
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

[[noreturn]] void usage_error(const char* why) {
  std::fprintf(stderr, "tandem_reference: %s\nusage: tandem_reference ARRIVALS_PER_DAY DAYS SEED SERVERS:MEAN_DAYS|inf:MEAN_DAYS...\n", why);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) usage_error("expected a rate, a length, a seed and at least one station");
  const double rate = std::strtod(argv[1], nullptr);
  const double days = std::strtod(argv[2], nullptr);
  std::mt19937_64 random(std::strtoull(argv[3], nullptr, 10));
  std::vector<Station> stations;
  for (int i = 4; i < argc; ++i) {
    const std::string text = argv[i];
    const auto colon = text.find(':');
    if (colon == std::string::npos) usage_error("a station is SERVERS:MEAN_DAYS");
    Station station;
    station.delay = text.substr(0, colon) == "inf";
    if (!station.delay) station.servers = static_cast<std::uint32_t>(std::stoul(text.substr(0, colon)));
    station.mean_days = std::stod(text.substr(colon + 1));
    stations.push_back(std::move(station));
  }
  if (!(rate > 0) || !(days > 0)) usage_error("the rate and the length must be > 0");

  auto exponential = [&](double mean) { return std::exponential_distribution<double>(1.0 / mean)(random); };
  std::priority_queue<Event> events;
  std::vector<double> entered;  // by family
  double now = 0;
  auto start = [&](std::uint32_t family, std::int32_t s) {
    Station& station = stations[static_cast<std::size_t>(s)];
    if (!station.delay && station.busy == station.servers) {
      station.waiting.push_back(family);
      return;
    }
    ++station.busy;
    events.push(Event{now + exponential(station.mean_days), family, s});
  };

  const double started = cpu_seconds();
  std::uint64_t handled = 0, left = 0;
  double time_in_network = 0;
  events.push(Event{exponential(1.0 / rate), 0, -1});
  while (!events.empty() && events.top().date <= days) {
    const Event event = events.top();
    events.pop();
    now = event.date;
    ++handled;
    if (event.station < 0) {
      const auto family = static_cast<std::uint32_t>(entered.size());
      entered.push_back(now);
      start(family, 0);
      events.push(Event{now + exponential(1.0 / rate), 0, -1});
      continue;
    }
    Station& station = stations[static_cast<std::size_t>(event.station)];
    --station.busy;
    if (!station.waiting.empty()) {
      const std::uint32_t next = station.waiting.front();
      station.waiting.pop_front();
      start(next, event.station);
    }
    if (static_cast<std::size_t>(event.station) + 1 < stations.size()) {
      start(event.family, event.station + 1);
    } else {
      ++left;
      time_in_network += now - entered[event.family];
    }
  }
  const double cpu = cpu_seconds() - started;
  std::printf("events %llu families_left %llu mean_days_in_network %.3f cpu_s %.3f ns_per_event %.1f\n",
              static_cast<unsigned long long>(handled), static_cast<unsigned long long>(left),
              left > 0 ? time_in_network / static_cast<double>(left) : 0.0, cpu, 1e9 * cpu / static_cast<double>(handled));
  return 0;
}
