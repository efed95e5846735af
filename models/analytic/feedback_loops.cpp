// SPDX-License-Identifier: MIT
#include "models/analytic/feedback_loops.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/analytic/care_places.h"
#include "models/analytic/chain_routing.h"
#include "models/analytic/escalation.h"

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

// The nodes where children wait for a staff pool (a care list is the other place to wait).
constexpr FlowNode pooled_nodes[] = {
    FlowNode::vt_triage,          FlowNode::vt_investigation,   FlowNode::rvdk_protection,
    FlowNode::rvdk_other,         FlowNode::gi_ots,             FlowNode::gi_provisional_ots,
    FlowNode::gi_guardianship,    FlowNode::gi_youth_probation, FlowNode::gi_national_ots,
    FlowNode::gi_national_provisional_ots, FlowNode::gi_national_guardianship, FlowNode::gi_national_youth_probation};

// The GI nodes whose children are reviewed as an OTS (a provisional OTS may become one).
constexpr FlowNode ots_nodes[] = {FlowNode::gi_ots, FlowNode::gi_provisional_ots, FlowNode::gi_national_ots,
                                  FlowNode::gi_national_provisional_ots};

bool escalation_on(const Parameters& p) {
  return p.feedback.l4_escalation != 0 && p.escalation.share_within_90_days_waiting > 0.0;
}
bool care_delay_on(const Parameters& p) {
  return p.feedback.l5_care_delay != 0 && p.gi.extension_extra_share_care_not_started > 0.0;
}

// Urgent children are taken at once, so the whole wait falls on the normal ones: their mean
// wait is the list's over all arrivals times all / normal.
double normal_wait(double wait_days_all, double all, double normal) {
  if (!(normal > 0.0)) return 0.0;
  return wait_days_all * all / normal;
}

// Share of the normal children arriving at each node of region r who escalate there.
std::array<double, flow_node_count> escalating_shares(const ChainFlows& flows, const StaffPools& staff,
                                                      const std::vector<CareEstimate>& care, std::size_t r) {
  std::array<double, flow_node_count> shares{};
  const Parameters& p = flows.params[r];
  if (!escalation_on(p)) return shares;
  const double slope = escalation_hazard_slope(p.escalation.share_within_90_days_waiting);
  auto share_at = [&](FlowNode node, double wait_probability, double wait_days_all) {
    const double all = flows.at(r, node);
    const double normal = flows.class_at(r, FlowClass::normal, node);
    if (!(normal > 0.0) || std::isnan(wait_days_all)) return 0.0;
    return share_escalating(slope, wait_probability, normal_wait(wait_days_all, all, normal));
  };
  for (const FlowNode node : pooled_nodes) {
    if (flows.at(r, node) > 0.0) shares[index_of(node)] = share_at(node, staff.wait_probability_at(r, node), staff.wait_days(r, node));
  }
  for (const CareType type : all_care_types) {
    const CareEstimate& e = care[r * care_type_count + static_cast<std::size_t>(type)];
    shares[index_of(care_node(type))] = share_at(care_node(type), e.wait_probability, e.wait_days_mean);
  }
  return shares;
}

// Loop L5: the share of OTS children whose needed care has not started at the first review
// (a term after the ruling): requested after an exponential delay, then waiting on the list.
double care_pending_at_review(const Parameters& p, const std::vector<CareEstimate>& care, std::size_t r) {
  const double out_of_home = p.court.share_out_of_home;
  double pending = 0.0;
  for (const CareType type : all_care_types) {
    const auto& c = p.care_of(type);
    const double need = out_of_home * c.share_of_out_of_home +
                        (1.0 - out_of_home) * p.gi.share_needing_care_at_home * c.share_of_needs_at_home;
    if (need <= 0.0) continue;
    const CareEstimate& e = care[r * care_type_count + static_cast<std::size_t>(type)];
    const double wait = std::isnan(e.wait_days_mean) ? 0.0 : e.wait_days_mean;
    pending += need * still_pending(p.gi.care_request_days_mean, e.wait_probability, wait, p.gi.ots_term_days);
  }
  return std::min(1.0, pending);
}

// Share of a region's OTS children who escalated: on the way to the court, while waiting for
// a guardian, or while waiting for the care their measure needs.
double escalated_share_of_ots(const ChainFlows& flows, std::size_t r) {
  const auto& net = flows.regions[r];
  double all = 0.0, escalated = 0.0;
  for (const FlowNode node : ots_nodes) {
    all += flows.at(r, node);
    escalated += flows.escalated_at(r, node) + net.escalating[index_of(node)];
  }
  if (!(all > 0.0)) return 0.0;
  for (const CareType type : all_care_types) {
    const FlowNode care = care_node(type);
    const double normal = flows.class_at(r, FlowClass::normal, care);
    if (!(normal > 0.0)) continue;
    double from_ots = 0.0;
    for (const FlowNode node : ots_nodes) from_ots += flows.between(r, node, care);
    escalated += net.escalating[index_of(care)] * std::min(1.0, from_ots / normal);
  }
  return std::min(1.0, escalated / all);
}

// One extension share with the mean number of OTS terms of the mix: normal children extend
// with q at every review (plus the L5 extra at the first), escalated ones with q plus the L4
// extra at every review. Mean terms 1 + q1 / (1 - q) for first-review share q1 and later q.
double effective_extension_share(const Parameters& p, double escalated, double pending) {
  const double q = p.gi.share_ots_extended;
  const double l4 = escalation_on(p) ? p.escalation.extension_extra_share : 0.0;
  const double l5 = care_delay_on(p) ? p.gi.extension_extra_share_care_not_started * pending : 0.0;
  auto mean_terms = [](double first, double later) {
    if (later >= 1.0) return std::numeric_limits<double>::infinity();
    return 1.0 + std::min(1.0, first) / (1.0 - later);
  };
  const double qe = std::min(1.0, q + l4);
  const double terms = (1.0 - escalated) * mean_terms(q + l5, q) + escalated * mean_terms(qe + l5, qe);
  if (std::isinf(terms)) return 1.0;
  return 1.0 - 1.0 / terms;
}

// Families in the normal class at a node per child: single children from the RvdK's other
// cases, youth probation and care demand from outside; reported families otherwise.
double children_per_family(const ChainFlows& flows, std::size_t r, FlowNode node) {
  const Parameters& p = flows.params[r];
  const double family = mean_children_per_family(p);
  switch (node) {
    case FlowNode::rvdk_other:
    case FlowNode::gi_youth_probation:
    case FlowNode::gi_national_youth_probation: return 1.0;
    default: break;
  }
  if (index_of(node) < index_of(FlowNode::care_ambulatory)) return family;
  const CareType type = static_cast<CareType>(index_of(node) - index_of(FlowNode::care_ambulatory));
  const double normal = flows.class_at(r, FlowClass::normal, node);
  const double outside = std::min(normal, p.care_of(type).external_demand_children_per_year * flows.region_share[r] / days_per_year);
  const double families = outside + (normal - outside) / family;
  return families > 0.0 ? normal / families : 1.0;
}

// The long-run strength of pool k at the caseload it carries now.
StaffAvailability strength_of(const StaffPools& staff, const std::vector<Parameters>& params, std::size_t k) {
  const PoolEstimate& pool = staff.pools[k];
  const Parameters& p = params[staff.first_region[k]];
  if (p.workforce.staff_dynamics == 0 || pool.positions < 1) return StaffAvailability{};
  const double norm = staff.norm_children_per_fte[k] * pool.fte;
  const double held = std::isfinite(pool.caseload_children_mean) ? pool.caseload_children_mean : pool.slots;
  StaffPosition position;
  position.excess_pressure = norm > 0.0 ? excess_at_mean(held / norm) : 0.0;
  position.children = held / pool.positions;
  position.fte = pool.fte / pool.positions;
  return staff_availability(p, position);
}

void record_strength(StaffPools& staff, const std::vector<StaffAvailability>& availability) {
  for (std::size_t k = 0; k < staff.pools.size(); ++k) {
    PoolEstimate& pool = staff.pools[k];
    const StaffAvailability& a = availability[k];
    const double norm = staff.norm_children_per_fte[k] * pool.fte;
    pool.pressure_mean = norm > 0.0 ? pool.caseload_children_mean / norm : 0.0;
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
  std::vector<double> extension(regions);
  for (std::size_t r = 0; r < regions; ++r) extension[r] = params[r].gi.share_ots_extended;
  std::vector<std::array<Relaxation, flow_node_count>> escalation_steps(regions);
  std::vector<Relaxation> extension_steps(regions);
  std::vector<std::array<Relaxation, 3>> strength_steps;  // productive share, vacancy, rework
  LoopSolution solution;
  for (int round = 1;; ++round) {
    std::vector<Parameters> now = params;
    for (std::size_t r = 0; r < regions; ++r) now[r].gi.share_ots_extended = extension[r];
    solution.flows = solve_chain_flows(scenario, std::move(now), escalation);
    solution.staff = estimate_staff_pools(scenario, solution.flows, solution.availability);
    solution.care = estimate_care(scenario, solution.flows);
    solution.summary.iterations = round;

    double change = 0.0;
    for (std::size_t r = 0; r < regions; ++r) {
      const auto target = escalating_shares(solution.flows, solution.staff, solution.care, r);
      for (std::size_t i = 0; i < flow_node_count; ++i) {
        change = std::max(change, escalation_steps[r][i].move(escalation[r][i], target[i]));
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
      solution.summary.converged = false;
      break;
    }
  }
  LoopSummary summary = summarise(solution.flows, extension);
  summary.iterations = solution.summary.iterations;
  summary.converged = solution.summary.converged;
  for (const Parameters& p : params) summary.staff_dynamics_on = summary.staff_dynamics_on || p.workforce.staff_dynamics != 0;
  solution.summary = summary;
  record_strength(solution.staff, solution.availability);
  return solution;
}

}  // namespace ketensim::model::analytic
