// SPDX-License-Identifier: MIT
#include "models/analytic/loop_effects.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/analytic/chain_routing.h"
#include "models/analytic/escalation.h"

namespace ketensim::model::analytic {
namespace {

constexpr double days_per_year = 365.0;

// The nodes where children wait for a staff pool (a care list is the other place to wait).
constexpr FlowNode pooled_nodes[] = {
    FlowNode::vt_triage,          FlowNode::vt_investigation,   FlowNode::rvdk_protection,
    FlowNode::rvdk_other,         FlowNode::gi_ots,             FlowNode::gi_provisional_ots,
    FlowNode::gi_guardianship,    FlowNode::gi_youth_probation, FlowNode::gi_national_ots,
    FlowNode::gi_national_provisional_ots, FlowNode::gi_national_guardianship, FlowNode::gi_national_youth_probation};

// Urgent children are taken at once, so the whole wait falls on the normal ones: their mean
// wait is the list's over all arrivals times all / normal.
double normal_wait(double wait_days_all, double all, double normal) {
  if (!(normal > 0.0)) return 0.0;
  return wait_days_all * all / normal;
}

}  // namespace

bool escalation_on(const Parameters& p) {
  return p.feedback.l4_escalation != 0 && p.escalation.share_within_90_days_waiting > 0.0;
}
bool care_delay_on(const Parameters& p) {
  return p.feedback.l5_care_delay != 0 && p.gi.extension_extra_share_care_not_started > 0.0;
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
    // The Board's other cases are no protection cases: they do not escalate (chain_flow.cpp).
    if (node == FlowNode::rvdk_other) continue;
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
  const double norm = pool.norm_children;
  const double held = std::isfinite(pool.caseload_children_mean) ? pool.caseload_children_mean : pool.slots;
  StaffPosition position;
  position.excess_pressure = norm > 0.0 ? excess_at_mean(held / norm) : 0.0;
  position.children = held / pool.positions;
  position.fte = pool.fte / pool.positions;
  return staff_availability(p, position);
}

}  // namespace ketensim::model::analytic
