// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <vector>

#include "models/analytic/chain_flows.h"
#include "models/analytic/flow_report.h"
#include "models/scenario.h"

namespace ketensim::model::analytic {

/// The staff pools of a scenario, laid out as the model lays them out (models/chain_pools.cpp:
/// one per VT region and RvdK area, the moved functions (a) and (b) when the placement is not
/// the baseline, one per GI area and the national GIs), with their estimates and the wait
/// each pooled node of each region sees.
struct StaffPools {
  std::vector<PoolEstimate> pools;
  /// [region][node]: the pool that serves the node's children (pooled nodes only).
  std::vector<std::array<std::size_t, flow_node_count>> pool_of;
  /// [pool][node]: mean wait of the node's children at that pool; NaN where it has none.
  std::vector<std::array<double, flow_node_count>> node_wait_days;

  [[nodiscard]] double wait_days(std::size_t region, FlowNode node) const {
    return node_wait_days[pool_of[region][index_of(node)]][index_of(node)];
  }
  [[nodiscard]] const PoolEstimate& pool_serving(std::size_t region, FlowNode node) const {
    return pools[pool_of[region][index_of(node)]];
  }
};

/// Estimates every staff pool from the solved flows (docs/analytic.md, "Staff pools").
StaffPools estimate_staff_pools(const Scenario& scenario, const ChainFlows& flows);

/// The sum over one organisation's pools, as a pool with area "national" and `total` set.
PoolEstimate organisation_total(const std::vector<PoolEstimate>& pools, const std::string& organisation);

}  // namespace ketensim::model::analytic
