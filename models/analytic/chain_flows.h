// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "models/analytic/flow_node.h"
#include "models/parameters.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// The solved traffic equations of every region of a scenario, in children per day.
struct ChainFlows {
  std::vector<Parameters> params;           ///< the parameters of each region
  std::vector<double> region_share;         ///< youth-population share of each region
  std::vector<Eigen::MatrixXd> routing;     ///< per region: routing of a non-urgent child
  std::vector<Eigen::VectorXd> normal;      ///< per region: flow of non-urgent children at each node
  std::vector<Eigen::VectorXd> urgent;      ///< per region: flow of urgent children at each node

  [[nodiscard]] double at(std::size_t region, FlowNode node) const {
    const auto i = static_cast<Eigen::Index>(index_of(node));
    return normal[region](i) + urgent[region](i);
  }
  [[nodiscard]] double urgent_at(std::size_t region, FlowNode node) const {
    return urgent[region](static_cast<Eigen::Index>(index_of(node)));
  }
  /// Flow from `from` to `to` in a region: the flow leaving `from` times its routing share
  /// (the same for urgent children everywhere but at the court).
  [[nodiscard]] double between(std::size_t region, FlowNode from, FlowNode to) const {
    return at(region, from) *
           routing[region](static_cast<Eigen::Index>(index_of(from)), static_cast<Eigen::Index>(index_of(to)));
  }
};

/// Builds and solves the traffic equations (chain_routing.h) of each region with its own
/// parameters (`params`, one per region of `scenario`). A routing with a closed loop is a
/// ScenarioError naming the scenario's line and the nodes.
ChainFlows solve_chain_flows(const Scenario& scenario, std::vector<Parameters> params);

/// The node names in FlowNode order, for messages.
std::vector<std::string> flow_node_names();

}  // namespace ketensim::model::analytic
