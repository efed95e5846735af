// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

namespace ketensim::model {

/// One timed change of an improvement plan: from `start_years` on, `key` is set, raised or
/// multiplied for the listed regions (all when empty), reaching its new value linearly over
/// `ramp_days` (at once when 0). See docs/scenario-comparison.md.
struct Intervention {
  enum class How { set, add, multiply };
  std::string name;
  std::string where;  // "FILE:LINE" of the [[intervention]] table, for messages
  double start_years = 0;
  double ramp_days = 0;
  std::vector<std::string> regions;  // region codes; empty: every region
  std::string key;
  How how = How::set;
  double value = 0;

  /// The key's value after the change, from its value before.
  [[nodiscard]] double applied_to(double before) const {
    switch (how) {
      case How::set: return value;
      case How::add: return before + value;
      case How::multiply: return before * value;
    }
    return before;
  }
};

}  // namespace ketensim::model
