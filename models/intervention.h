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
  /// The exact run day of a dated change (an input series); negative: start_years x 365.
  double start_day = -1;
  /// Part of an input series (written back as its [[series]] table, not as an intervention).
  bool from_series = false;

  /// Run day on which the change starts.
  [[nodiscard]] double starts_on_day() const { return start_day >= 0 ? start_day : start_years * 365.0; }

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

/// Why `key` cannot change during a run, or "" when it can: run settings, the initial state,
/// the hand-over links (the platform's zones are built at the start) and the staff-dynamics
/// switch (its weekly ticks are scheduled at the start) are fixed for the whole run.
inline std::string fixed_for_the_run(const std::string& key) {
  if (key.rfind("run.", 0) == 0) return "run settings are fixed at the start";
  if (key.rfind("initial.", 0) == 0 || key.find(".initial_") != std::string::npos) return "the initial state is fixed at the start";
  if (key.rfind("handover.", 0) == 0) return "the hand-over links are built at the start";
  if (key == "workforce.staff_dynamics") return "staff dynamics are switched on or off for the whole run";
  return "";
}

}  // namespace ketensim::model
