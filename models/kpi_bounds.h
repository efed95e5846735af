// SPDX-License-Identifier: MIT
#pragma once
#include <string>

#include "sim/statistics.h"

namespace ketensim::model {

/// The values a KPI can take, from its name and unit (docs/output-format.md), so that its
/// interval respects them: shares within [0, 1] (utilisation may pass 1: work started over
/// hours available), every other KPI of a run is a wait, a count, a rate or a cost and so
/// non-negative. An unknown unit gets no bound.
inline sim::Bounds kpi_bounds(const std::string& name, const std::string& unit) {
  if (unit == "share") return name == "utilisation" ? sim::Bounds::non_negative : sim::Bounds::unit_interval;
  for (const char* non_negative : {"days", "children", "children/year", "families", "families/year", "reports/year",
                                   "1/year", "people/year", "euros/year", "children/FTE", "changes/child", "count", "ratio"}) {
    if (unit == non_negative) return sim::Bounds::non_negative;
  }
  return sim::Bounds::none;
}

}  // namespace ketensim::model
