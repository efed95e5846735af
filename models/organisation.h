// SPDX-License-Identifier: MIT
#pragma once
#include <cstdint>
#include <string_view>

#include "models/parameters.h"

namespace ketensim::model {

/// An organisation with a caseload staff pool: VT, the RvdK, a GI, and the two functions that
/// move in the future scenarios, specialised expertise (a) and judgment (b).
enum class Organisation : std::uint8_t { vt, rvdk, gi, expertise, judgment };

constexpr std::string_view organisation_name(Organisation organisation) {
  switch (organisation) {
    case Organisation::vt: return "vt";
    case Organisation::rvdk: return "rvdk";
    case Organisation::gi: return "gi";
    case Organisation::expertise: return "expertise";
    case Organisation::judgment: return "judgment";
  }
  return "?";
}

/// The staff keys of an organisation (`vt.fte`, `vt.caseload_norm_children`, ...).
inline const PoolParameters& pool_parameters(const Parameters& p, Organisation organisation) {
  switch (organisation) {
    case Organisation::vt: return p.vt.pool;
    case Organisation::rvdk: return p.rvdk.pool;
    case Organisation::gi: return p.gi.pool;
    case Organisation::expertise: return p.expertise.pool;
    case Organisation::judgment: return p.judgment.pool;
  }
  return p.vt.pool;
}

}  // namespace ketensim::model
