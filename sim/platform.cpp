// SPDX-License-Identifier: MIT
#include "sim/platform.h"

#include <stdexcept>

namespace ketensim::sim {

ZoneId Platform::add_root(const std::string& name) {
  if (!zones_.empty()) throw std::logic_error("platform: the root zone must be added first and once");
  zones_.push_back(Zone{name, std::nullopt, 0.0, {}});
  depth_.push_back(0);
  return 0;
}

ZoneId Platform::add_zone(const std::string& name, ZoneId parent, Days latency_to_parent_days) {
  if (parent >= zones_.size()) throw std::logic_error("platform: zone '" + name + "' has an unknown parent");
  if (latency_to_parent_days < 0.0) throw std::logic_error("platform: zone '" + name + "' has a negative latency");
  const auto id = static_cast<ZoneId>(zones_.size());
  zones_.push_back(Zone{name, parent, latency_to_parent_days, {}});
  zones_[parent].children.push_back(id);
  depth_.push_back(depth_[parent] + 1);
  return id;
}

WorkerId Platform::add_worker(const std::string& name, ZoneId zone, Hours hours_per_day) {
  if (zone >= zones_.size()) throw std::logic_error("platform: worker '" + name + "' is in an unknown zone");
  workers_.push_back(Worker{name, zone, hours_per_day});
  return static_cast<WorkerId>(workers_.size() - 1);
}

Days Platform::route_delay(ZoneId from, ZoneId to) const {
  Days delay = 0.0;
  // Climb from the deeper side first so both walkers meet at the lowest common ancestor.
  while (from != to) {
    if (depth_.at(from) >= depth_.at(to)) {
      delay += zones_[from].latency_to_parent_days;
      from = *zones_[from].parent;
    } else {
      delay += zones_[to].latency_to_parent_days;
      to = *zones_[to].parent;
    }
  }
  return delay;
}

}  // namespace ketensim::sim
