// SPDX-License-Identifier: MIT
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace ketensim::model {

/// The youth-care types a measure can need, each with its own capacity and waiting list.
enum class CareType : std::uint8_t { ambulatory, intensive_ambulatory, foster_care, family_home, residential, closed };

inline constexpr std::size_t care_type_count = 6;
inline constexpr std::array<CareType, care_type_count> all_care_types = {
    CareType::ambulatory,  CareType::intensive_ambulatory, CareType::foster_care,
    CareType::family_home, CareType::residential,          CareType::closed};

constexpr std::string_view care_type_name(CareType type) {
  switch (type) {
    case CareType::ambulatory: return "ambulatory";
    case CareType::intensive_ambulatory: return "intensive_ambulatory";
    case CareType::foster_care: return "foster_care";
    case CareType::family_home: return "family_home";
    case CareType::residential: return "residential";
    case CareType::closed: return "closed";
  }
  return "?";
}

/// Care at home (ambulatory types) versus care with residence (out-of-home placement).
constexpr bool is_out_of_home(CareType type) {
  return type == CareType::foster_care || type == CareType::family_home || type == CareType::residential ||
         type == CareType::closed;
}

/// The heavier care a crisis calls for while a family waits for `type` (loop L4,
/// docs/workforce.md); residential and closed care have nothing heavier.
constexpr CareType heavier_care(CareType type) {
  switch (type) {
    case CareType::ambulatory: return CareType::intensive_ambulatory;
    case CareType::intensive_ambulatory:
    case CareType::foster_care:
    case CareType::family_home: return CareType::residential;
    default: return type;
  }
}

}  // namespace ketensim::model
