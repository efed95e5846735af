// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "models/care_type.h"

namespace ketensim::model {

/// Where a family is in the chain. Care stages hold families whose place is the care itself
/// (voluntary care, demand from outside the chain); a family under a measure stays at `gi`
/// while it waits for or receives care.
enum class Stage : std::uint8_t {
  vt_triage,
  vt_investigation,
  local_team,
  rvdk,
  court,
  gi,
  care_ambulatory,
  care_intensive_ambulatory,
  care_foster_care,
  care_family_home,
  care_residential,
  care_closed,
};

inline constexpr std::size_t stage_count = 12;

constexpr std::string_view stage_name(Stage stage) {
  constexpr std::array<std::string_view, stage_count> names = {
      "vt_triage",       "vt_investigation",          "local_team",       "rvdk",
      "court",           "gi",                        "care_ambulatory",  "care_intensive_ambulatory",
      "care_foster_care", "care_family_home",          "care_residential", "care_closed"};
  return names[static_cast<std::size_t>(stage)];
}

constexpr Stage care_stage(CareType type) {
  return static_cast<Stage>(static_cast<std::uint8_t>(Stage::care_ambulatory) + static_cast<std::uint8_t>(type));
}

constexpr std::size_t index_of(Stage stage) { return static_cast<std::size_t>(stage); }

}  // namespace ketensim::model
