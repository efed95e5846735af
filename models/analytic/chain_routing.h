// SPDX-License-Identifier: MIT
#pragma once
#include <Eigen/Dense>

#include "models/analytic/flow_node.h"
#include "models/parameters.h"

namespace ketensim::model::analytic {

/// How urgent a child's case is: urgent families (an urgent report, or an escalation while
/// waiting, loop L4) jump every waiting list and get a provisional OTS at the court; a
/// crisis (an escalation with `escalation.share_crisis_placement`) is urgent and its measure
/// places the children out of home. Everything else routes the same.
enum class Urgency : std::uint8_t { normal, urgent, crisis };

/// The routing matrix of the chain (FlowNode x FlowNode) from the scenario's shares, as the
/// model routes a family (models/chain_flow.cpp, chain_care.cpp): entry (i, j) is the
/// probability that a child leaving node i goes to node j; the rest of the row leaves the
/// chain (closed with advice, refused by the court, measure ended, care ended). A request to
/// the RvdK that the Board screens out (`rvdk.share_screened_out`) goes back to the local
/// team. Care is requested by a measure's guardian with the shares of
/// `gi.share_needing_care_at_home` and `care.*.share_of_*`, and arrives only if the request
/// reaches the providers before the measure ends; youth probation needs none.
Eigen::MatrixXd chain_routing(const Parameters& p, Urgency urgency);

/// Arrivals from outside the chain in one region, in children per day, by node: reports to
/// VT (families x mean children per family), the RvdK's other cases, youth probation and
/// each care type's demand from outside, all split by the region's youth-population share
/// as the model splits them.
/// `report_share`: the region's share of the VT reports (RegionTable::vt_report_shares);
/// `region_share`: its share of every other inflow (youth population).
Eigen::VectorXd external_inflow(const Parameters& p, double region_share, double report_share, Urgency urgency);

/// Mean number of children in a reported family (`family.share_*`).
double mean_children_per_family(const Parameters& p);

}  // namespace ketensim::model::analytic
