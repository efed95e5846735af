// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace ketensim::model::analytic {

/// Solves the traffic equations of an open network: lambda = gamma + P^T lambda.
///
/// `routing(i, j)` is the probability that a customer leaving node i goes to node j (the
/// rest of row i leaves the network); `external(i)` is the rate of arrivals from outside at
/// node i. The result is the total arrival rate at each node, counting every visit, so a
/// loop (the RvdK sends a family back to the local team, which may send it to the RvdK
/// again) raises the flow of every node on it by the geometric series of its returns.
///
/// Checked before solving, each error naming the node (from `node_names`) and the value:
/// probabilities in [0, 1], rows summing to at most 1, rates finite and >= 0, and no closed
/// loop: from every node some route must leave the network, or a customer who enters it
/// circulates for ever and the equations have no solution. Throws std::invalid_argument.
Eigen::VectorXd solve_traffic_equations(const Eigen::MatrixXd& routing, const Eigen::VectorXd& external,
                                        const std::vector<std::string>& node_names);

}  // namespace ketensim::model::analytic
