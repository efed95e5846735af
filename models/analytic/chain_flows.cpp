// SPDX-License-Identifier: MIT
#include "models/analytic/chain_flows.h"

#include <stdexcept>

#include "models/analytic/chain_routing.h"
#include "models/analytic/traffic_equations.h"
#include "models/scenario_error.h"

namespace ketensim::model::analytic {

std::vector<std::string> flow_node_names() {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < flow_node_count; ++i) names.emplace_back(flow_node_name(static_cast<FlowNode>(i)));
  return names;
}

ChainFlows solve_chain_flows(const Scenario& scenario, std::vector<Parameters> params) {
  const double total = scenario.regions.total_youth_population();
  const std::vector<std::string> names = flow_node_names();
  ChainFlows flows;
  flows.params = std::move(params);
  for (std::size_t r = 0; r < scenario.regions.regions.size(); ++r) {
    const Parameters& p = flows.params.at(r);
    const double share = total > 0.0 ? scenario.regions.regions[r].youth_population / total : 0.0;
    flows.region_share.push_back(share);
    flows.routing.push_back(chain_routing(p, Urgency::normal));
    try {
      flows.normal.push_back(solve_traffic_equations(flows.routing.back(), external_inflow(p, share, Urgency::normal), names));
      flows.urgent.push_back(
          solve_traffic_equations(chain_routing(p, Urgency::urgent), external_inflow(p, share, Urgency::urgent), names));
    } catch (const std::invalid_argument& e) {
      // The only loop of the chain runs RvdK -> local team -> RvdK: point at its shares.
      throw ScenarioError(scenario.where_set({"local_team.share_escalate_to_rvdk", "rvdk.share_request_measure",
                                              "rvdk.share_screened_out"}) +
                          ": analytic model, region " + scenario.regions.regions[r].code + ": " + e.what());
    }
  }
  return flows;
}

}  // namespace ketensim::model::analytic
