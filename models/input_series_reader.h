// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "models/input_series.h"

namespace ketensim::model {

/// What a [[series]] table is checked against.
struct SeriesContext {
  std::string label;                     // the scenario file, for "FILE:LINE" in messages
  CalendarDate start;                    // run.start_date (day 0)
  double run_years = 0;                  // run.years: every date must fall within the run
  std::vector<std::string> region_codes; // the regions simulated
  /// The hint after "unknown key; " for a key that is not in the defaults table.
  std::function<std::string(const std::string& key)> unknown_key_hint;
};

/// Reads and checks one [[series]] table: a known numeric key that can change during a run,
/// `interpolation` "step" (default) or "linear", `values` as { from = DATE, value = NUMBER }
/// tables with strictly increasing dates inside the run and values within the key's bounds,
/// optional `regions` and `source`. Throws ScenarioError "FILE:LINE: series.FIELD ...: what
/// was expected".
InputSeries read_input_series(const toml::table& table, const SeriesContext& context);

/// A TOML local date as a calendar date; nullopt for any other node.
std::optional<CalendarDate> calendar_date_of(const toml::node& node);

}  // namespace ketensim::model
