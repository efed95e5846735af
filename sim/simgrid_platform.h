// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <simgrid/forward.h>

#include "sim/platform.h"
#include "sim/types.h"

namespace ketensim::sim {

/// The SimGrid image of a `Platform`, built once on the process's SimGrid engine.
///
/// Every zone becomes a star netzone below its parent's, joined to it by a link whose latency
/// is the zone's `latency_to_parent_days`; SimGrid then routes a hand-over up to the lowest
/// common ancestor and down again, which is exactly `Platform::route_delay`. Hosts sit only in
/// leaf netzones (SimGrid 3.32 loses the link to a child zone when the route starts at a host
/// placed beside that child), so each zone has a "staff" leaf holding its post room, the end
/// point of hand-overs, and one single-core host per staff position. The control actors live
/// on a separate host in a full zone, where same-host messages take no time.
class SimGridPlatform {
 public:
  /// Builds and seals the netzones; the SimGrid engine must exist and not be running yet.
  explicit SimGridPlatform(const Platform& platform);

  [[nodiscard]] simgrid::s4u::Host* worker_host(WorkerId worker) const { return workers_.at(worker); }
  /// The host hand-overs to and from `zone` start and end at.
  [[nodiscard]] simgrid::s4u::Host* post_room(ZoneId zone) const { return post_rooms_.at(zone); }
  [[nodiscard]] simgrid::s4u::Host* control_host() const { return control_; }
  [[nodiscard]] std::size_t zone_count() const { return post_rooms_.size(); }
  /// Speed the worker's host was created with (flops per day); work is scaled against it.
  [[nodiscard]] double host_speed(WorkerId worker) const { return host_speeds_.at(worker); }
  /// Latency of the SimGrid route between two zones' post rooms, read from SimGrid's routing
  /// and cached per pair (routing is pure computation, no simulated time passes).
  [[nodiscard]] Days route_latency(ZoneId from, ZoneId to);

 private:
  void build_zone(const Platform& platform, ZoneId zone, simgrid::s4u::NetZone* parent,
                  const std::vector<std::vector<WorkerId>>& workers_by_zone);

  std::vector<simgrid::s4u::Host*> workers_;
  std::vector<double> host_speeds_;
  std::vector<simgrid::s4u::Host*> post_rooms_;
  std::vector<simgrid::s4u::NetZone*> netzones_;
  simgrid::s4u::Host* control_ = nullptr;
  std::unordered_map<std::uint64_t, Days> latency_cache_;
};

}  // namespace ketensim::sim
