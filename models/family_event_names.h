// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ketensim::model::family_event {

// Codes of the `event` column of the per-family event log (docs/output-format.md).
inline constexpr std::uint8_t arrive = 0;      // reached a stage (detail: -1)
inline constexpr std::uint8_t start = 1;       // service started (detail: worker id or care provider)
inline constexpr std::uint8_t complete = 2;    // service completed at the stage
inline constexpr std::uint8_t hand_over = 3;   // sent to another organisation (detail: target stage)
inline constexpr std::uint8_t ruling = 4;      // court ruling (detail: measure code, -1 refused)
inline constexpr std::uint8_t care_start = 5;  // care started (detail: care type)
inline constexpr std::uint8_t care_end = 6;    // care ended (detail: care type)
inline constexpr std::uint8_t review = 7;      // measure term ended (detail: 1 extended, 0 ended)
inline constexpr std::uint8_t leave = 8;       // left the chain (detail: leave reason)
inline constexpr std::uint8_t withdraw = 9;    // left a waiting list, the need met elsewhere (detail: care type, -1 a Board request)

inline std::vector<std::string> names() {
  return {"arrive", "start", "complete", "hand_over", "ruling", "care_start", "care_end", "review", "leave", "withdraw"};
}

}  // namespace ketensim::model::family_event
