// SPDX-License-Identifier: MIT
#include "models/analytic/chain_flows.h"

#include <algorithm>
#include <stdexcept>

#include "models/analytic/chain_routing.h"
#include "models/analytic/traffic_equations.h"
#include "models/scenario_error.h"

namespace ketensim::model::analytic {
namespace {

// Where an escalation happens decides what it changes (models/chain_escalation.cpp): before
// the ruling it decides the measure (urgent: provisional OTS; crisis: a placement); at the GI
// only the extension; on a care list a crisis moves the child to heavier care.
bool before_ruling(FlowNode node) {
  return node == FlowNode::vt_triage || node == FlowNode::vt_investigation || node == FlowNode::rvdk_protection ||
         node == FlowNode::rvdk_other;
}
bool is_care(FlowNode node) { return index_of(node) >= index_of(FlowNode::care_ambulatory); }

// Splits the normal routing by what becomes of the children escalating at each node.
void split_normal_routing(ChainFlows::Region& net, const Eigen::MatrixXd& normal, const Parameters& p,
                          const std::array<double, flow_node_count>& escalating_share,
                          const std::array<double, flow_node_count>& withdrawn_share) {
  const auto n = static_cast<Eigen::Index>(flow_node_count);
  net.normal_stays = normal;
  net.normal_escalates = Eigen::MatrixXd::Zero(n, n);
  net.normal_crisis = Eigen::MatrixXd::Zero(n, n);
  const double crisis = p.escalation.share_crisis_placement;
  for (std::size_t i = 0; i < flow_node_count; ++i) {
    const double e = escalating_share[i];
    const double w = std::min(withdrawn_share[i], std::max(0.0, 1.0 - e));
    const auto node = static_cast<FlowNode>(i);
    const auto row = static_cast<Eigen::Index>(i);
    if (w <= 0.0 && e <= 0.0) continue;
    // Withdrawn children take the withdrawal's route instead of the node's: a protection
    // request goes back to the local team; anything else leaves.
    net.normal_stays.row(row) = std::max(0.0, 1.0 - e - w) * normal.row(row);
    if (w > 0.0 && node == FlowNode::rvdk_protection) {
      net.normal_stays(row, static_cast<Eigen::Index>(index_of(FlowNode::local_team))) += w;
    }
    if (e <= 0.0) continue;
    if (before_ruling(node)) {
      net.normal_escalates.row(row) = e * (1.0 - crisis) * net.urgent.row(row);
      net.normal_crisis.row(row) = e * crisis * net.crisis.row(row);
    } else if (is_care(node)) {
      // Care rows lead nowhere; a crisis moves the child to the heavier care's list.
      const CareType type = static_cast<CareType>(i - index_of(FlowNode::care_ambulatory));
      if (heavier_care(type) != type) {
        net.normal_crisis(row, static_cast<Eigen::Index>(index_of(care_node(heavier_care(type))))) = e * crisis;
      }
    } else {
      // At the GI the measure is set: an escalated child keeps its route and only counts as
      // escalated (its OTS is extended more often).
      net.normal_escalates.row(row) = e * normal.row(row);
    }
  }
}

std::vector<std::string> class_node_names(const char* suffix) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < flow_node_count; ++i) names.push_back(std::string(flow_node_name(static_cast<FlowNode>(i))) + suffix);
  return names;
}

ChainFlows::Region solve_region(const Parameters& p, double share, double report_share,
                                const std::array<double, flow_node_count>& escalating_share,
                                const std::array<double, flow_node_count>& withdrawn_share) {
  ChainFlows::Region net;
  net.urgent = chain_routing(p, Urgency::urgent);
  net.crisis = chain_routing(p, Urgency::crisis);
  split_normal_routing(net, chain_routing(p, Urgency::normal), p, escalating_share, withdrawn_share);
  auto& flow = net.flow;
  const auto at = [](FlowClass cls) { return static_cast<std::size_t>(cls); };
  // Node names for the equations' messages, built once: the fixed point solves these often.
  static const std::vector<std::string> normal_names = class_node_names("");
  static const std::vector<std::string> urgent_names = class_node_names(" (urgent)");
  static const std::vector<std::string> escalated_names = class_node_names(" (escalated)");
  static const std::vector<std::string> crisis_names = class_node_names(" (crisis)");
  flow[at(FlowClass::normal)] =
      solve_traffic_equations(net.normal_stays, external_inflow(p, share, report_share, Urgency::normal), normal_names);
  flow[at(FlowClass::urgent)] = solve_traffic_equations(net.urgent, external_inflow(p, share, report_share, Urgency::urgent), urgent_names);
  const Eigen::VectorXd& normal = flow[at(FlowClass::normal)];
  flow[at(FlowClass::escalated)] =
      solve_traffic_equations(net.urgent, net.normal_escalates.transpose() * normal, escalated_names);
  flow[at(FlowClass::crisis)] = solve_traffic_equations(net.crisis, net.normal_crisis.transpose() * normal, crisis_names);
  // A re-report is triaged and closed: it adds arrivals at VT triage and goes nowhere.
  const auto n = static_cast<Eigen::Index>(flow_node_count);
  flow[at(FlowClass::re_report)] = Eigen::VectorXd::Zero(n);
  const double crisis = p.escalation.share_crisis_placement;
  double re_reports = 0.0;
  for (std::size_t i = 0; i < flow_node_count; ++i) {
    net.escalating[i] = normal(static_cast<Eigen::Index>(i)) * escalating_share[i];
    net.withdrawing[i] = normal(static_cast<Eigen::Index>(i)) * std::min(withdrawn_share[i], std::max(0.0, 1.0 - escalating_share[i]));
    re_reports += net.escalating[i] * p.escalation.share_re_report;
    const auto node = static_cast<FlowNode>(i);
    if (is_care(node)) {
      const CareType type = static_cast<CareType>(i - index_of(FlowNode::care_ambulatory));
      if (heavier_care(type) != type) net.crisis_moves[i] = net.escalating[i] * crisis;
    }
  }
  flow[at(FlowClass::re_report)](static_cast<Eigen::Index>(index_of(FlowNode::vt_triage))) = re_reports;
  return net;
}

}  // namespace

double ChainFlows::between(std::size_t region, FlowNode from, FlowNode to) const {
  const Region& net = regions[region];
  const auto i = static_cast<Eigen::Index>(index_of(from));
  const auto j = static_cast<Eigen::Index>(index_of(to));
  const auto flow = [&](FlowClass cls) { return net.flow[static_cast<std::size_t>(cls)](i); };
  return flow(FlowClass::normal) * (net.normal_stays(i, j) + net.normal_escalates(i, j) + net.normal_crisis(i, j)) +
         (flow(FlowClass::urgent) + flow(FlowClass::escalated)) * net.urgent(i, j) + flow(FlowClass::crisis) * net.crisis(i, j);
}

std::vector<std::string> flow_node_names() { return class_node_names(""); }

ChainFlows solve_chain_flows(const Scenario& scenario, std::vector<Parameters> params, const EscalationShares& escalation,
                             const WithdrawalShares& withdrawal) {
  const double total = scenario.regions.total_youth_population();
  const std::vector<double> report_shares = scenario.regions.vt_report_shares();
  ChainFlows flows;
  flows.params = std::move(params);
  flows.vt_staff_share = scenario.regions.vt_staff_shares();
  for (std::size_t r = 0; r < scenario.regions.regions.size(); ++r) {
    const Parameters& p = flows.params.at(r);
    const double share = total > 0.0 ? scenario.regions.regions[r].youth_population / total : 0.0;
    flows.region_share.push_back(share);
    std::array<double, flow_node_count> none{};
    try {
      flows.regions.push_back(solve_region(p, share, report_shares.at(r), escalation.empty() ? none : escalation.at(r),
                                           withdrawal.empty() ? none : withdrawal.at(r)));
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
