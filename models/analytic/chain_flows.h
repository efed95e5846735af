// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "models/analytic/flow_node.h"
#include "models/parameters.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// The kinds of child the traffic equations follow apart, because they route differently or
/// hold a guardian longer (docs/analytic.md, "Feedback loops"):
/// - `normal`: reported without urgency, and still waiting its turn;
/// - `urgent`: came in with an urgent report;
/// - `escalated`: was normal, escalated while waiting (loop L4) and is urgent from then on;
///   its OTS is extended more often;
/// - `crisis`: escalated with a crisis: urgent, and a later measure places the children;
/// - `re_report`: the urgent new report an escalation may cause: VT triages it and closes it.
enum class FlowClass : std::uint8_t { normal, urgent, escalated, crisis, re_report };
inline constexpr std::size_t flow_class_count = 5;
inline constexpr std::array<FlowClass, flow_class_count> all_flow_classes = {
    FlowClass::normal, FlowClass::urgent, FlowClass::escalated, FlowClass::crisis, FlowClass::re_report};

/// Loop L4 as the traffic equations take it: per region and node, the share of the normal
/// children arriving there who escalate while they wait (escalation.h derives it from the
/// estimated waits). Zero everywhere, or empty, means the loop is off.
using EscalationShares = std::vector<std::array<double, flow_node_count>>;

/// Withdrawal as the traffic equations take it: per region and node, the share of the normal
/// children arriving there who withdraw from the waiting list (withdrawal.h; the Board's
/// nodes). A withdrawn protection request goes back to the local team, which helps the
/// family voluntarily; the Board's other cases leave (models/chain_withdrawal.cpp). A care
/// request withdrawn changes no route (care rows lead nowhere; a child under a measure stays
/// at the GI), so the care lists take withdrawal in their own estimate (care_places.h).
using WithdrawalShares = std::vector<std::array<double, flow_node_count>>;

/// The solved traffic equations of every region of a scenario, in children per day.
struct ChainFlows {
  /// One region's network: the routing of each class and the flow of each class at each node.
  struct Region {
    Eigen::MatrixXd normal_stays;      ///< normal -> normal, after escalations have left
    Eigen::MatrixXd normal_escalates;  ///< normal -> escalated (L4)
    Eigen::MatrixXd normal_crisis;     ///< normal -> crisis (L4; care lists: to heavier care)
    Eigen::MatrixXd urgent;            ///< urgent and escalated children
    Eigen::MatrixXd crisis;            ///< crisis children
    std::array<Eigen::VectorXd, flow_class_count> flow;  ///< arrivals per node, by class
    std::array<double, flow_node_count> escalating{};    ///< normal children escalating at the node, per day
    std::array<double, flow_node_count> crisis_moves{};  ///< children a crisis moves off a care list, per day
    std::array<double, flow_node_count> withdrawing{};   ///< normal children withdrawn at the node, per day
  };

  std::vector<Parameters> params;    ///< the parameters of each region
  std::vector<double> region_share;  ///< youth-population share of each region
  std::vector<double> vt_staff_share;  ///< each region's share of the VT staff (RegionTable::vt_staff_shares)
  std::vector<Region> regions;

  [[nodiscard]] double class_at(std::size_t region, FlowClass cls, FlowNode node) const {
    return regions[region].flow[static_cast<std::size_t>(cls)](static_cast<Eigen::Index>(index_of(node)));
  }
  [[nodiscard]] double at(std::size_t region, FlowNode node) const {
    double total = 0.0;
    for (const FlowClass cls : all_flow_classes) total += class_at(region, cls, node);
    return total;
  }
  [[nodiscard]] double urgent_at(std::size_t region, FlowNode node) const {
    return at(region, node) - class_at(region, FlowClass::normal, node);
  }
  /// Children escalated on their way (escalated or crisis) arriving at the node.
  [[nodiscard]] double escalated_at(std::size_t region, FlowNode node) const {
    return class_at(region, FlowClass::escalated, node) + class_at(region, FlowClass::crisis, node);
  }
  /// Flow from `from` to `to` in a region, over all classes.
  [[nodiscard]] double between(std::size_t region, FlowNode from, FlowNode to) const;
};

/// Builds and solves the traffic equations (chain_routing.h) of each region with its own
/// parameters (`params`, one per region of `scenario`) and, when given, the escalation shares
/// of loop L4 and the withdrawal shares. The classes form a chain (normal feeds escalated and crisis; nothing feeds
/// normal), so each is solved in turn with the flows the earlier ones send it. A routing with
/// a closed loop is a ScenarioError naming the scenario's line and the nodes.
ChainFlows solve_chain_flows(const Scenario& scenario, std::vector<Parameters> params,
                             const EscalationShares& escalation = {}, const WithdrawalShares& withdrawal = {});

/// The node names in FlowNode order, for messages.
std::vector<std::string> flow_node_names();

}  // namespace ketensim::model::analytic
