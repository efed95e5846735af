// SPDX-License-Identifier: MIT
#include "models/analytic/care_places.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/analytic/holding_times.h"
#include "models/analytic/waiting_models.h"
#include "models/analytic/withdrawal.h"

namespace ketensim::model::analytic {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Places a provider admits single children to (models/care_provider.h): up to the capacity,
// and one when it is below one place but not zero.
int admitted(double capacity) {
  if (capacity <= 0.0) return 0;
  return std::max(1, static_cast<int>(std::floor(capacity + 1e-9)));
}

}  // namespace

std::vector<CareEstimate> estimate_care(const Scenario& scenario, const ChainFlows& flows) {
  std::vector<CareEstimate> out;
  for (std::size_t r = 0; r < scenario.regions.regions.size(); ++r) {
    const Parameters& p = flows.params[r];
    for (const CareType type : all_care_types) {
      const auto& care = p.care_of(type);
      const FlowNode node = care_node(type);
      CareEstimate e;
      e.care_type = std::string(care_type_name(type));
      e.region = scenario.regions.regions[r].code;
      e.places = care.capacity_children * flows.region_share[r];
      // Place-days brought in, by source: the arrivals times how long each holds a place.
      const double external = care.external_demand_children_per_year * flows.region_share[r] / 365.0;
      const double voluntary = flows.between(r, FlowNode::vt_investigation, node);
      double place_days = (external + voluntary) * care.duration_days_mean;
      for (const GiMeasure measure : all_gi_measures) {
        const double reaches = care_request_reaches_care(p, measure);
        if (reaches <= 0.0) continue;
        // `between` counts the requests that reach the list; place-days are per child in need.
        const double in_need = (flows.between(r, gi_node(measure, false), node) +
                                flows.between(r, gi_node(measure, true), node)) / reaches;
        if (in_need > 0.0) place_days += in_need * care_place_days_under_measure(p, measure, care.duration_days_mean);
      }
      e.arrivals_children_per_day = flows.at(r, node);
      // Children a crisis moves to heavier care (loop L4) wait here but never take a place.
      const double moved = flows.regions[r].crisis_moves[index_of(node)];
      const double placed = std::max(0.0, e.arrivals_children_per_day - moved);
      if (e.arrivals_children_per_day > 0.0) place_days *= placed / e.arrivals_children_per_day;
      e.occupied_places_offered = place_days;
      const double holding = placed > 0.0 ? place_days / placed : 0.0;
      e.holding_days_mean = placed > 0.0 ? holding : nan;
      // Children waiting withdraw at the care type's constant hazard (Erlang A); the places
      // then hold only the children served.
      const double theta = withdrawal_rate_per_day(care.withdrawal_share_within_90_days);
      QueueEstimate q = held_slots(placed, holding, admitted(e.places), theta);
      e.withdrawn_children_per_day = q.abandoning_per_day;
      e.served_wait_days_mean = q.served_wait_days_mean;
      // The list is counted over everyone who joins it, as the simulation counts it.
      if (placed > 0.0 && e.arrivals_children_per_day > placed) {
        q.wait_days_mean = q.waiting_mean / e.arrivals_children_per_day;
      }
      e.utilisation = e.places > 0.0 ? place_days / e.places : (place_days > 0.0 ? infinity : 0.0);
      e.stable = q.stable;
      e.waiting_children_mean = q.waiting_mean;
      e.wait_days_mean = q.wait_days_mean;
      e.wait_probability = q.wait_probability;
      e.max_inflow_multiplier = e.utilisation > 0.0 ? 1.0 / e.utilisation : infinity;
      out.push_back(std::move(e));
    }
  }
  return out;
}

CareEstimate national_care(const std::vector<CareEstimate>& care, const std::string& care_type) {
  CareEstimate total;
  total.care_type = care_type;
  total.region = "national";
  total.max_inflow_multiplier = infinity;
  for (const auto& e : care) {
    if (e.care_type != care_type || e.region == "national") continue;
    total.places += e.places;
    total.arrivals_children_per_day += e.arrivals_children_per_day;
    total.occupied_places_offered += e.occupied_places_offered;
    total.stable = total.stable && e.stable;
    total.waiting_children_mean += e.waiting_children_mean;
    total.withdrawn_children_per_day += e.withdrawn_children_per_day;
    total.max_inflow_multiplier = std::min(total.max_inflow_multiplier, e.max_inflow_multiplier);
  }
  const double arrivals = total.arrivals_children_per_day;
  total.holding_days_mean = arrivals > 0.0 ? total.occupied_places_offered / arrivals : nan;
  total.utilisation = total.places > 0.0 ? total.occupied_places_offered / total.places : nan;
  total.wait_days_mean = arrivals > 0.0 ? total.waiting_children_mean / arrivals : nan;
  return total;
}

}  // namespace ketensim::model::analytic
