// SPDX-License-Identifier: MIT
#include "models/analytic/feedback_loops.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/analytic/care_places.h"
#include "models/analytic/chain_routing.h"
#include "models/analytic/loop_effects.h"

namespace ketensim::model::analytic {
namespace {

constexpr double days_per_year = 365.0;
constexpr int most_rounds = 400;
constexpr double settled = 1e-9;

// Moves one value of the fixed point toward what the last round implies. The step starts at
// a half; where the gap changes sign between rounds the value overshot (a list near capacity
// reacts strongly to its own escalations: a crisis moves children off it, its wait drops,
// fewer escalate, it fills again), so that value's step halves; while the gap keeps its sign
// the step grows back. Adaptive under-relaxation, value by value.
class Relaxation {
 public:
  /// Moves `value` toward `target`; returns the gap before the move.
  double move(double& value, double target) {
    const double gap = target - value;
    step_ = gap * last_gap_ < 0.0 ? std::max(smallest_step, 0.5 * step_) : std::min(0.5, 1.25 * step_);
    last_gap_ = gap;
    value += step_ * gap;
    return std::abs(gap);
  }

 private:
  static constexpr double smallest_step = 1.0 / 1024.0;
  double step_ = 0.5;
  double last_gap_ = 0.0;
};

void record_strength(StaffPools& staff, const std::vector<StaffAvailability>& availability) {
  for (std::size_t k = 0; k < staff.pools.size(); ++k) {
    PoolEstimate& pool = staff.pools[k];
    const StaffAvailability& a = availability[k];
    pool.pressure_mean = pool.norm_children > 0.0 ? pool.caseload_children_mean / pool.norm_children : 0.0;
    pool.productive_share = a.productive_share;
    pool.turnover_rate_per_year = a.departure_rate_per_year;
    pool.vacancy_share = a.vacant_share;
    pool.temporary_share = a.temporary_share;
    pool.sick_share = a.sick_share;
  }
}

LoopSummary summarise(const ChainFlows& flows, const std::vector<double>& extension_share) {
  LoopSummary s;
  double ots = 0.0, extension = 0.0;
  for (std::size_t r = 0; r < flows.regions.size(); ++r) {
    const Parameters& p = flows.params[r];
    s.escalation_on = s.escalation_on || escalation_on(p);
    s.care_delay_on = s.care_delay_on || care_delay_on(p);
    for (std::size_t i = 0; i < flow_node_count; ++i) {
      const double children = flows.regions[r].escalating[i] * days_per_year;
      s.escalations_per_year += children;
      s.crisis_placements_per_year += children * p.escalation.share_crisis_placement;
      s.re_reports_per_year += children * p.escalation.share_re_report / children_per_family(flows, r, static_cast<FlowNode>(i));
    }
    double region_ots = 0.0;
    for (const FlowNode node : ots_nodes) region_ots += flows.at(r, node);
    ots += region_ots;
    extension += region_ots * extension_share[r];
  }
  s.ots_extension_share = ots > 0.0 ? extension / ots : flows.params.front().gi.share_ots_extended;
  return s;
}

}  // namespace

LoopSolution solve_with_loops(const Scenario& scenario, const std::vector<Parameters>& params) {
  const std::size_t regions = params.size();
  EscalationShares escalation(regions, std::array<double, flow_node_count>{});
  WithdrawalShares withdrawal(regions, std::array<double, flow_node_count>{});
  std::vector<std::array<Relaxation, flow_node_count>> withdrawal_steps(regions);
  std::vector<double> extension(regions);
  for (std::size_t r = 0; r < regions; ++r) extension[r] = params[r].gi.share_ots_extended;
  std::vector<std::array<Relaxation, flow_node_count>> escalation_steps(regions);
  std::vector<Relaxation> extension_steps(regions);
  std::vector<std::array<Relaxation, 3>> strength_steps;  // productive share, vacancy, rework
  LoopSolution solution;
  int rounds = 0;
  bool converged = true;
  for (int round = 1;; ++round) {
    std::vector<Parameters> now = params;
    for (std::size_t r = 0; r < regions; ++r) now[r].gi.share_ots_extended = extension[r];
    solution.flows = solve_chain_flows(scenario, std::move(now), escalation, withdrawal);
    solution.staff = estimate_staff_pools(scenario, solution.flows, solution.availability);
    solution.care = estimate_care(scenario, solution.flows);
    rounds = round;

    double change = 0.0;
    for (std::size_t r = 0; r < regions; ++r) {
      const auto target = escalating_shares(solution.flows, solution.staff, solution.care, r);
      for (std::size_t i = 0; i < flow_node_count; ++i) {
        change = std::max(change, escalation_steps[r][i].move(escalation[r][i], target[i]));
      }
      // Withdrawal from the Board's list sends protection requests back to the local team.
      for (const FlowNode node : {FlowNode::rvdk_protection, FlowNode::rvdk_other}) {
        const std::size_t i = index_of(node);
        const double target_share = solution.flows.at(r, node) > 0.0 ? solution.staff.withdrawn_share_at(r, node) : 0.0;
        change = std::max(change, withdrawal_steps[r][i].move(withdrawal[r][i], target_share));
      }
      const double pending = care_delay_on(params[r]) ? care_pending_at_review(params[r], solution.care, r) : 0.0;
      const double share = effective_extension_share(params[r], escalated_share_of_ots(solution.flows, r), pending);
      change = std::max(change, extension_steps[r].move(extension[r], share));
    }
    // Staff strength follows the pressure the pools carry (starting from full strength).
    solution.availability.resize(solution.staff.pools.size());
    strength_steps.resize(solution.staff.pools.size());
    for (std::size_t k = 0; k < solution.staff.pools.size(); ++k) {
      const StaffAvailability target = strength_of(solution.staff, params, k);
      StaffAvailability& a = solution.availability[k];
      change = std::max(change, strength_steps[k][0].move(a.productive_share, target.productive_share));
      change = std::max(change, strength_steps[k][1].move(a.vacant_share, target.vacant_share));
      // Rework is in hours: it settles with the rest, so it does not decide convergence.
      strength_steps[k][2].move(a.rework_hours_per_year_per_position, target.rework_hours_per_year_per_position);
      a.departure_rate_per_year = target.departure_rate_per_year;
      a.temporary_share = target.temporary_share;
      a.sick_share = target.sick_share;
      a.spend_share_of_budget = target.spend_share_of_budget;
    }
    if (change < settled) break;
    if (round == most_rounds) {
      converged = false;
      break;
    }
  }
  solution.summary = summarise(solution.flows, extension);
  for (const PoolEstimate& pool : solution.staff.pools) solution.summary.rvdk_withdrawals_per_year += pool.withdrawn_children_per_day * days_per_year;
  for (const CareEstimate& e : solution.care) solution.summary.care_withdrawals_per_year += e.withdrawn_children_per_day * days_per_year;
  solution.summary.iterations = rounds;
  solution.summary.converged = converged;
  for (const Parameters& p : params) {
    solution.summary.staff_dynamics_on = solution.summary.staff_dynamics_on || p.workforce.staff_dynamics != 0;
  }
  record_strength(solution.staff, solution.availability);
  return solution;
}

}  // namespace ketensim::model::analytic
