// SPDX-License-Identifier: MIT
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/types.h"

namespace ketensim::sim {

/// The platform both engines share: a tree of zones (the nation at the root, regions and
/// organisation areas below) and the staff positions inside them.
///
/// A hand-over between two zones travels up from the sender to the lowest common ancestor
/// and down to the receiver; its delay is the sum of the link latencies on that path. The
/// SimGrid engine builds the same tree as netzones with one link per zone and lets SimGrid
/// route over it; the native engine uses `route_delay` directly.
class Platform {
 public:
  struct Zone {
    std::string name;
    std::optional<ZoneId> parent;
    Days latency_to_parent_days = 0.0;
    std::vector<ZoneId> children;
  };
  struct Worker {
    std::string name;
    ZoneId zone = 0;
    Hours hours_per_day = 0.0;
  };

  /// Adds the root zone; must be called first and once.
  ZoneId add_root(const std::string& name);
  /// Adds a zone below `parent`, joined to it by a link of the given latency.
  ZoneId add_zone(const std::string& name, ZoneId parent, Days latency_to_parent_days);
  /// Adds a staff position in `zone` working `hours_per_day` productive hours per day.
  WorkerId add_worker(const std::string& name, ZoneId zone, Hours hours_per_day);

  [[nodiscard]] Days route_delay(ZoneId from, ZoneId to) const;
  [[nodiscard]] const std::vector<Zone>& zones() const { return zones_; }
  [[nodiscard]] const std::vector<Worker>& workers() const { return workers_; }
  [[nodiscard]] const Zone& zone(ZoneId id) const { return zones_.at(id); }

 private:
  std::vector<Zone> zones_;
  std::vector<Worker> workers_;
  std::vector<int> depth_;
};

}  // namespace ketensim::sim
