// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <vector>

#include "models/analytic/chain_flows.h"
#include "models/analytic/flow_report.h"
#include "models/analytic/staff_availability.h"
#include "models/analytic/staff_pools.h"
#include "models/parameters.h"

namespace ketensim::model::analytic {

/// What each feedback loop makes of one round of the analytic estimate (docs/analytic.md,
/// "Feedback loops"); feedback_loops.h iterates them to a fixed point. Region `r` and pool
/// `k` index the scenario's regions and the StaffPools' pools.

/// The GI nodes whose children are reviewed as an OTS (a provisional OTS may become one).
inline constexpr FlowNode ots_nodes[] = {FlowNode::gi_ots, FlowNode::gi_provisional_ots, FlowNode::gi_national_ots,
                                         FlowNode::gi_national_provisional_ots};

/// Loop L4 is on: switched on, with a share above 0. Likewise L5.
bool escalation_on(const Parameters& p);
bool care_delay_on(const Parameters& p);

/// L4: the share of the normal children arriving at each node of region r who escalate there,
/// from the waits of the staff pools and care lists serving it (escalation.h).
std::array<double, flow_node_count> escalating_shares(const ChainFlows& flows, const StaffPools& staff,
                                                      const std::vector<CareEstimate>& care, std::size_t r);

/// L5: the share of region r's OTS children whose needed care has not started at the first
/// review, a term after the ruling.
double care_pending_at_review(const Parameters& p, const std::vector<CareEstimate>& care, std::size_t r);

/// L4: the share of region r's OTS children who escalated: on the way to the court, while
/// waiting for a guardian, or while waiting for the care their measure needs.
double escalated_share_of_ots(const ChainFlows& flows, std::size_t r);

/// L4 and L5 together: one OTS extension share with the mix's mean number of terms.
double effective_extension_share(const Parameters& p, double escalated, double pending);

/// Children per family among the normal children at a node (re-reports count families).
double children_per_family(const ChainFlows& flows, std::size_t r, FlowNode node);

/// Staff dynamics (L1, L2): the long-run strength of pool k at the caseload it carries.
StaffAvailability strength_of(const StaffPools& staff, const std::vector<Parameters>& params, std::size_t k);

}  // namespace ketensim::model::analytic
