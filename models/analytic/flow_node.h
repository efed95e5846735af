// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "models/care_type.h"

namespace ketensim::model::analytic {

/// The places a child can be in one region's part of the chain: the nodes of the traffic
/// equations (docs/analytic.md). A family keeps its region from report to care, so each
/// region is its own small network; staff pools add up the nodes of the regions they serve.
///
/// The GI nodes are split by measure because the measure decides how long a guardian holds
/// the child, and by pool (the area's GI or the national GIs, `gi.national_share`).
enum class FlowNode : std::uint8_t {
  vt_triage,
  vt_investigation,
  local_team,
  rvdk_protection,  // protection investigations at the RvdK
  rvdk_other,       // the Board's other cases (divorce, criminal), on the same staff
  court,
  gi_ots,
  gi_provisional_ots,
  gi_guardianship,
  gi_youth_probation,
  gi_national_ots,
  gi_national_provisional_ots,
  gi_national_guardianship,
  gi_national_youth_probation,
  care_ambulatory,
  care_intensive_ambulatory,
  care_foster_care,
  care_family_home,
  care_residential,
  care_closed,
};
inline constexpr std::size_t flow_node_count = 20;

/// The measures a guardian can hold a child for.
enum class GiMeasure : std::uint8_t { ots, provisional_ots, guardianship, youth_probation };
inline constexpr std::array<GiMeasure, 4> all_gi_measures = {GiMeasure::ots, GiMeasure::provisional_ots,
                                                             GiMeasure::guardianship, GiMeasure::youth_probation};

constexpr std::size_t index_of(FlowNode node) { return static_cast<std::size_t>(node); }

constexpr std::string_view flow_node_name(FlowNode node) {
  constexpr std::array<std::string_view, flow_node_count> names = {
      "vt_triage",        "vt_investigation",         "local_team",
      "rvdk_protection",  "rvdk_other",               "court",
      "gi_ots",           "gi_provisional_ots",       "gi_guardianship",
      "gi_youth_probation", "gi_national_ots",        "gi_national_provisional_ots",
      "gi_national_guardianship", "gi_national_youth_probation", "care_ambulatory",
      "care_intensive_ambulatory", "care_foster_care", "care_family_home",
      "care_residential", "care_closed"};
  return names[index_of(node)];
}

constexpr FlowNode care_node(CareType type) {
  return static_cast<FlowNode>(index_of(FlowNode::care_ambulatory) + static_cast<std::size_t>(type));
}

/// The GI node of a measure at the area's GI (`national` false) or at the national GIs.
constexpr FlowNode gi_node(GiMeasure measure, bool national) {
  return static_cast<FlowNode>((national ? index_of(FlowNode::gi_national_ots) : index_of(FlowNode::gi_ots)) +
                               static_cast<std::size_t>(measure));
}

}  // namespace ketensim::model::analytic
