// SPDX-License-Identifier: MIT
#include "models/analytic/analyze.h"

#include <cmath>
#include <initializer_list>
#include <limits>

#include "models/analytic/care_places.h"
#include "models/analytic/chain_flows.h"
#include "models/analytic/feedback_loops.h"
#include "models/analytic/staff_pools.h"
#include "models/stage.h"

namespace ketensim::model::analytic {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Accumulates a stage's estimate over regions: children waiting add up, the served children's
// wait is weighted by the children served, and a delay's mean by the flow.
struct StageSum {
  double arrivals = 0, waiting = 0, sojourn_weighted = 0, withdrawn = 0, served_wait_weighted = 0;
  void add(const StageEstimate& e) {
    arrivals += e.arrivals_children_per_day;
    if (e.arrivals_children_per_day > 0.0) {
      waiting += e.waiting_children_mean;
      sojourn_weighted += e.arrivals_children_per_day * e.sojourn_days_mean;
      withdrawn += e.withdrawn_children_per_day;
      served_wait_weighted += (e.arrivals_children_per_day - e.withdrawn_children_per_day) * e.wait_days_mean;
    }
  }
  [[nodiscard]] StageEstimate national(const std::string& stage, bool delay) const {
    StageEstimate e{stage, "national", arrivals, nan, nan, nan};
    if (arrivals <= 0.0) return e;
    if (delay) {
      e.sojourn_days_mean = sojourn_weighted / arrivals;
    } else {
      e.waiting_children_mean = waiting;
      e.withdrawn_children_per_day = withdrawn;
      e.wait_days_mean = withdrawn > 0.0 ? served_wait_weighted / (arrivals - withdrawn) : waiting / arrivals;
    }
    return e;
  }
};

// A stage where families wait for a pool or a place: the list is the pool's (Little's law over
// every child who joins, `wait_days` on average); where children withdraw, the wait reported
// is the served children's, as the simulated KPI counts it.
StageEstimate waited(const std::string& stage, const std::string& region, double arrivals, double wait_days,
                     double withdrawn = 0.0, double served_wait_days = nan) {
  StageEstimate e{stage, region, arrivals, nan, nan, nan};
  if (arrivals > 0.0) {
    e.waiting_children_mean = arrivals * wait_days;
    e.withdrawn_children_per_day = withdrawn;
    e.wait_days_mean = withdrawn > 0.0 ? served_wait_days : wait_days;
  }
  return e;
}

StageEstimate delayed(const std::string& stage, const std::string& region, double arrivals, double sojourn_days) {
  return StageEstimate{stage, region, arrivals, nan, nan, arrivals > 0.0 ? sojourn_days : nan};
}

std::vector<NodeFlow> node_flows(const Scenario& scenario, const ChainFlows& flows) {
  std::vector<NodeFlow> out;
  const std::size_t regions = scenario.regions.regions.size();
  for (std::size_t i = 0; i < flow_node_count; ++i) {
    const auto node = static_cast<FlowNode>(i);
    NodeFlow national{std::string(flow_node_name(node)), "national", 0.0, 0.0};
    for (std::size_t r = 0; r < regions; ++r) {
      out.push_back({national.node, scenario.regions.regions[r].code, flows.at(r, node), flows.urgent_at(r, node)});
      national.children_per_day += out.back().children_per_day;
      national.urgent_children_per_day += out.back().urgent_children_per_day;
    }
    out.push_back(national);
  }
  return out;
}

std::vector<StageEstimate> stage_estimates(const Scenario& scenario, const ChainFlows& flows, const StaffPools& staff,
                                           const std::vector<CareEstimate>& care) {
  const std::size_t regions = scenario.regions.regions.size();
  std::vector<StageEstimate> out;
  auto per_region = [&](const std::string& stage, bool delay, auto estimate) {
    StageSum sum;
    for (std::size_t r = 0; r < regions; ++r) {
      out.push_back(estimate(r, scenario.regions.regions[r].code));
      sum.add(out.back());
    }
    out.push_back(sum.national(stage, delay));
  };
  // A pooled stage's wait is the wait its node's children see at the pool serving them.
  auto pooled = [&](const std::string& stage, std::initializer_list<FlowNode> nodes) {
    per_region(stage, false, [&, nodes](std::size_t r, const std::string& code) {
      double arrivals = 0, waiting = 0, withdrawn = 0, served_wait = 0;
      for (const FlowNode node : nodes) {
        const double rate = flows.at(r, node);
        if (rate <= 0.0) continue;
        arrivals += rate;
        waiting += rate * staff.wait_days(r, node);
        const double gone = flows.regions[r].withdrawing[index_of(node)];
        withdrawn += gone;
        served_wait += (rate - gone) * staff.pool_serving(r, node).served_wait_days_mean;
      }
      const double served = arrivals - withdrawn;
      return waited(stage, code, arrivals, arrivals > 0.0 ? waiting / arrivals : nan, withdrawn,
                    served > 0.0 ? served_wait / served : nan);
    });
  };
  pooled("vt_triage", {FlowNode::vt_triage});
  pooled("vt_investigation", {FlowNode::vt_investigation});
  per_region("local_team", true, [&](std::size_t r, const std::string& code) {
    return delayed("local_team", code, flows.at(r, FlowNode::local_team), flows.params[r].local_team.support_days_mean);
  });
  pooled("rvdk", {FlowNode::rvdk_protection});
  pooled("rvdk_other", {FlowNode::rvdk_other});
  per_region("court", true, [&](std::size_t r, const std::string& code) {
    const Parameters& p = flows.params[r];
    const double arrivals = flows.at(r, FlowNode::court);
    const double urgent = flows.urgent_at(r, FlowNode::court);
    const double mean = arrivals > 0.0 ? ((arrivals - urgent) * p.court.decision_days_mean +
                                          urgent * p.court.urgent_decision_days) / arrivals
                                       : nan;
    return delayed("court", code, arrivals, mean);
  });
  pooled("gi", {FlowNode::gi_ots, FlowNode::gi_provisional_ots, FlowNode::gi_guardianship, FlowNode::gi_youth_probation,
                FlowNode::gi_national_ots, FlowNode::gi_national_provisional_ots, FlowNode::gi_national_guardianship,
                FlowNode::gi_national_youth_probation});
  for (std::size_t t = 0; t < care_type_count; ++t) {
    const std::string stage(stage_name(care_stage(static_cast<CareType>(t))));
    per_region(stage, false, [&](std::size_t r, const std::string& code) {
      const CareEstimate& e = care[r * care_type_count + t];
      return waited(stage, code, e.arrivals_children_per_day, e.wait_days_mean, e.withdrawn_children_per_day,
                    e.served_wait_days_mean);
    });
  }
  return out;
}

// The model's dynamics this steady state leaves out (docs/analytic.md, "What it assumes").
std::vector<std::string> left_out(const ChainFlows& flows) {
  const Parameters& p = flows.params.front();
  std::vector<std::string> out;
  if (p.workforce.staff_dynamics != 0 && p.feedback.l3_budget != 0) {
    out.emplace_back("the budget (loop L3): hires and temporary staff never wait for it here");
  }
  return out;
}

}  // namespace

FlowReport analyze(const Scenario& scenario, ParameterState state) {
  LoopSolution solution = solve_with_loops(scenario, region_parameters(scenario, state));
  const ChainFlows& flows = solution.flows;
  StaffPools& staff = solution.staff;
  std::vector<CareEstimate>& care = solution.care;

  FlowReport report;
  report.scenario_name = scenario.name;
  report.loops = solution.summary;
  report.left_out = left_out(flows);
  report.flows = node_flows(scenario, flows);
  report.stages = stage_estimates(scenario, flows, staff, care);
  report.max_inflow_multiplier = std::numeric_limits<double>::infinity();
  auto consider = [&](double multiplier, const std::string& where) {
    if (multiplier < report.max_inflow_multiplier) {
      report.max_inflow_multiplier = multiplier;
      report.bottleneck = where;
    }
  };
  for (const auto& pool : staff.pools) consider(pool.max_inflow_multiplier, pool.organisation + " " + pool.area);
  for (const auto& e : care) consider(e.max_inflow_multiplier, "care " + e.care_type + " " + e.region);

  report.pools = std::move(staff.pools);
  for (const char* organisation : {"vt", "rvdk", "expertise", "judgment", "gi"}) {
    const PoolEstimate total = organisation_total(report.pools, organisation);
    if (total.positions > 0) report.pools.push_back(total);
  }
  report.care = std::move(care);
  for (const CareType type : all_care_types) report.care.push_back(national_care(report.care, std::string(care_type_name(type))));
  return report;
}

}  // namespace ketensim::model::analytic
