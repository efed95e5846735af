// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

#include "models/region_table.h"

namespace ketensim::model {

/// What serves `region` at `stage` under `placement` ("baseline", "regional", "national"):
/// its VT region, RvdK area or GI area, the region itself for a regional team and for care,
/// "national" for a national pool. Regions with the same unit share one queue, so a spread
/// across regions counts the unit once, with their population (docs/scenario-comparison.md).
std::string spread_unit(const std::string& stage, const std::string& placement, const Region& region);

/// A value with its weight (a unit's youth population).
struct WeightedValue {
  double value;
  double weight;
};

/// Weighted quantile, the inverse of the weighted distribution function: the smallest value
/// whose units carry at least p of the total weight, i.e. the value of the child at that
/// place in the population (with equal weights, Hyndman & Fan definition 1). NaN for an
/// empty sample. Throws std::invalid_argument unless 0 <= p <= 1.
double weighted_quantile(std::vector<WeightedValue> values, double p);

}  // namespace ketensim::model
