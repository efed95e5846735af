// SPDX-License-Identifier: MIT
#include "models/analytic/chain_routing.h"

#include <algorithm>

#include "models/analytic/holding_times.h"

namespace ketensim::model::analytic {
namespace {

constexpr double days_per_year = 365.0;

void route(Eigen::MatrixXd& m, FlowNode from, FlowNode to, double probability) {
  m(static_cast<Eigen::Index>(index_of(from)), static_cast<Eigen::Index>(index_of(to))) += probability;
}

// The court's outcome for a granted request, split over the area's GI and the national GIs.
void route_ruling(Eigen::MatrixXd& m, const Parameters& p, Urgency urgency) {
  const double granted = p.court.grant_share;
  const double national = p.gi.national_share;
  auto to_gi = [&](GiMeasure measure, double share) {
    route(m, FlowNode::court, gi_node(measure, false), granted * share * (1.0 - national));
    route(m, FlowNode::court, gi_node(measure, true), granted * share * national);
  };
  if (urgency != Urgency::normal) {
    to_gi(GiMeasure::provisional_ots, 1.0);
  } else {
    to_gi(GiMeasure::guardianship, p.court.share_guardianship);
    to_gi(GiMeasure::ots, 1.0 - p.court.share_guardianship);
  }
}

// Care a measure needs, drawn at the ruling: a placement takes a type with
// `share_of_out_of_home`; otherwise care at home is needed with `gi.share_needing_care_at_home`.
// Only requests that reach the providers before the measure ends count as care arrivals.
void route_measure_care(Eigen::MatrixXd& m, const Parameters& p, GiMeasure measure, Urgency urgency) {
  if (measure == GiMeasure::youth_probation) return;
  const bool placed = measure == GiMeasure::guardianship || urgency == Urgency::crisis;
  const double out_of_home = placed ? 1.0 : p.court.share_out_of_home;
  const double at_home_with_care = (1.0 - out_of_home) * p.gi.share_needing_care_at_home;
  const double reaches = care_request_reaches_care(p, measure);
  for (const CareType type : all_care_types) {
    const auto& care = p.care_of(type);
    const double share = out_of_home * care.share_of_out_of_home + at_home_with_care * care.share_of_needs_at_home;
    for (const bool national : {false, true}) route(m, gi_node(measure, national), care_node(type), share * reaches);
  }
}

// A request for a protection investigation: the Board may answer it with advice and send
// the family back to the local team (`rvdk.share_screened_out`).
void route_to_rvdk(Eigen::MatrixXd& m, const Parameters& p, FlowNode from, double probability) {
  route(m, from, FlowNode::rvdk_protection, probability * (1.0 - p.rvdk.share_screened_out));
  route(m, from, FlowNode::local_team, probability * p.rvdk.share_screened_out);
}

}  // namespace

double mean_children_per_family(const Parameters& p) {
  return 1.0 * p.family.share_one_child + 2.0 * p.family.share_two_children + 3.0 * p.family.share_three_children +
         4.0 * p.family.share_four_children;
}

Eigen::MatrixXd chain_routing(const Parameters& p, Urgency urgency) {
  const auto n = static_cast<Eigen::Index>(flow_node_count);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  route(m, FlowNode::vt_triage, FlowNode::vt_investigation, p.vt.share_triage_to_investigation);
  route(m, FlowNode::vt_triage, FlowNode::local_team, p.vt.share_triage_to_local_team);
  route_to_rvdk(m, p, FlowNode::vt_investigation, p.vt.share_investigation_to_rvdk);
  route(m, FlowNode::vt_investigation, FlowNode::local_team, p.vt.share_investigation_to_local_team);
  // What remains of an investigation goes to voluntary ambulatory care.
  route(m, FlowNode::vt_investigation, FlowNode::care_ambulatory,
        std::max(0.0, 1.0 - p.vt.share_investigation_to_rvdk - p.vt.share_investigation_to_local_team));
  route_to_rvdk(m, p, FlowNode::local_team, p.local_team.share_escalate_to_rvdk);
  route(m, FlowNode::rvdk_protection, FlowNode::court, p.rvdk.share_request_measure);
  route(m, FlowNode::rvdk_protection, FlowNode::local_team, 1.0 - p.rvdk.share_request_measure);
  route_ruling(m, p, urgency);
  for (const GiMeasure measure : all_gi_measures) route_measure_care(m, p, measure, urgency);
  return m;
}

Eigen::VectorXd external_inflow(const Parameters& p, double region_share, double report_share, Urgency urgency) {
  Eigen::VectorXd gamma = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(flow_node_count));
  auto add_share = [&](FlowNode node, double per_year, double share) {
    gamma(static_cast<Eigen::Index>(index_of(node))) += per_year * share / days_per_year;
  };
  auto add = [&](FlowNode node, double per_year) { add_share(node, per_year, region_share); };
  const double urgent = p.inflow.urgent_share;
  const double reported_children = p.inflow.vt_reports_per_year * mean_children_per_family(p);
  if (urgency == Urgency::crisis) return gamma;  // a crisis only comes from an escalation
  if (urgency == Urgency::urgent) {
    add_share(FlowNode::vt_triage, reported_children * urgent, report_share);
    return gamma;
  }
  // The other sources bring single children and are never urgent (models/chain_flow.cpp).
  add_share(FlowNode::vt_triage, reported_children * (1.0 - urgent), report_share);
  add(FlowNode::rvdk_other, p.inflow.rvdk_other_cases_per_year);
  add(FlowNode::rvdk_protection, p.inflow.rvdk_requests_police_other_per_year);
  const double probation = p.inflow.youth_probation_children_per_year;
  add(gi_node(GiMeasure::youth_probation, false), probation * (1.0 - p.gi.national_share));
  add(gi_node(GiMeasure::youth_probation, true), probation * p.gi.national_share);
  for (const CareType type : all_care_types) add(care_node(type), p.care_of(type).external_demand_children_per_year);
  return gamma;
}

}  // namespace ketensim::model::analytic
