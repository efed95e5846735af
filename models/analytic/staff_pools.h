// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <vector>

#include "models/analytic/chain_flows.h"
#include "models/analytic/flow_report.h"
#include "models/analytic/staff_availability.h"
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
  /// [pool]: the share of arrivals that wait at all (every class of a pool sees the same
  /// share: a child waits when all slots are taken, whatever its place in the list).
  std::vector<double> wait_probability;
  /// [pool]: the region whose workforce keys the pool reads (its first, as the model does).
  std::vector<std::size_t> first_region;

  [[nodiscard]] double wait_days(std::size_t region, FlowNode node) const {
    return node_wait_days[pool_of[region][index_of(node)]][index_of(node)];
  }
  [[nodiscard]] double wait_probability_at(std::size_t region, FlowNode node) const {
    return wait_probability[pool_of[region][index_of(node)]];
  }
  /// Share of the node's normal children withdrawn from the pool's list (the Board's).
  [[nodiscard]] double withdrawn_share_at(std::size_t region, FlowNode node) const {
    return pools[pool_of[region][index_of(node)]].withdrawn_share_of_normal;
  }
  [[nodiscard]] const PoolEstimate& pool_serving(std::size_t region, FlowNode node) const {
    return pools[pool_of[region][index_of(node)]];
  }
};

/// Estimates every staff pool from the solved flows (docs/analytic.md, "Staff pools"). With
/// `availability` (one per pool, in the order of `pools`) a pool works at its long-run
/// strength under staff dynamics instead of its full FTE: its hours shrink to the productive
/// share, successors' rework adds to its load, vacant positions take no new child, and at
/// the GI the children on vacant positions count as waiting for a guardian.
StaffPools estimate_staff_pools(const Scenario& scenario, const ChainFlows& flows,
                                const std::vector<StaffAvailability>& availability = {});

/// The sum over one organisation's pools, as a pool with area "national" and `total` set.
PoolEstimate organisation_total(const std::vector<PoolEstimate>& pools, const std::string& organisation);

}  // namespace ketensim::model::analytic
