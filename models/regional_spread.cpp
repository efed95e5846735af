// SPDX-License-Identifier: MIT
#include "models/regional_spread.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace ketensim::model {

std::string spread_unit(const std::string& stage, const std::string& placement, const Region& region) {
  const bool moved = placement != "baseline";
  if (stage == "vt_triage") return "vt:" + region.vt_region;
  if (stage == "vt_investigation" || stage == "rvdk") {
    if (placement == "national") return stage + ":national";
    if (moved) return stage + ":" + region.code;
    return stage == "rvdk" ? "rvdk:" + region.rvdk_area : "vt:" + region.vt_region;
  }
  if (stage == "gi") return "gi:" + region.gi_area;
  return stage + ":" + region.code;
}

double weighted_quantile(std::vector<WeightedValue> values, double p) {
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("weighted_quantile: p must be within [0, 1]");
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end(), [](const WeightedValue& a, const WeightedValue& b) { return a.value < b.value; });
  double total = 0;
  for (const auto& v : values) total += v.weight;
  if (!(total > 0)) return std::numeric_limits<double>::quiet_NaN();
  double before = 0;
  for (const auto& v : values) {
    before += v.weight;
    if (before >= p * total) return v.value;
  }
  return values.back().value;
}

}  // namespace ketensim::model
