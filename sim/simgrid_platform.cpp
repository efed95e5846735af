// SPDX-License-Identifier: MIT
#include "sim/simgrid_platform.h"

#include <stdexcept>
#include <string>

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

namespace ketensim::sim {
namespace sg4 = simgrid::s4u;

namespace {
// Hand-overs carry no bytes, so bandwidth never matters; it only has to be positive.
constexpr double kLinkBandwidth = 1e12;
}  // namespace

SimGridPlatform::SimGridPlatform(const Platform& platform) {
  if (platform.zones().empty()) throw std::logic_error("simgrid engine: the platform has no zones");
  std::vector<std::vector<WorkerId>> workers_by_zone(platform.zones().size());
  for (WorkerId w = 0; w < platform.workers().size(); ++w) workers_by_zone[platform.workers()[w].zone].push_back(w);
  workers_.resize(platform.workers().size(), nullptr);
  host_speeds_.resize(platform.workers().size(), 1.0);
  post_rooms_.resize(platform.zones().size(), nullptr);
  netzones_.resize(platform.zones().size(), nullptr);
  build_zone(platform, 0, nullptr, workers_by_zone);
}

void SimGridPlatform::build_zone(const Platform& platform, ZoneId zone, sg4::NetZone* parent,
                                 const std::vector<std::vector<WorkerId>>& workers_by_zone) {
  const auto& spec = platform.zone(zone);
  // Names carry the index so that they are unique whatever the model calls its zones.
  const std::string name = "zone" + std::to_string(zone) + ":" + spec.name;
  sg4::NetZone* netzone = sg4::create_star_zone(name);
  if (parent != nullptr) netzone->set_parent(parent);
  netzones_[zone] = netzone;

  sg4::NetZone* staff = sg4::create_star_zone(name + "/staff");
  staff->set_parent(netzone);
  sg4::Host* post = staff->create_host("post" + std::to_string(zone), 1.0);
  post_rooms_[zone] = post;
  // A hand-over within one zone goes from the post room to itself, which needs a loopback.
  sg4::Link* loopback = staff->create_link("loop" + std::to_string(zone), kLinkBandwidth)->set_latency(0.0)->seal();
  staff->add_route(post->get_netpoint(), post->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(loopback)}, true);
  for (const WorkerId w : workers_by_zone[zone]) {
    const double hours_per_day = platform.workers()[w].hours_per_day;
    // A host cannot have speed 0: a vacancy gets a nominal speed and starts paused.
    host_speeds_[w] = hours_per_day > 0.0 ? hours_per_day : 1.0;
    workers_[w] = staff->create_host("worker" + std::to_string(w), host_speeds_[w]);
  }
  staff->seal();
  netzone->add_route(staff->get_netpoint(), nullptr, post->get_netpoint(), nullptr, {}, true);

  for (const ZoneId child : spec.children) {
    build_zone(platform, child, netzone, workers_by_zone);
    const auto& child_spec = platform.zone(child);
    sg4::Link* link = netzone->create_link("up" + std::to_string(child), kLinkBandwidth)
                          ->set_latency(child_spec.latency_to_parent_days)
                          ->seal();
    netzone->add_route(netzones_[child]->get_netpoint(), nullptr, post_rooms_[child]->get_netpoint(), nullptr,
                       {sg4::LinkInRoute(link)}, true);
  }

  if (parent == nullptr) {
    sg4::NetZone* control = sg4::create_full_zone("control");
    control->set_parent(netzone);
    control_ = control->create_host("control", 1.0);
    control->seal();
  }
  netzone->seal();
}

Days SimGridPlatform::route_latency(ZoneId from, ZoneId to) {
  const std::uint64_t key = (static_cast<std::uint64_t>(from) << 32) | to;
  if (const auto it = latency_cache_.find(key); it != latency_cache_.end()) return it->second;
  std::vector<sg4::Link*> links;
  double latency = 0.0;
  post_room(from)->route_to(post_room(to), links, &latency);
  latency_cache_.emplace(key, latency);
  return latency;
}

}  // namespace ketensim::sim
