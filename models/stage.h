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
  rvdk_other,  // the Board's other cases (divorce, criminal): the RvdK's staff, not protection
};

inline constexpr std::size_t stage_count = 13;

/// Random streams per family: one per stage, except that the Board's other cases draw from
/// the `rvdk` stream (a family is only ever one of the two classes).
inline constexpr std::size_t stage_stream_count = 12;

constexpr std::string_view stage_name(Stage stage) {
  constexpr std::array<std::string_view, stage_count> names = {
      "vt_triage",       "vt_investigation",          "local_team",       "rvdk",
      "court",           "gi",                        "care_ambulatory",  "care_intensive_ambulatory",
      "care_foster_care", "care_family_home",          "care_residential", "care_closed", "rvdk_other"};
  return names[static_cast<std::size_t>(stage)];
}

constexpr Stage care_stage(CareType type) {
  return static_cast<Stage>(static_cast<std::uint8_t>(Stage::care_ambulatory) + static_cast<std::uint8_t>(type));
}

constexpr std::size_t index_of(Stage stage) { return static_cast<std::size_t>(stage); }

/// The family's random stream a stage draws from (see stage_stream_count).
constexpr std::size_t stream_of(Stage stage) {
  return stage == Stage::rvdk_other ? index_of(Stage::rvdk) : index_of(stage);
}

/// The stages whose cases wait for a caseworker of a staff pool.
constexpr bool is_staffed(Stage stage) {
  return stage == Stage::vt_triage || stage == Stage::vt_investigation || stage == Stage::rvdk ||
         stage == Stage::rvdk_other || stage == Stage::gi;
}

}  // namespace ketensim::model
